package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.storage.blob.BlobStore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads the stored objects of a series ahead of the socket, in order: while one is being written
 * the next few are already being read on the storage's worker threads, so a series answer is
 * paced by the network rather than by one read, one hand-off and one write after another
 * (VIEW-1: a CT series of 500 objects is 500 reads). Only objects up to {@link #WHOLE_LIMIT} are
 * read whole and ahead, and never more than {@link #AHEAD_BYTES} at a time, so one answer holds a
 * few MiB, not the series; a larger object is left to {@link BlobStreamer}, slice by slice.
 */
final class InstancePrefetch {
    static final long WHOLE_LIMIT = 4L << 20;
    static final long AHEAD_BYTES = 8L << 20;

    /** One object of the answer: read whole ahead of time, or to stream when its turn comes. */
    record Next(StoredInstance instance, Optional<Future<Buffer>> whole) {
    }

    private final BlobStore blobs;
    private final List<StoredInstance> instances;
    private final Deque<Next> ahead = new ArrayDeque<>();
    private int scheduled;
    private long aheadBytes;

    InstancePrefetch(BlobStore blobs, List<StoredInstance> instances) {
        this.blobs = blobs;
        this.instances = instances;
        fill();
    }

    boolean hasNext() {
        return !ahead.isEmpty() || scheduled < instances.size();
    }

    /** The next object; schedules reads further ahead as budget frees up. */
    Next next() {
        if (ahead.isEmpty()) {
            fill();
        }
        Next n = ahead.removeFirst();
        if (n.whole().isPresent()) {
            aheadBytes -= n.instance().size();
        }
        fill();
        return n;
    }

    private void fill() {
        while (scheduled < instances.size()) {
            StoredInstance i = instances.get(scheduled);
            boolean small = i.size() <= WHOLE_LIMIT;
            if (!small) {
                // Streamed when reached; nothing after it is read ahead before that.
                if (ahead.isEmpty()) {
                    ahead.addLast(new Next(i, Optional.empty()));
                    scheduled++;
                }
                return;
            }
            if (!ahead.isEmpty() && aheadBytes + i.size() > AHEAD_BYTES) {
                return;
            }
            ahead.addLast(new Next(i, Optional.of(blobs.readRange(i.blob(), 0, (int) i.size()))));
            aheadBytes += i.size();
            scheduled++;
        }
    }
}
