package org.telecare.accounts.role;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.PermissionCatalog;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.AccountPermissions;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.http.AccountEvents;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Roles and permissions (SEC-4): {@code GET /admin/roles}, {@code GET /admin/permissions}, and
 * custom roles, {@code POST /admin/roles}, {@code PUT|DELETE /admin/roles/:role}. Built-in roles
 * are read-only; a custom role holds only permissions some module declared, and never audit
 * reading together with administration.
 */
public final class RoleRoutes {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    private final RoleCatalog roles;
    private final PermissionCatalog permissions;
    private final AccountDirectory directory;
    private final AccountEvents events;

    public RoleRoutes(RoleCatalog roles, PermissionCatalog permissions, AccountDirectory directory, AccountEvents events) {
        this.roles = roles;
        this.permissions = permissions;
        this.directory = directory;
        this.events = events;
    }

    public void mount(Router api, AccessGuard guard) {
        api.get("/admin/roles").handler(guard.require(AccountPermissions.ROLES_READ)).handler(this::list);
        api.get("/admin/permissions").handler(guard.require(AccountPermissions.ROLES_READ)).handler(this::catalog);
        api.post("/admin/roles").handler(guard.require(AccountPermissions.ROLES_WRITE)).handler(this::create);
        api.put("/admin/roles/:role").handler(guard.require(AccountPermissions.ROLES_WRITE)).handler(this::replace);
        api.delete("/admin/roles/:role").handler(guard.require(AccountPermissions.ROLES_WRITE)).handler(this::remove);
    }

    private void list(RoutingContext ctx) {
        ctx.json(new JsonArray(roles.all().stream().map(Role::toJson).toList()));
    }

    private void catalog(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        permissions.all().forEach((p, d) -> out.add(new JsonObject().put("code", p.code()).put("description", d)));
        ctx.json(out);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = JsonBody.of(ctx);
        String id = JsonBody.matching(body, "id", ID, "2-32 lower-case letters, digits or '-', starting with a letter");
        if (roles.exists(id)) {
            throw new ApiException(409, AccountErrors.ROLE_TAKEN, "role '" + id + "' exists already");
        }
        save(ctx, id, body, 201, "admin.role.create");
    }

    private void replace(RoutingContext ctx) {
        String id = ctx.pathParam("role");
        Role existing = roles.role(id).orElseThrow(() -> AccountErrors.notFound("role " + id));
        if (existing.builtIn()) {
            throw AccountErrors.forbidden("changing built-in role " + id);
        }
        save(ctx, id, JsonBody.of(ctx), 200, "admin.role.update");
    }

    private void save(RoutingContext ctx, String id, JsonObject body, int status, String action) {
        Principal p = AccessGuard.principal(ctx);
        Role role = new Role(id, JsonBody.text(body, "name", 64), permissionsOf(body), false);
        if (!p.permissions().containsAll(role.permissions())
                && !p.has(AccountPermissions.ALL_HOSPITALS)) {
            throw AccountErrors.forbidden("defining a role with permissions one does not hold");
        }
        roles.put(role).onSuccess(v -> {
            events.administered(ctx, p, action, "role", id);
            ctx.response().setStatusCode(status);
            ctx.json(role.toJson());
        }).onFailure(ctx::fail);
    }

    private Set<Permission> permissionsOf(JsonObject body) {
        if (!(body.getValue("permissions") instanceof JsonArray array) || array.isEmpty() || array.size() > 200) {
            throw ApiException.badRequest("field 'permissions' must be a list of 1-200 permission codes");
        }
        Set<Permission> out = new HashSet<>();
        for (Object o : array) {
            Permission p;
            try {
                p = Permission.of(o instanceof String s ? s : "");
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'permissions': " + e.getMessage());
            }
            if (!permissions.knows(p)) {
                throw ApiException.badRequest("field 'permissions': unknown permission '" + p
                        + "' (GET /admin/permissions lists them)");
            }
            out.add(p);
        }
        if (AccountPermissions.mixesAuditWithAdministration(out)) {
            throw ApiException.badRequest("a role may not combine audit.read with admin.* permissions"
                    + " (system, security and audit administrators are kept apart)");
        }
        return out;
    }

    private void remove(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = ctx.pathParam("role");
        Role existing = roles.role(id).orElseThrow(() -> AccountErrors.notFound("role " + id));
        if (existing.builtIn()) {
            throw AccountErrors.forbidden("removing built-in role " + id);
        }
        directory.allUsers().compose(users -> {
            long holders = users.stream().filter(u -> u.roles().contains(id)).count();
            return holders > 0 ? Future.<Void>failedFuture(AccountErrors.roleInUse(id, (int) holders)) : roles.delete(id);
        }).onSuccess(v -> {
            events.administered(ctx, p, "admin.role.delete", "role", id);
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }
}
