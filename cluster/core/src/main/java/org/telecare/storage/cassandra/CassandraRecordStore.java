package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageUnavailableException;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;
import org.telecare.storage.WriteLimits;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Records in per-table CQL tables ({@code t_<name>}: partition, clustering, value, version,
 * expiry). Plain tables are written with plain statements at the configured consistency;
 * compare-and-set tables only with lightweight transactions and read at LOCAL_SERIAL, so a read
 * sees every committed Paxos round (Cassandra does not make mixing the two safe on one row).
 *
 * <p>Every check of the arguments happens before any I/O, and every failure arrives as a failed
 * future, never as an exception thrown at the caller.
 */
final class CassandraRecordStore implements RecordStore {
    /**
     * Rows per page of a range read. Values may be up to 1 MiB, and the driver refuses frames
     * over 256 MiB, so pages stay well below that even for the largest records.
     */
    static final int RANGE_PAGE_ROWS = 100;
    /** Tries of one compare-and-set while it keeps losing to contention or timing out. */
    private static final int CAS_ATTEMPTS = 12;

    private final Vertx vertx;
    private final CassandraConnection connection;
    private final MigratedTables tables;
    private final String keyspace;
    private final RecordVersions versions = new RecordVersions();
    private final ConcurrentMap<String, RecordCql> cql = new ConcurrentHashMap<>();

    CassandraRecordStore(Vertx vertx, CassandraConnection connection, MigratedTables tables, String keyspace) {
        this.vertx = vertx;
        this.connection = connection;
        this.tables = tables;
        this.keyspace = keyspace;
    }

    // ---- plain operations ----

    @Override
    public Future<Void> put(TableSpec table, RecordKey key, byte[] value, Duration ttl) {
        return guarded(() -> {
            checkTarget(table, key);
            WriteLimits.checkValue(value);
            WriteLimits.checkTtl(ttl);
            WriteLimits.checkPlainWrite(table);
            usable(table);
            Expiry expiry = Expiry.of(ttl);
            long version = versions.next();
            ByteBuffer bytes = ByteBuffer.wrap(value.clone());
            return run(connection.prepared().execute(statements(table).put(), p -> p.bind(
                            key.partition(), key.clustering(), bytes, version, expiry.at().orElse(null), expiry.seconds())
                    .setIdempotent(true)), "put on table " + table.name()).mapEmpty();
        });
    }

    @Override
    public Future<Optional<StoredRecord>> get(TableSpec table, RecordKey key) {
        return guarded(() -> {
            checkTarget(table, key);
            usable(table);
            return run(read(table, key), "get on table " + table.name());
        });
    }

    @Override
    public Future<List<StoredRecord>> range(TableSpec table, RangeQuery query) {
        return guarded(() -> {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(query, "query");
            usable(table);
            if (query.from().isPresent() && query.to().isPresent()
                    && compareCodePoints(query.from().get(), query.to().get()) >= 0) {
                return Future.succeededFuture(List.of()); // an empty slice; Cassandra would reject it
            }
            List<Object> values = new ArrayList<>(4);
            values.add(query.partition());
            query.from().ifPresent(values::add);
            query.to().ifPresent(values::add);
            values.add(query.limit());
            String statement = statements(table).range(query.from().isPresent(), query.to().isPresent(), query.descending());
            CompletionStage<List<StoredRecord>> rows = connection.prepared()
                    .execute(statement, p -> readOptions(table, p.bind(values.toArray())
                            .setPageSize(Math.min(query.limit(), RANGE_PAGE_ROWS))))
                    .thenCompose(rs -> collect(rs, query.partition(), new ArrayList<>(), query.limit()));
            return run(rows, "range read on table " + table.name());
        });
    }

    @Override
    public Future<Void> delete(TableSpec table, RecordKey key) {
        return guarded(() -> {
            checkTarget(table, key);
            WriteLimits.checkPlainWrite(table);
            usable(table);
            return run(connection.prepared().execute(statements(table).delete(),
                    p -> p.bind(key.partition(), key.clustering()).setIdempotent(true)),
                    "delete on table " + table.name()).mapEmpty();
        });
    }

    // ---- compare-and-set ----

    @Override
    public Future<CasResult> putIfAbsent(TableSpec table, RecordKey key, byte[] value, Duration ttl) {
        return guarded(() -> {
            checkTarget(table, key);
            WriteLimits.checkValue(value);
            WriteLimits.checkTtl(ttl);
            usable(table);
            Expiry expiry = Expiry.of(ttl);
            long version = versions.next();
            StoredRecord written = new StoredRecord(key, value.clone(), version, expiry.at());
            ByteBuffer bytes = ByteBuffer.wrap(written.value());
            String cql = statements(table).putIfAbsent();
            Cas cas = new Cas(table, key, "putIfAbsent", written,
                    () -> connection.prepared().execute(cql, p -> p.bind(expiry.seconds(), bytes, version,
                            expiry.at().orElse(null), key.partition(), key.clustering()))) {
                @Override
                Verdict judge(Optional<StoredRecord> current) {
                    if (current.isEmpty()) {
                        return Verdict.RETRY; // absent again (deleted or expired meanwhile): claim it
                    }
                    return current.get().version() == version ? Verdict.APPLIED : Verdict.LOST;
                }
            };
            return cas.attempt(1);
        });
    }

    @Override
    public Future<CasResult> replaceIfVersion(TableSpec table, RecordKey key, long expectedVersion,
                                              byte[] value, Duration ttl) {
        return guarded(() -> {
            checkTarget(table, key);
            WriteLimits.checkValue(value);
            WriteLimits.checkTtl(ttl);
            usable(table);
            Expiry expiry = Expiry.of(ttl);
            long version = versions.next();
            StoredRecord written = new StoredRecord(key, value.clone(), version, expiry.at());
            ByteBuffer bytes = ByteBuffer.wrap(written.value());
            String cql = statements(table).replaceIf();
            Cas cas = new Cas(table, key, "replaceIfVersion", written,
                    () -> connection.prepared().execute(cql, p -> p.bind(expiry.seconds(), bytes, version,
                            expiry.at().orElse(null), key.partition(), key.clustering(), expectedVersion))) {
                @Override
                Verdict judge(Optional<StoredRecord> current) {
                    if (current.isEmpty()) {
                        return Verdict.LOST;
                    }
                    long now = current.get().version();
                    return now == version ? Verdict.APPLIED : now == expectedVersion ? Verdict.RETRY : Verdict.LOST;
                }
            };
            return cas.attempt(1);
        });
    }

    @Override
    public Future<CasResult> deleteIfVersion(TableSpec table, RecordKey key, long expectedVersion) {
        return guarded(() -> {
            checkTarget(table, key);
            usable(table);
            String cql = statements(table).deleteIf();
            Cas cas = new Cas(table, key, "deleteIfVersion", null,
                    () -> connection.prepared().execute(cql, p -> p.bind(key.partition(), key.clustering(), expectedVersion))) {
                @Override
                Verdict judge(Optional<StoredRecord> current) {
                    if (current.isEmpty()) {
                        // Gone: ours if an earlier try of ours may have applied (only a delete of
                        // this very version could have removed it), someone else's otherwise.
                        return uncertain ? Verdict.APPLIED : Verdict.LOST;
                    }
                    return current.get().version() == expectedVersion ? Verdict.RETRY : Verdict.LOST;
                }
            };
            return cas.attempt(1);
        });
    }

    enum Verdict { APPLIED, LOST, RETRY }

    /**
     * One compare-and-set, retried while Paxos loses to contention. Every write carries a fresh
     * version, so when an attempt's outcome is unknown (timeout), reading the row at SERIAL tells
     * whether it was ours that landed; {@link #judge} decides from that state.
     */
    private abstract class Cas {
        final TableSpec table;
        final RecordKey key;
        final String operation;
        final StoredRecord written;
        final Supplier<CompletionStage<AsyncResultSet>> statement;
        /** Whether an earlier attempt may have applied without our knowing. */
        boolean uncertain;

        Cas(TableSpec table, RecordKey key, String operation, StoredRecord written,
            Supplier<CompletionStage<AsyncResultSet>> statement) {
            this.table = table;
            this.key = key;
            this.operation = operation;
            this.written = written;
            this.statement = statement;
        }

        /** What the state read at SERIAL means for this operation. */
        abstract Verdict judge(Optional<StoredRecord> current);

        private String what() {
            return operation + " on table " + table.name();
        }

        Future<CasResult> attempt(int n) {
            if (n > CAS_ATTEMPTS) {
                return Future.failedFuture(new StorageUnavailableException(what() + " did not settle after "
                        + CAS_ATTEMPTS + " attempts under contention; try again"));
            }
            return Cql.bridge(vertx, statement.get(), what()).transform(result -> {
                if (result.failed()) {
                    if (!CassandraFailures.casContention(result.cause())) {
                        return Future.failedFuture(result.cause());
                    }
                    uncertain = true;
                    return settle(n);
                }
                AsyncResultSet rs = result.result();
                if (rs.wasApplied()) {
                    return Future.succeededFuture(new CasResult(true, Optional.ofNullable(written)));
                }
                Row row = rs.one();
                boolean rowAbsent = row == null || !row.getColumnDefinitions().contains("ver") || row.isNull("ver");
                if (rowAbsent) {
                    return decide(n, Optional.empty()); // no row: the answer is complete
                }
                // The transaction's answer names only the condition's column: read the rest.
                return settle(n);
            });
        }

        private Future<CasResult> settle(int n) {
            return run(read(table, key), what()).transform(read -> {
                if (read.failed()) {
                    if (!CassandraFailures.casContention(read.cause())) {
                        return Future.failedFuture(read.cause());
                    }
                    return pause(n).compose(v -> attempt(n + 1));
                }
                return decide(n, read.result());
            });
        }

        private Future<CasResult> decide(int n, Optional<StoredRecord> current) {
            return switch (judge(current)) {
                case APPLIED -> Future.succeededFuture(new CasResult(true, current));
                case LOST -> Future.succeededFuture(new CasResult(false, current));
                case RETRY -> pause(n).compose(v -> attempt(n + 1));
            };
        }

        /** Random, growing pauses, so contenders stop colliding. */
        private Future<Void> pause(int n) {
            long ms = ThreadLocalRandom.current().nextLong(5, 40) << Math.min(n, 4);
            return vertx.timer(ms).mapEmpty();
        }
    }

    // ---- reading ----

    private CompletionStage<Optional<StoredRecord>> read(TableSpec table, RecordKey key) {
        return connection.prepared()
                .execute(statements(table).get(), p -> readOptions(table, p.bind(key.partition(), key.clustering())))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(row -> record(key.partition(), row)));
    }

    /** Reads of compare-and-set tables go through Paxos, so they see every committed transaction. */
    private static BoundStatement readOptions(TableSpec table, BoundStatement statement) {
        BoundStatement s = statement.setIdempotent(true);
        return table.compareAndSet() ? s.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_SERIAL) : s;
    }

    private CompletionStage<List<StoredRecord>> collect(AsyncResultSet page, String partition,
                                                       List<StoredRecord> into, int limit) {
        for (Row row : page.currentPage()) {
            StoredRecord r = record(partition, row);
            if (r != null) {
                into.add(r);
            }
            if (into.size() >= limit) {
                return CompletableFuture.completedFuture(into);
            }
        }
        if (!page.hasMorePages()) {
            return CompletableFuture.completedFuture(into);
        }
        return page.fetchNextPage().thenCompose(next -> collect(next, partition, into, limit));
    }

    /** A row as a record; {@code null} for a row without a version (no live record there). */
    private static StoredRecord record(String partition, Row row) {
        if (row.isNull("ver")) {
            return null;
        }
        ByteBuffer v = row.getByteBuffer("v");
        byte[] value = new byte[v == null ? 0 : v.remaining()];
        if (v != null) {
            v.duplicate().get(value);
        }
        return new StoredRecord(RecordKey.of(partition, row.getString("c")), value, row.getLong("ver"),
                Optional.ofNullable(row.getInstant("exp")));
    }

    // ---- plumbing ----

    private RecordCql statements(TableSpec table) {
        return cql.computeIfAbsent(table.name(), name -> RecordCql.of(keyspace, table));
    }

    private <T> Future<T> run(CompletionStage<T> stage, String operation) {
        return Cql.bridge(vertx, stage, operation);
    }

    /** Argument and state checks throw; the caller gets them as a failed future. */
    private static <T> Future<T> guarded(Supplier<Future<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Unavailability first: while the cluster is away no migration has run, and "not migrated"
     * would send the operator looking in the wrong place.
     */
    private void usable(TableSpec table) {
        connection.session();
        tables.check(table);
    }

    private static void checkTarget(TableSpec table, RecordKey key) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
    }

    /** Clustering keys compare as UTF-8 bytes in Cassandra, which is code-point order. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
