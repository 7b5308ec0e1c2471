package org.telecare.storage;

import java.util.regex.Pattern;

/**
 * A logical table: one query pattern of one module (Cassandra style: design tables per query,
 * with a partition key that bounds the partition). The name becomes a CQL table name, so it is
 * restricted to lower-case identifiers.
 *
 * @param name  unique across the whole node, conventionally prefixed with the module
 *              ({@code consult_by_patient}, {@code archive_series})
 * @param compareAndSet whether the table is written through compare-and-set. Cassandra does
 *              not allow plain writes and lightweight transactions to be mixed safely on one
 *              row, so the backends refuse plain {@code put}/{@code delete} on such a table.
 */
public record TableSpec(String name, boolean compareAndSet) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public TableSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "table name must match " + NAME.pattern() + ", got: " + name);
        }
    }

    /** A table written with plain puts and deletes. */
    public static TableSpec plain(String name) {
        return new TableSpec(name, false);
    }

    /** A table written only through compare-and-set. */
    public static TableSpec withCompareAndSet(String name) {
        return new TableSpec(name, true);
    }
}
