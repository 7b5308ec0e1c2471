package org.telecare.storage.embedded;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * A record's stored form in the embedded store: version, expiry (epoch millis, 0 = none) and
 * the value, in one byte array so that one map entry is one record.
 */
record RecordEnvelope(long version, long expiresAtMillis, byte[] value) {
    private static final int HEADER = Long.BYTES * 2;

    byte[] encode() {
        return ByteBuffer.allocate(HEADER + value.length)
                .putLong(version).putLong(expiresAtMillis).put(value).array();
    }

    static RecordEnvelope decode(byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        long version = b.getLong();
        long expires = b.getLong();
        byte[] value = new byte[stored.length - HEADER];
        b.get(value);
        return new RecordEnvelope(version, expires, value);
    }

    boolean expiredAt(long nowMillis) {
        return expiresAtMillis != 0 && expiresAtMillis <= nowMillis;
    }

    Optional<Instant> expiresAt() {
        return expiresAtMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiresAtMillis));
    }
}
