package org.telecare.archive.outbound;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobStore;

/**
 * A byte range of a blob as a {@link ReadStream}, read a slice at a time and only while the
 * reader wants more: a large instance goes out as C-STORE data without being held in memory.
 * Starts paused; the DIMSE layer resumes it once its handlers are set.
 */
public final class BlobRangeStream implements ReadStream<Buffer> {
    static final int SLICE = 256 * 1024;

    private final BlobStore blobs;
    private final BlobId blob;
    private final long end;
    private long position;
    private boolean paused = true;
    private boolean reading;
    private boolean ended;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    public BlobRangeStream(BlobStore blobs, BlobId blob, long from, long end) {
        this.blobs = blobs;
        this.blob = blob;
        this.position = from;
        this.end = end;
    }

    @Override
    public synchronized ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> pause() {
        paused = true;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        synchronized (this) {
            paused = false;
        }
        readNext();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return amount > 0 ? resume() : this;
    }

    @Override
    public synchronized ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    private void readNext() {
        long at;
        int length;
        synchronized (this) {
            if (paused || reading || ended) {
                return;
            }
            if (position >= end) {
                ended = true;
                at = -1;
                length = 0;
            } else {
                reading = true;
                at = position;
                length = (int) Math.min(SLICE, end - position);
            }
        }
        if (at < 0) {
            Handler<Void> h = endHandler;
            if (h != null) {
                h.handle(null);
            }
            return;
        }
        blobs.readRange(blob, at, length).onComplete(ar -> {
            Buffer slice = ar.succeeded() ? ar.result() : null;
            Throwable failure = ar.failed() ? ar.cause()
                    : slice.length() == 0 ? new IllegalStateException("blob " + blob + " ended at " + at + ", before " + end)
                    : null;
            Handler<Buffer> h;
            synchronized (this) {
                reading = false;
                if (failure != null) {
                    ended = true;
                } else {
                    position = at + slice.length();
                }
                h = handler;
            }
            if (failure != null) {
                Handler<Throwable> eh = exceptionHandler;
                if (eh != null) {
                    eh.handle(failure);
                }
                return;
            }
            if (h != null) {
                h.handle(slice.length() > end - at ? slice.slice(0, (int) (end - at)) : slice);
            }
            readNext();
        });
    }
}
