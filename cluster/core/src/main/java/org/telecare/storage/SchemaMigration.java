package org.telecare.storage;

import java.util.List;
import java.util.Objects;

/**
 * One versioned step of a module's schema. Backends apply each step once, in version order,
 * and record it (module, version, description, when, by which node); applying again is a
 * no-op, so every node may run the migrations at start.
 *
 * <p>A step only adds tables: renaming or dropping is done by adding new tables and copying,
 * which keeps rolling upgrades of a cluster safe.
 */
public record SchemaMigration(String module, int version, String description, List<TableSpec> tables) {
    public SchemaMigration {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(description, "description");
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, got " + version);
        }
        tables = List.copyOf(tables);
    }
}
