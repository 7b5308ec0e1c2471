package org.telecare.accounts.role;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.access.Permission;
import org.telecare.accounts.AccountPermissions;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;
import org.telecare.storage.snapshot.TableSnapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles a user can hold: the built-in ones of {@link AccountPermissions} and the custom
 * ones an administrator defines. Answers from memory (every request resolves its principal's
 * permissions through here); custom roles live in table {@code acct_roles}, one partition,
 * kept current on every node by a {@link TableSnapshot}.
 */
public final class RoleCatalog {
    static final TableSpec ROLES = TableSpec.plain("acct_roles");
    private static final String ALL = "all";
    public static final SchemaMigration MIGRATION = new SchemaMigration("accounts-roles", 1, "custom roles",
            List.of(ROLES));

    private final RecordStore store;
    private final TableSnapshot<Role> custom;
    private volatile Map<String, Role> byId;

    public RoleCatalog(Vertx vertx, RecordStore store) {
        this.store = store;
        this.byId = index(List.of());
        this.custom = new TableSnapshot<>(vertx, store, ROLES, ALL,
                r -> Role.fromJson(new JsonObject(new String(r.value(), StandardCharsets.UTF_8))), Duration.ofSeconds(30));
        custom.onChange(roles -> byId = index(roles));
    }

    private static Map<String, Role> index(List<Role> customRoles) {
        Map<String, Role> m = new java.util.HashMap<>();
        customRoles.forEach(r -> m.put(r.id(), r));
        // Built-ins last: a stored record can never shadow one.
        AccountPermissions.BUILT_IN_ROLES.forEach((id, perms) -> m.put(id, new Role(id, id, perms, true)));
        return Map.copyOf(m);
    }

    public Future<Void> start() {
        return custom.start();
    }

    public void close() {
        custom.close();
    }

    public boolean exists(String id) {
        return byId.containsKey(id);
    }

    public Optional<Role> role(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Role> all() {
        List<Role> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Role::builtIn).reversed().thenComparing(Role::id));
        return all;
    }

    /** What holding {@code roles} allows; a role that no longer exists allows nothing. */
    public Set<Permission> permissionsOf(Set<String> roles) {
        Map<String, Role> now = byId;
        Set<Permission> out = new HashSet<>();
        for (String r : roles) {
            Role role = now.get(r);
            if (role != null) {
                out.addAll(role.permissions());
            }
        }
        return Set.copyOf(out);
    }

    public Set<String> ids() {
        return byId.keySet().stream().collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public Future<Void> put(Role role) {
        if (role.builtIn() || AccountPermissions.BUILT_IN_ROLES.containsKey(role.id())) {
            return Future.failedFuture(new IllegalArgumentException("built-in roles cannot be changed"));
        }
        return store.put(ROLES, RecordKey.of(ALL, role.id()), role.toJson().encode().getBytes(StandardCharsets.UTF_8))
                .compose(v -> custom.changed());
    }

    public Future<Void> delete(String id) {
        return store.delete(ROLES, RecordKey.of(ALL, id)).compose(v -> custom.changed());
    }
}
