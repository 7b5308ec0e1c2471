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

    public static Future<Void> copy(BlobStore blobs, BlobId id, long offset, long length, WriteStream<Buffer> out) {
        Promise<Void> done = Promise.promise();
        next(blobs, id, offset, offset + length, out, done);
        return done.future();
    }

    private static void next(BlobStore blobs, BlobId id, long at, long end, WriteStream<Buffer> out, Promise<Void> done) {
        if (at >= end) {
            done.complete();
            return;
        }
        int n = (int) Math.min(SLICE, end - at);
        blobs.readRange(id, at, n).onComplete(r -> {
            if (r.failed()) {
                done.fail(r.cause());
                return;
            }
            Buffer slice = r.result();
            if (slice.length() == 0) {
                done.fail(new IllegalStateException("blob " + id + " ended at " + at + ", before " + end));
                return;
            }
            out.write(slice);
            long following = at + slice.length();
            if (out.writeQueueFull()) {
                out.drainHandler(v -> {
                    out.drainHandler(null);
                    next(blobs, id, following, end, out, done);
                });
            } else {
                next(blobs, id, following, end, out, done);
            }
        });
    }
}
