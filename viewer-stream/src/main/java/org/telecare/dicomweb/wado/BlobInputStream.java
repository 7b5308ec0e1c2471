package org.telecare.dicomweb.wado;

import io.vertx.core.buffer.Buffer;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blob as a blocking stream of range reads, for the codec's reader on a worker thread: reads
 * fetch {@link #BLOCK} bytes at a time and {@link #skip} only moves the position, so parsing an
 * object up to and over its pixel data reads its header, not its frames.
 */
final class BlobInputStream extends InputStream {
    static final int BLOCK = 64 * 1024;
    private static final long TIMEOUT_SECONDS = 60;

    private final BlobStore blobs;
    private final BlobId id;
    private final long size;
    private long position;
    private Buffer block = Buffer.buffer();
    private int blockPos;

    BlobInputStream(BlobStore blobs, BlobId id, long size) {
        this.blobs = blobs;
        this.id = id;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (blockPos >= block.length()) {
            if (position >= size) {
                return -1;
            }
            block = fetch(position, (int) Math.min(BLOCK, size - position));
            blockPos = 0;
            if (block.length() == 0) {
                return -1;
            }
        }
        int n = Math.min(len, block.length() - blockPos);
        block.getBytes(blockPos, blockPos + n, b, off);
        blockPos += n;
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long step = Math.max(0, Math.min(n, size - position));
        long inBlock = block.length() - blockPos;
        if (step < inBlock) {
            blockPos += (int) step;
        } else {
            block = Buffer.buffer();
            blockPos = 0;
        }
        position += step;
        return step;
    }

    private Buffer fetch(long at, int length) throws IOException {
        try {
            return blobs.readRange(id, at, length).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading blob " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("blob " + id + " could not be read at " + at + ": " + e.getMessage(), e);
        }
    }
}
