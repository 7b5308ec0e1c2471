package org.telecare.storage.cassandra;

import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.CorruptBlobException;

import java.time.Instant;

/**
 * A stored blob's manifest row: how it was cut into chunks. Written after every chunk, so its
 * presence means the blob is complete. Carries its own chunk size, so blobs written before the
 * configured size changed stay readable.
 */
record BlobManifest(BlobId id, long size, int chunkSize, int chunks, Instant created) {

    static int chunksFor(long size, int chunkSize) {
        long n = (size + chunkSize - 1) / chunkSize;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("blob of " + size + " bytes needs too many chunks of " + chunkSize);
        }
        return (int) n;
    }

    BlobInfo info() {
        return new BlobInfo(id, size);
    }

    /** A manifest that contradicts itself is damage too, and must not drive reads. */
    BlobManifest verified() {
        if (!consistent()) {
            throw new CorruptBlobException(id, "inconsistent manifest (size " + size + ", chunk size "
                    + chunkSize + ", " + chunks + " chunks)");
        }
        return this;
    }

    boolean consistent() {
        return size >= 0 && chunkSize >= 1 && chunks == (size + chunkSize - 1) / chunkSize;
    }

    /** Bytes in chunk {@code index}: full chunks, then the remainder. */
    int chunkLength(int index) {
        long start = (long) index * chunkSize;
        return (int) Math.min(chunkSize, size - start);
    }
}
