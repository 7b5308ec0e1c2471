package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageException;
import org.telecare.storage.TableSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The keyspace and its versioned schema. Every node runs the migrations at start; each step is
 * applied once, in (module, version) order, recorded in {@code schema_migrations}, and the
 * cluster is given time to agree on the schema before the step counts as done.
 *
 * <p>Concurrent schema changes from several nodes are what Cassandra (before transactional
 * metadata) handles worst: two nodes creating the same table at the same moment can leave
 * conflicting table ids behind. So steps are applied under a lease (a lightweight transaction on
 * {@code schema_lock} with a TTL, so a node that dies while holding it cannot block the others
 * for more than a couple of minutes), and re-checked once the lease is held.
 */
final class CassandraSchema {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraSchema.class);

    /** The backend's own migrations are recorded under this module name. */
    static final String MODULE = "cassandra-storage";
    static final String BLOB_MANIFEST = "blob_manifest";
    static final String BLOB_CHUNK = "blob_chunk";
    private static final String MIGRATIONS = "schema_migrations";
    private static final String LOCK = "schema_lock";
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEASE_TTL = Duration.ofSeconds(120);
    private static final Duration LEASE_WAIT = Duration.ofMinutes(3);
    private static final Duration AGREEMENT_WAIT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final CassandraSettings settings;
    private final String nodeId;
    private final MigratedTables tables = new MigratedTables();
    private final Object queueLock = new Object();
    private Future<Void> queue = Future.succeededFuture();

    CassandraSchema(Vertx vertx, CassandraSettings settings, String nodeId) {
        this.vertx = vertx;
        this.settings = settings;
        this.nodeId = nodeId;
        replicationMap(settings); // fail at open on a bad replication map
    }

    MigratedTables tables() {
        return tables;
    }

    /** Keyspace, bookkeeping tables, and the backend's own tables; run on every fresh session. */
    Future<Void> bootstrap(CqlSession session) {
        String ks = settings.keyspace();
        warnOnReplicationDrift(session);
        return ddl(session, "CREATE KEYSPACE IF NOT EXISTS " + Cql.name(ks)
                + " WITH replication = " + replicationMap(settings) + " AND durable_writes = true")
                .compose(v -> ddl(session, "CREATE TABLE IF NOT EXISTS " + Cql.qualified(ks, MIGRATIONS)
                        + " (module text, version int, description text, applied_at timestamp, applied_by text,"
                        + " PRIMARY KEY ((module), version)) WITH CLUSTERING ORDER BY (version ASC)"))
                .compose(v -> ddl(session, "CREATE TABLE IF NOT EXISTS " + Cql.qualified(ks, LOCK)
                        + " (name text PRIMARY KEY, holder text, since timestamp)"))
                .compose(v -> awaitAgreement(session, "keyspace " + ks))
                .compose(v -> apply(session, List.of(blobTables(ks), blobCompression(ks))));
    }

    /**
     * Queues the migrations behind any earlier call and behind the connection: a call made while
     * Cassandra is still starting waits for it rather than failing.
     */
    Future<Void> migrate(CassandraConnection connection, List<SchemaMigration> migrations) {
        List<MigrationStep> steps;
        try {
            steps = steps(migrations);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        var caller = vertx.getOrCreateContext();
        Future<Void> mine;
        synchronized (queueLock) {
            mine = queue.transform(ignored -> connection.whenReady().compose(session -> apply(session, steps)));
            queue = mine;
        }
        return Future.fromCompletionStage(mine.toCompletionStage(), caller);
    }

    // ---- validation ----

    private List<MigrationStep> steps(List<SchemaMigration> migrations) {
        Objects.requireNonNull(migrations, "migrations");
        Map<String, SchemaMigration> byVersion = new LinkedHashMap<>();
        Map<String, TableSpec> declared = new HashMap<>();
        for (SchemaMigration m : migrations) {
            Objects.requireNonNull(m, "migration");
            if (m.module().isBlank() || m.module().equals(MODULE)) {
                throw new IllegalArgumentException("invalid migration module name: '" + m.module() + "'");
            }
            SchemaMigration earlier = byVersion.putIfAbsent(m.module() + "\0" + m.version(), m);
            if (earlier != null && !earlier.equals(m)) {
                throw new IllegalArgumentException("two different migrations " + m.module() + " v" + m.version());
            }
            for (TableSpec t : m.tables()) {
                TableSpec other = declared.putIfAbsent(t.name(), t);
                TableSpec known = tables.declared(t.name());
                if ((other != null && !other.equals(t)) || (known != null && !known.equals(t))) {
                    throw new IllegalArgumentException("table " + t.name()
                            + " is declared both plain and compare-and-set");
                }
            }
        }
        return byVersion.values().stream()
                .map(m -> MigrationStep.of(settings.keyspace(), m))
                .sorted(MigrationStep.ORDER)
                .toList();
    }

    // ---- applying ----

    /** Applies what is not yet recorded; once everything is, the steps' tables become usable. */
    private Future<Void> apply(CqlSession session, List<MigrationStep> steps) {
        return pending(session, steps).compose(pending -> {
            if (pending.isEmpty()) {
                return Future.succeededFuture();
            }
            return underLease(session, () -> pending(session, steps).compose(stillPending -> {
                Future<Void> chain = Future.succeededFuture();
                for (MigrationStep step : stillPending) {
                    chain = chain.compose(v -> applyOne(session, step));
                }
                return chain;
            }));
        }).onSuccess(v -> steps.forEach(step -> tables.add(step.tables())));
    }

    private Future<List<MigrationStep>> pending(CqlSession session, List<MigrationStep> steps) {
        Map<String, List<MigrationStep>> byModule = new TreeMap<>();
        steps.forEach(s -> byModule.computeIfAbsent(s.module(), m -> new ArrayList<>()).add(s));
        List<Future<List<MigrationStep>>> perModule = new ArrayList<>();
        byModule.forEach((module, moduleSteps) -> perModule.add(appliedVersions(session, module)
                .map(applied -> moduleSteps.stream().filter(s -> !applied.contains(s.version())).toList())));
        return Future.all(perModule).map(all -> {
            List<MigrationStep> result = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                result.addAll(all.<List<MigrationStep>>resultAt(i));
            }
            result.sort(MigrationStep.ORDER);
            return result;
        });
    }

    private Future<Set<Integer>> appliedVersions(CqlSession session, String module) {
        SimpleStatement select = SimpleStatement.newInstance(
                "SELECT version FROM " + Cql.qualified(settings.keyspace(), MIGRATIONS) + " WHERE module = ?", module);
        return Cql.execute(vertx, session, select, "reading applied migrations of " + module)
                .compose(rs -> collectVersions(rs, new HashSet<>()));
    }

    private Future<Set<Integer>> collectVersions(AsyncResultSet page, Set<Integer> into) {
        for (Row row : page.currentPage()) {
            into.add(row.getInt("version"));
        }
        if (!page.hasMorePages()) {
            return Future.succeededFuture(into);
        }
        return Cql.bridge(vertx, page.fetchNextPage(), "reading applied migrations")
                .compose(next -> collectVersions(next, into));
    }

    private Future<Void> applyOne(CqlSession session, MigrationStep step) {
        LOG.info("Applying schema migration {}", step.label());
        Future<Void> chain = Future.succeededFuture();
        for (String statement : step.ddl()) {
            chain = chain.compose(v -> ddl(session, statement));
        }
        SimpleStatement record = SimpleStatement.newInstance(
                "INSERT INTO " + Cql.qualified(settings.keyspace(), MIGRATIONS)
                        + " (module, version, description, applied_at, applied_by) VALUES (?, ?, ?, ?, ?)",
                step.module(), step.version(), step.description(), Instant.now(), nodeId);
        return chain
                .compose(v -> awaitAgreement(session, step.label()))
                .compose(v -> Cql.execute(vertx, session, record, "recording migration " + step.label()))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(new StorageException(
                        "schema migration " + step.label() + " failed: " + e.getMessage(), e)));
    }

    private Future<Void> ddl(CqlSession session, String cql) {
        SimpleStatement statement = SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT);
        return Cql.execute(vertx, session, statement, "schema change").mapEmpty();
    }

    /** The driver waits for agreement after each DDL too, but only warns if it times out; we insist. */
    private Future<Void> awaitAgreement(CqlSession session, String what) {
        long deadline = System.nanoTime() + AGREEMENT_WAIT.toNanos();
        return agreementAttempt(session, what, deadline);
    }

    private Future<Void> agreementAttempt(CqlSession session, String what, long deadline) {
        return Cql.bridge(vertx, session.checkSchemaAgreementAsync(), "checking schema agreement").compose(agreed -> {
            if (agreed) {
                return Future.succeededFuture();
            }
            if (System.nanoTime() > deadline) {
                return Future.failedFuture(new StorageException("the Cassandra nodes did not agree on the schema within "
                        + AGREEMENT_WAIT.toSeconds() + " s after " + what + "; check that every node is up"));
            }
            return vertx.timer(500).compose(t -> agreementAttempt(session, what, deadline));
        });
    }

    // ---- the lease ----

    private <T> Future<T> underLease(CqlSession session, Supplier<Future<T>> work) {
        String token = nodeId + "/" + UUID.randomUUID();
        long deadline = System.nanoTime() + LEASE_WAIT.toNanos();
        return acquire(session, token, deadline).compose(acquired -> work.get()
                .eventually(() -> release(session, token)));
    }

    private Future<Void> acquire(CqlSession session, String token, long deadline) {
        // SERIAL, not LOCAL_SERIAL: the lease must exclude nodes in every data centre.
        SimpleStatement claim = SimpleStatement.newInstance(
                        "INSERT INTO " + Cql.qualified(settings.keyspace(), LOCK)
                                + " (name, holder, since) VALUES ('migrations', ?, ?) IF NOT EXISTS USING TTL "
                                + LEASE_TTL.toSeconds(), token, Instant.now())
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL);
        return Cql.execute(vertx, session, claim, "taking the schema lease").transform(result -> {
            if (result.succeeded() && result.result().wasApplied()) {
                return Future.succeededFuture();
            }
            if (System.nanoTime() > deadline) {
                String why = result.succeeded()
                        ? "held by " + result.result().one().getString("holder")
                        : result.cause().getMessage();
                return Future.failedFuture(new StorageException("could not take the schema lease within "
                        + LEASE_WAIT.toSeconds() + " s (" + why + ")"));
            }
            if (result.succeeded()) {
                LOG.info("Schema lease held by {}; waiting to apply migrations",
                        result.result().one().getString("holder"));
            }
            return vertx.timer(1000).compose(t -> acquire(session, token, deadline));
        });
    }

    private Future<Void> release(CqlSession session, String token) {
        SimpleStatement free = SimpleStatement.newInstance(
                        "DELETE FROM " + Cql.qualified(settings.keyspace(), LOCK) + " WHERE name = 'migrations' IF holder = ?",
                        token)
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL);
        return Cql.execute(vertx, session, free, "releasing the schema lease")
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("Could not release the schema lease (it expires by itself in {} s): {}",
                            LEASE_TTL.toSeconds(), e.getMessage());
                    return Future.succeededFuture();
                });
    }

    // ---- the keyspace and the backend's own tables ----

    static String replicationMap(CassandraSettings settings) {
        if (settings.replication().isEmpty()) {
            throw new IllegalArgumentException("Cassandra replication needs at least one data centre");
        }
        StringBuilder b = new StringBuilder("{'class': 'NetworkTopologyStrategy'");
        new TreeMap<>(settings.replication()).forEach((dc, replicas) -> {
            if (replicas == null || replicas < 1) {
                throw new IllegalArgumentException("replication factor for data centre " + dc + " must be at least 1");
            }
            b.append(", ").append(Cql.literal(dc)).append(": ").append(replicas);
        });
        return b.append('}').toString();
    }

    /** An existing keyspace is left alone (operators may have tuned it), but a difference is worth a line. */
    private void warnOnReplicationDrift(CqlSession session) {
        session.getMetadata().getKeyspace(Cql.name(settings.keyspace()))
                .map(KeyspaceMetadata::getReplication)
                .ifPresent(actual -> {
                    Map<String, String> wanted = new HashMap<>();
                    settings.replication().forEach((dc, n) -> wanted.put(dc, String.valueOf(n)));
                    Map<String, String> have = new HashMap<>(actual);
                    have.remove("class");
                    if (!have.equals(wanted)) {
                        LOG.warn("Keyspace {} exists with replication {}, the configuration asks for {}; leaving it as it is",
                                settings.keyspace(), actual, settings.replication());
                    }
                });
    }

    /**
     * Chunked blobs: the manifest is the commit marker (written last), and every chunk is its own
     * partition, so partitions stay small whatever the blob size and spread over the ring.
     */
    /**
     * Compression at rest (ARC-5) is Cassandra's own: SSTables are compressed per block, losslessly.
     * Zstd (level 3) instead of the default LZ4 for blob chunks: pixel data is written once and
     * read many times, and Zstd's better ratio is worth its higher write cost there.
     */
    private static MigrationStep blobCompression(String ks) {
        return new MigrationStep(MODULE, 2, "blob chunks compressed with Zstd", List.of(
                "ALTER TABLE " + Cql.qualified(ks, BLOB_CHUNK)
                        + " WITH compression = {'class': 'ZstdCompressor', 'compression_level': 3}"),
                List.of());
    }

    private static MigrationStep blobTables(String ks) {
        return new MigrationStep(MODULE, 1, "chunked blob store", List.of(
                "CREATE TABLE IF NOT EXISTS " + Cql.qualified(ks, BLOB_MANIFEST)
                        + " (id text PRIMARY KEY, size bigint, chunk_size int, chunks int, created timestamp)",
                "CREATE TABLE IF NOT EXISTS " + Cql.qualified(ks, BLOB_CHUNK)
                        + " (id text, idx int, data blob, PRIMARY KEY ((id, idx)))"),
                List.of());
    }
}
