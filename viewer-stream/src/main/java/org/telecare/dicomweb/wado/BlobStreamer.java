package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobStore;

/**
 * Copies a range of a blob into a write stream a slice at a time, reading the next slice only
 * when the stream can take it: a slow client holds one slice in memory, not the object.
 */
public final class BlobStreamer {
    static final int SLICE = 1 << 20;

    private BlobStreamer() {
    }

    /** Reads up to {@code length} bytes at {@code offset} of some source (a blob, a file); fewer only at its end. */
    @FunctionalInterface
    public interface RangeReader {
        Future<Buffer> read(long offset, int length);
    }

    public static Future<Void> copy(BlobStore blobs, BlobId id, long offset, long length, WriteStream<Buffer> out) {
        return copy((at, n) -> blobs.readRange(id, at, n), String.valueOf(id), offset, length, out);
    }

    /** The same from any source read by ranges; {@code name} is for messages. */
    public static Future<Void> copy(RangeReader source, String name, long offset, long length, WriteStream<Buffer> out) {
        Promise<Void> done = Promise.promise();
        next(source, name, offset, offset + length, out, done);
        return done.future();
    }

    private static void next(RangeReader source, String id, long at, long end, WriteStream<Buffer> out, Promise<Void> done) {
        if (at >= end) {
            done.complete();
            return;
        }
        int n = (int) Math.min(SLICE, end - at);
        source.read(at, n).onComplete(r -> {
            if (r.failed()) {
                done.fail(r.cause());
                return;
            }
            Buffer slice = r.result();
            if (slice.length() == 0) {
                done.fail(new IllegalStateException(id + " ended at " + at + ", before " + end));
                return;
            }
            out.write(slice);
            long following = at + slice.length();
            if (out.writeQueueFull()) {
                out.drainHandler(v -> {
                    out.drainHandler(null);
                    next(source, id, following, end, out, done);
                });
            } else {
                next(source, id, following, end, out, done);
            }
        });
    }
}
