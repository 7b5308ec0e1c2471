package org.telecare.storage.blob;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A blob's identity: the lower-case hex SHA-256 of its content. */
public record BlobId(String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public BlobId {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a blob id is 64 lower-case hex digits, got: " + sha256);
        }
    }

    public static BlobId of(byte[] digest) {
        return new BlobId(HexFormat.of().formatHex(digest));
    }

    @Override
    public String toString() {
        return sha256;
    }
}
