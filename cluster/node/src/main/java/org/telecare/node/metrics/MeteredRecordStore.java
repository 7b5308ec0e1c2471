package org.telecare.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times every record operation into {@code telecare_storage_seconds{backend,op,outcome}}, with
 * percentiles, so that an operator sees storage latency next to HTTP latency.
 */
public final class MeteredRecordStore implements RecordStore {
    private final RecordStore delegate;
    private final MeterRegistry registry;
    private final String backend;

    public MeteredRecordStore(RecordStore delegate, MeterRegistry registry, String backend) {
        this.delegate = delegate;
        this.registry = registry;
        this.backend = backend;
    }

    private <T> Future<T> timed(String op, Supplier<Future<T>> call) {
        long start = System.nanoTime();
        return call.get().onComplete(r -> Timer.builder("telecare.storage")
                .description("storage operation latency")
                .tags("backend", backend, "op", op, "outcome", r.succeeded() ? "ok" : "error")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start)));
    }

    @Override
    public Future<Void> put(TableSpec table, RecordKey key, byte[] value, Duration ttl) {
        return timed("put", () -> delegate.put(table, key, value, ttl));
    }

    @Override
    public Future<Optional<StoredRecord>> get(TableSpec table, RecordKey key) {
        return timed("get", () -> delegate.get(table, key));
    }

    @Override
    public Future<List<StoredRecord>> range(TableSpec table, RangeQuery query) {
        return timed("range", () -> delegate.range(table, query));
    }

    @Override
    public Future<Void> delete(TableSpec table, RecordKey key) {
        return timed("delete", () -> delegate.delete(table, key));
    }

    @Override
    public Future<CasResult> putIfAbsent(TableSpec table, RecordKey key, byte[] value, Duration ttl) {
        return timed("cas", () -> delegate.putIfAbsent(table, key, value, ttl));
    }

    @Override
    public Future<CasResult> replaceIfVersion(TableSpec table, RecordKey key, long expectedVersion,
                                              byte[] value, Duration ttl) {
        return timed("cas", () -> delegate.replaceIfVersion(table, key, expectedVersion, value, ttl));
    }

    @Override
    public Future<CasResult> deleteIfVersion(TableSpec table, RecordKey key, long expectedVersion) {
        return timed("cas", () -> delegate.deleteIfVersion(table, key, expectedVersion));
    }
}
