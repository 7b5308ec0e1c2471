package org.telecare.storage;

import java.nio.charset.StandardCharsets;

/**
 * Where a record lives. The partition groups records that are read together (and, on Cassandra,
 * stored together on the same replicas); the clustering key orders records within a partition
 * and is what range reads select on (compared as UTF-8 bytes, i.e. by code point).
 *
 * <p>Callers must choose partitions that stay bounded (e.g. per patient, per day), never one
 * partition for all data.
 */
public record RecordKey(String partition, String clustering) {
    /** Generous, but small enough that a key never dominates a record. */
    public static final int MAX_KEY_BYTES = 1024;

    public RecordKey {
        check("partition", partition, false);
        check("clustering", clustering, true);
    }

    public static RecordKey of(String partition, String clustering) {
        return new RecordKey(partition, clustering);
    }

    private static void check(String what, String value, boolean emptyAllowed) {
        if (value == null) {
            throw new IllegalArgumentException(what + " key must not be null");
        }
        if (!emptyAllowed && value.isEmpty()) {
            throw new IllegalArgumentException(what + " key must not be empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(what + " key longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " key must not contain NUL");
        }
    }
}
