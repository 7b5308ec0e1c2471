package org.telecare.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A record as read back.
 *
 * @param version   an opaque token that changes on every write of the record; compare-and-set
 *                  operations name the version they expect to replace
 * @param expiresAt when the record disappears by TTL, if it has one (embedded backend exact;
 *                  Cassandra to the second)
 */
public record StoredRecord(RecordKey key, byte[] value, long version, Optional<Instant> expiresAt) {

    public StoredRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRecord r
                && key.equals(r.key) && Arrays.equals(value, r.value)
                && version == r.version && expiresAt.equals(r.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), version, expiresAt);
    }

    @Override
    public String toString() {
        return "StoredRecord[" + key + ", " + value.length + " bytes, version=" + version
                + expiresAt.map(e -> ", expiresAt=" + e).orElse("") + "]";
    }
}
