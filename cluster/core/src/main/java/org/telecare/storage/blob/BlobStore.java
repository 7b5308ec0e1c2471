package org.telecare.storage.blob;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Large immutable binaries, content-addressed by SHA-256. A put completes only when the blob is
 * durable (local files: written, fsynced and renamed into place; Cassandra: every chunk
 * acknowledged, then the manifest). Putting the same content twice stores it once.
 *
 * <p>Every whole read ({@link #get}, {@link #copyTo}) verifies the content against its id; a
 * mismatch fails with {@link CorruptBlobException} and no byte of the corrupt content is handed
 * out. {@link #readRange} cannot check a hash over bytes it does not read: it serves frames and
 * streamed answers, and checks only what the backend can (sizes, missing chunks).
 */
public interface BlobStore {

    Future<BlobInfo> put(Buffer content);

    /** Copies a file in, streaming, so that blobs larger than the heap are fine. */
    Future<BlobInfo> putFile(Path source);

    /** The whole blob in memory; for small blobs. Fails with {@link BlobNotFoundException}. */
    Future<Buffer> get(BlobId id);

    /**
     * Writes the blob to {@code target}, verified: the target appears (atomically) only if the
     * content matched its id.
     */
    Future<Void> copyTo(BlobId id, Path target);

    Future<Optional<BlobInfo>> stat(BlobId id);

    /**
     * Up to {@code length} bytes from {@code offset} (fewer only at the end of the blob; empty at
     * or past it). For a frame of a multiframe object or one slice of a streamed answer, without
     * reading the rest. Fails with {@link BlobNotFoundException}.
     */
    Future<Buffer> readRange(BlobId id, long offset, int length);

    /** Removes the blob; {@code false} if it was not there. */
    Future<Boolean> delete(BlobId id);
}
