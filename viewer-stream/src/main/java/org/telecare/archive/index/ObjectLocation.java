package org.telecare.archive.index;

import org.telecare.storage.blob.BlobId;

import java.util.Objects;

/**
 * Where a stored object lives: its blob (content-addressed, so equal blob ids mean equal bytes),
 * the transfer syntax it was stored in (PS3.5 §10) and its size.
 */
public record ObjectLocation(BlobId blob, String transferSyntaxUid, long sizeBytes) {
    public ObjectLocation {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        if (!Uids.isValid(transferSyntaxUid)) {
            throw new IllegalArgumentException("not a transfer syntax UID: " + transferSyntaxUid);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + sizeBytes);
        }
    }
}
