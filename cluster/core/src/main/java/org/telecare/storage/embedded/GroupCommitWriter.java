package org.telecare.storage.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.storage.StorageUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one thread that changes the embedded store. It takes whatever writes are queued (up to
 * {@link #MAX_BATCH}), applies them in order, commits once and fsyncs once, and only then
 * completes their futures: an acknowledged write survives {@code kill -9} and, with fsync on,
 * power loss.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    static final int MAX_BATCH = 512;
    private static final String VERSION_KEY = "last_version";

    /** What a conditional write reports back: applied or not, and the record as it now stands. */
    record Outcome(boolean applied, RecordEnvelope current) {
    }

    private final MVStore store;
    private final boolean fsync;
    private final Function<String, MVMap<String, byte[]>> tables;
    private final MVMap<String, byte[]> expiryIndex;
    private final MVMap<String, Long> meta;
    private final BlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long lastVersion;

    GroupCommitWriter(MVStore store, boolean fsync, Function<String, MVMap<String, byte[]>> tables,
                      MVMap<String, byte[]> expiryIndex, MVMap<String, Long> meta) {
        this.store = store;
        this.fsync = fsync;
        this.tables = tables;
        this.expiryIndex = expiryIndex;
        this.meta = meta;
        this.lastVersion = meta.getOrDefault(VERSION_KEY, 0L);
        this.thread = Thread.ofPlatform().name("telecare-embedded-writer").daemon(true).start(this::run);
    }

    CompletableFuture<Object> submit(WriteOp op) {
        Throwable failed = failure;
        if (failed != null) {
            op.done().completeExceptionally(new StorageUnavailableException(
                    "the embedded store stopped after a write failure: " + failed.getMessage(), failed));
        } else if (!running) {
            op.done().completeExceptionally(new StorageUnavailableException("the embedded store is closed"));
        } else {
            queue.add(op);
        }
        return op.done();
    }

    /** Why writes stopped, if they did. */
    Throwable failure() {
        return failure;
    }

    private void run() {
        List<WriteOp> batch = new ArrayList<>(MAX_BATCH);
        List<Object> results = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                WriteOp first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                long now = System.currentTimeMillis();
                for (WriteOp op : batch) {
                    results.add(apply(op, now));
                }
                meta.put(VERSION_KEY, lastVersion);
                store.commit();
                if (fsync) {
                    store.sync();
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(results.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // A failed commit leaves memory and disk out of step: stop taking writes rather
                // than acknowledge anything that may not be on disk.
                LOG.error("embedded store write failed; refusing further writes", e);
                failure = e;
                running = false;
                for (WriteOp op : batch) {
                    op.done().completeExceptionally(new StorageUnavailableException(
                            "write not stored: " + e.getMessage(), e));
                }
                for (WriteOp op; (op = queue.poll()) != null; ) {
                    op.done().completeExceptionally(new StorageUnavailableException(
                            "write not stored: " + e.getMessage(), e));
                }
            } finally {
                batch.clear();
                results.clear();
            }
        }
    }

    private Object apply(WriteOp op, long now) {
        MVMap<String, byte[]> map = tables.apply(op.table());
        byte[] stored = map.get(op.mapKey());
        RecordEnvelope current = stored == null ? null : RecordEnvelope.decode(stored);
        if (current != null && current.expiredAt(now)) {
            current = null;
        }
        return switch (op) {
            case WriteOp.Put put -> {
                if (!holds(put.condition(), current)) {
                    yield new Outcome(false, current);
                }
                RecordEnvelope next = new RecordEnvelope(++lastVersion, put.expiresAtMillis(), put.value());
                map.put(op.mapKey(), next.encode());
                if (put.expiresAtMillis() != 0) {
                    expiryIndex.put(ExpiryIndex.key(put.expiresAtMillis(), op.table(), op.mapKey()), new byte[0]);
                }
                yield new Outcome(true, next);
            }
            case WriteOp.Delete delete -> {
                if (!holds(delete.condition(), current)) {
                    yield new Outcome(false, current);
                }
                map.remove(op.mapKey());
                yield new Outcome(true, null);
            }
            case WriteOp.Expire expire -> {
                // Only if not rewritten since the sweeper looked.
                if (stored != null && RecordEnvelope.decode(stored).expiresAtMillis() == expire.expiresAtMillis()) {
                    map.remove(op.mapKey());
                }
                expiryIndex.remove(expire.expiryKey());
                yield new Outcome(true, null);
            }
        };
    }

    private static boolean holds(WriteOp.Condition condition, RecordEnvelope current) {
        return switch (condition) {
            case WriteOp.Condition.None none -> true;
            case WriteOp.Condition.Absent absent -> current == null;
            case WriteOp.Condition.AtVersion at -> current != null && current.version() == at.version();
        };
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
