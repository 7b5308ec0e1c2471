package org.telecare.storage.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.h2.mvstore.MVMap;
import org.telecare.storage.CasResult;
import org.telecare.storage.OffLoop;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageException;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.storage.WriteLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * {@link RecordStore} on H2's MVStore: one sorted map per table. Reads run on virtual threads
 * (a page may come from disk); writes go through the {@link GroupCommitWriter}.
 */
final class EmbeddedRecordStore implements RecordStore {
    private final Vertx vertx;
    private final ExecutorService readers;
    private GroupCommitWriter writer;
    private final Map<String, MVMap<String, byte[]>> tables = new ConcurrentHashMap<>();

    EmbeddedRecordStore(Vertx vertx, ExecutorService readers) {
        this.vertx = vertx;
        this.readers = readers;
    }

    /** The writer needs this store's table lookup, so the two are wired after construction. */
    void attach(GroupCommitWriter writer) {
        this.writer = writer;
    }

    void register(String table, MVMap<String, byte[]> map) {
        tables.put(table, map);
    }

    MVMap<String, byte[]> map(String table) {
        MVMap<String, byte[]> map = tables.get(table);
        if (map == null) {
            throw new StorageException("table " + table + " is not declared by any applied migration");
        }
        return map;
    }

    @Override
    public Future<Void> put(TableSpec table, RecordKey key, byte[] value, Duration ttl) {
        return write(() -> {
            WriteLimits.checkPlainWrite(table);
            return put(table, key, value, ttl, WriteOp.Condition.NONE);
        }).mapEmpty();
    }

    @Override
    public Future<Optional<StoredRecord>> get(TableSpec table, RecordKey key) {
        return read(() -> {
            byte[] stored = map(table.name()).get(KeyCodec.key(key));
            return Optional.ofNullable(live(key, stored, System.currentTimeMillis()));
        });
    }

    @Override
    public Future<List<StoredRecord>> range(TableSpec table, RangeQuery query) {
        return read(() -> {
            MVMap<String, byte[]> map = map(table.name());
            String low = query.from().map(f -> KeyCodec.partitionStart(query.partition()) + KeyCodec.encode(f))
                    .orElse(KeyCodec.partitionStart(query.partition()));
            String high = query.to().map(t -> KeyCodec.partitionStart(query.partition()) + KeyCodec.encode(t))
                    .orElse(KeyCodec.partitionEnd(query.partition()));
            List<StoredRecord> out = new ArrayList<>();
            if (low.compareTo(high) >= 0) {
                return out;
            }
            long now = System.currentTimeMillis();
            String start = query.descending() ? map.lowerKey(high) : low;
            if (start == null) {
                return out;
            }
            Iterator<String> keys = query.descending() ? map.keyIteratorReverse(start) : map.keyIterator(start);
            while (keys.hasNext() && out.size() < query.limit()) {
                String k = keys.next();
                if (query.descending() ? k.compareTo(low) < 0 : k.compareTo(high) >= 0) {
                    break;
                }
                StoredRecord r = live(new RecordKey(query.partition(), KeyCodec.clusteringOf(k)), map.get(k), now);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        });
    }

    @Override
    public Future<Void> delete(TableSpec table, RecordKey key) {
        return write(() -> {
            WriteLimits.checkPlainWrite(table);
            map(table.name());
            return writer.submit(new WriteOp.Delete(table.name(), KeyCodec.key(key), WriteOp.Condition.NONE,
                    new CompletableFuture<>()));
        }).mapEmpty();
    }

    @Override
    public Future<CasResult> putIfAbsent(TableSpec table, RecordKey key, byte[] value, Duration ttl) {
        return cas(key, () -> put(table, key, value, ttl, WriteOp.Condition.ABSENT));
    }

    @Override
    public Future<CasResult> replaceIfVersion(TableSpec table, RecordKey key, long expectedVersion,
                                              byte[] value, Duration ttl) {
        return cas(key, () -> put(table, key, value, ttl, new WriteOp.Condition.AtVersion(expectedVersion)));
    }

    @Override
    public Future<CasResult> deleteIfVersion(TableSpec table, RecordKey key, long expectedVersion) {
        return cas(key, () -> {
            map(table.name());
            return writer.submit(new WriteOp.Delete(table.name(), KeyCodec.key(key),
                    new WriteOp.Condition.AtVersion(expectedVersion), new CompletableFuture<>()));
        });
    }

    private CompletableFuture<Object> put(TableSpec table, RecordKey key, byte[] value, Duration ttl,
                                          WriteOp.Condition condition) {
        WriteLimits.checkValue(value);
        WriteLimits.checkTtl(ttl);
        map(table.name());
        long expires = ttl == null ? 0 : System.currentTimeMillis() + ttl.toMillis();
        return writer.submit(new WriteOp.Put(table.name(), KeyCodec.key(key), value.clone(), expires, condition,
                new CompletableFuture<>()));
    }

    private Future<CasResult> cas(RecordKey key, Callable<CompletableFuture<Object>> submit) {
        return write(submit).map(o -> {
            GroupCommitWriter.Outcome outcome = (GroupCommitWriter.Outcome) o;
            RecordEnvelope current = outcome.current();
            return new CasResult(outcome.applied(), Optional.ofNullable(current)
                    .map(c -> new StoredRecord(key, c.value(), c.version(), c.expiresAt())));
        });
    }

    private static StoredRecord live(RecordKey key, byte[] stored, long now) {
        if (stored == null) {
            return null;
        }
        RecordEnvelope e = RecordEnvelope.decode(stored);
        return e.expiredAt(now) ? null : new StoredRecord(key, e.value(), e.version(), e.expiresAt());
    }

    /** Validation errors fail the future (never throw to the caller); completion is on its context. */
    private Future<Object> write(Callable<CompletableFuture<Object>> submit) {
        CompletableFuture<Object> done;
        try {
            done = submit.call();
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
        return Future.fromCompletionStage(done, vertx.getOrCreateContext());
    }

    private <T> Future<T> read(Callable<T> work) {
        return OffLoop.call(vertx, readers, work);
    }
}
