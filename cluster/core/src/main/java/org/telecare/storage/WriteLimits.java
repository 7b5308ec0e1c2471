package org.telecare.storage;

import java.time.Duration;
import java.util.Objects;

/** The checks every backend applies to a write before any I/O, so both answer alike. */
public final class WriteLimits {
    /** Cassandra's own ceiling for a TTL (20 years); the embedded store keeps to it too. */
    public static final Duration MAX_TTL = Duration.ofSeconds(630_720_000L);

    private WriteLimits() {
    }

    public static void checkValue(byte[] value) {
        Objects.requireNonNull(value, "value must not be null");
        if (value.length > RecordStore.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value of " + value.length + " bytes exceeds the "
                    + RecordStore.MAX_VALUE_BYTES + "-byte record limit; store it as a blob");
        }
    }

    /** A null TTL means none; otherwise whole seconds (Cassandra's unit), 1 s .. 20 years. */
    public static void checkTtl(Duration ttl) {
        if (ttl == null) {
            return;
        }
        if (ttl.isNegative() || ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("ttl must be at least one second, got " + ttl);
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be at most " + MAX_TTL.toSeconds() + " s, got " + ttl);
        }
    }

    /** Plain writes on a compare-and-set table would race the CAS protocol on Cassandra. */
    public static void checkPlainWrite(TableSpec table) {
        if (table.compareAndSet()) {
            throw new IllegalStateException("table " + table.name()
                    + " is written only through compare-and-set (putIfAbsent / replaceIfVersion / deleteIfVersion)");
        }
    }
}
