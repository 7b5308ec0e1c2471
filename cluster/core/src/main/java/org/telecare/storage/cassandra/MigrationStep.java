package org.telecare.storage.cassandra;

import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One migration as this backend applies it: idempotent DDL statements, plus the record tables
 * it declares (none for the backend's own tables, which have their own shapes).
 */
record MigrationStep(String module, int version, String description, List<String> ddl, List<TableSpec> tables) {
    static final Comparator<MigrationStep> ORDER =
            Comparator.comparing(MigrationStep::module).thenComparingInt(MigrationStep::version);

    MigrationStep {
        ddl = List.copyOf(ddl);
        tables = List.copyOf(tables);
    }

    /** A module's migration: one record table per {@link TableSpec}. */
    static MigrationStep of(String keyspace, SchemaMigration migration) {
        List<String> ddl = new ArrayList<>();
        for (TableSpec table : migration.tables()) {
            ddl.add(recordTable(keyspace, table));
        }
        return new MigrationStep(migration.module(), migration.version(), migration.description(),
                ddl, migration.tables());
    }

    /**
     * Every record table has the same shape: partition {@code p}, clustering {@code c} (text
     * compares as UTF-8 bytes, i.e. in code-point order, as the SPI promises), the value, the
     * version token that compare-and-set conditions on, and the expiry we computed for the TTL
     * (kept so that every read reports the same instant, which {@code TTL(v)} would not).
     */
    static String recordTable(String keyspace, TableSpec table) {
        return "CREATE TABLE IF NOT EXISTS " + Cql.table(keyspace, table)
                + " (p text, c text, v blob, ver bigint, exp timestamp, PRIMARY KEY ((p), c))"
                + " WITH CLUSTERING ORDER BY (c ASC)"
                + " AND comment = " + Cql.literal("telecare record table " + table.name()
                + (table.compareAndSet() ? " (written only through lightweight transactions)" : ""));
    }

    String label() {
        return module + " v" + version + " (" + description + ")";
    }
}
