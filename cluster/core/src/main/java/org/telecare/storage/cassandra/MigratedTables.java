package org.telecare.storage.cassandra;

import org.telecare.storage.StorageException;
import org.telecare.storage.TableSpec;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The record tables this node knows to exist, because a migration that declares them has been
 * applied (by this node or an earlier one). Checked before any I/O so that a typo in a table
 * name gives a clear error instead of Cassandra's "unconfigured table".
 */
final class MigratedTables {
    private final ConcurrentMap<String, TableSpec> byName = new ConcurrentHashMap<>();

    void add(Collection<TableSpec> tables) {
        tables.forEach(t -> byName.put(t.name(), t));
    }

    /** The declared spec of a table with this name, if any (for conflicting re-declarations). */
    TableSpec declared(String name) {
        return byName.get(name);
    }

    void check(TableSpec table) {
        TableSpec declared = byName.get(table.name());
        if (declared == null) {
            throw new StorageException("table " + table.name() + " has not been migrated on the Cassandra"
                    + " backend: declare it in a SchemaMigration and run migrate() before using it");
        }
        if (declared.compareAndSet() != table.compareAndSet()) {
            throw new StorageException("table " + table.name() + " was declared "
                    + (declared.compareAndSet() ? "compare-and-set" : "plain") + " but is used as "
                    + (table.compareAndSet() ? "compare-and-set" : "plain"));
        }
    }
}
