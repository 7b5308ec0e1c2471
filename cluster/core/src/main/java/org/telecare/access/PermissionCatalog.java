package org.telecare.access;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every permission the loaded modules know, each with a line saying what it allows. Modules
 * declare theirs when they start; the accounts module provides the catalog and checks custom
 * roles against it, so a role cannot be given a permission nothing enforces (a typo would
 * otherwise grant nothing, silently).
 */
public final class PermissionCatalog {
    private final Map<Permission, String> known = new ConcurrentSkipListMap<>(
            java.util.Comparator.comparing(Permission::code));

    public PermissionCatalog declare(Permission permission, String description) {
        known.put(permission, description);
        return this;
    }

    public boolean knows(Permission permission) {
        return known.containsKey(permission);
    }

    public Optional<String> describe(Permission permission) {
        return Optional.ofNullable(known.get(permission));
    }

    /** By code. */
    public Map<Permission, String> all() {
        TreeMap<Permission, String> copy = new TreeMap<>(java.util.Comparator.comparing(Permission::code));
        copy.putAll(known);
        return java.util.Collections.unmodifiableMap(copy);
    }
}
