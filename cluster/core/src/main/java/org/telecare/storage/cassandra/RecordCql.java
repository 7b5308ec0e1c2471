package org.telecare.storage.cassandra;

import org.telecare.storage.TableSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The CQL of one record table, one string per statement kind; the strings are the keys of the
 * prepared-statement cache. Compare-and-set writes are all {@code UPDATE}s (never {@code INSERT}):
 * an insert leaves a row marker that can outlive cells written later with a TTL, which would
 * leave an empty "ghost" row where the record expired.
 */
record RecordCql(String get, String put, String delete, String putIfAbsent, String replaceIf,
                 String deleteIf, List<String> ranges) {

    static RecordCql of(String keyspace, TableSpec spec) {
        String t = Cql.table(keyspace, spec);
        List<String> ranges = new ArrayList<>(8);
        for (int variant = 0; variant < 8; variant++) {
            boolean from = (variant & 1) != 0;
            boolean to = (variant & 2) != 0;
            boolean descending = (variant & 4) != 0;
            ranges.add("SELECT c, v, ver, exp FROM " + t + " WHERE p = ?"
                    + (from ? " AND c >= ?" : "") + (to ? " AND c < ?" : "")
                    + " ORDER BY c " + (descending ? "DESC" : "ASC") + " LIMIT ?");
        }
        return new RecordCql(
                "SELECT c, v, ver, exp FROM " + t + " WHERE p = ? AND c = ?",
                "INSERT INTO " + t + " (p, c, v, ver, exp) VALUES (?, ?, ?, ?, ?) USING TTL ?",
                "DELETE FROM " + t + " WHERE p = ? AND c = ?",
                "UPDATE " + t + " USING TTL ? SET v = ?, ver = ?, exp = ? WHERE p = ? AND c = ? IF ver = null",
                "UPDATE " + t + " USING TTL ? SET v = ?, ver = ?, exp = ? WHERE p = ? AND c = ? IF ver = ?",
                "DELETE FROM " + t + " WHERE p = ? AND c = ? IF ver = ?",
                List.copyOf(ranges));
    }

    /** The range statement for the bounds present and the direction. */
    String range(boolean from, boolean to, boolean descending) {
        return ranges.get((from ? 1 : 0) | (to ? 2 : 0) | (descending ? 4 : 0));
    }
}
