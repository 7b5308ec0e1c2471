package org.telecare.accounts.role;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.access.Permission;

import java.util.Set;

/** A named bundle of permissions (SEC-4): built into the product, or defined by an administrator. */
public record Role(String id, String name, Set<Permission> permissions, boolean builtIn) {
    public Role {
        permissions = Set.copyOf(permissions);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("builtIn", builtIn)
                .put("permissions", new JsonArray(permissions.stream().map(Permission::code).sorted().toList()));
    }

    static Role fromJson(JsonObject j) {
        Set<Permission> perms = new java.util.HashSet<>();
        j.getJsonArray("permissions").forEach(p -> perms.add(Permission.of((String) p)));
        return new Role(j.getString("id"), j.getString("name"), perms, false);
    }
}
