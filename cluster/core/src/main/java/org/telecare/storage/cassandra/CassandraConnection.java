package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.storage.StorageHealth;
import org.telecare.storage.StorageHealth.State;
import org.telecare.storage.StorageUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one driver session of a backend and whether it can be used: connects in the background
 * (so a node starts even while Cassandra is down), retries with exponential backoff, runs the
 * bootstrap (keyspace and base schema) before declaring itself ready, then probes the cluster
 * every few seconds so {@code /health} and fail-fast errors tell the truth when it goes away.
 *
 * <p>All state changes happen on one Vert.x context (the one it was started from), so the
 * connection logic is single threaded; callers on any thread read the volatile snapshot.
 */
final class CassandraConnection {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraConnection.class);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final String PROBE_CQL = "SELECT release_version FROM system.local";

    private final Vertx vertx;
    private final Context context;
    private final CassandraSettings settings;
    private final String nodeId;
    private final Function<CqlSession, Future<Void>> bootstrap;
    private final Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);

    private volatile StorageHealth health;
    private volatile CqlSession session;
    private volatile PreparedStatements prepared;
    private volatile boolean closed;

    // Only touched on the context.
    private int attempts;
    private long retryTimer = -1;
    private long probeTimer = -1;
    private boolean probing;
    private Future<Void> connecting = Future.succeededFuture();

    // Guarded by itself: callers waiting for the first (or next) READY.
    private final List<CompletableFuture<CqlSession>> waiters = new ArrayList<>();

    private CassandraConnection(Vertx vertx, CassandraSettings settings, String nodeId,
                                Function<CqlSession, Future<Void>> bootstrap) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.nodeId = nodeId;
        this.bootstrap = bootstrap;
        this.health = new StorageHealth(CassandraStorage.NAME, State.STARTING,
                "connecting to " + contactPoints());
    }

    /**
     * Starts connecting in the background and returns at once. {@code bootstrap} runs on every
     * fresh session before it is declared ready; if it fails, the session is dropped and the
     * attempt counts as failed.
     */
    static CassandraConnection start(Vertx vertx, CassandraSettings settings, String nodeId,
                                     Function<CqlSession, Future<Void>> bootstrap) {
        consistency(settings.consistency()); // a typo in the config fails now, not at the first write
        CassandraConnection connection = new CassandraConnection(vertx, settings, nodeId, bootstrap);
        connection.context.runOnContext(ignored -> connection.connect());
        return connection;
    }

    static ConsistencyLevel consistency(String name) {
        try {
            return DefaultConsistencyLevel.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Cassandra consistency level: " + name, e);
        }
    }

    StorageHealth health() {
        return health;
    }

    /** The session, if it can be used right now; otherwise fails fast saying why. */
    CqlSession session() {
        CqlSession current = session;
        StorageHealth now = health;
        if (closed) {
            throw new StorageUnavailableException("Cassandra storage is closed");
        }
        if (current == null || !now.ready()) {
            throw new StorageUnavailableException("Cassandra storage is not available ("
                    + now.state().name().toLowerCase(Locale.ROOT) + "): " + now.detail());
        }
        return current;
    }

    /** The prepared-statement cache of the current session; same fail-fast rule as {@link #session()}. */
    PreparedStatements prepared() {
        session();
        return prepared;
    }

    /**
     * Completes once the storage is ready (at once if it is), on the caller's context. Used by
     * schema migrations, which modules start at boot and which should wait, not fail, while
     * Cassandra is still coming up.
     */
    Future<CqlSession> whenReady() {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<CqlSession> ready = new CompletableFuture<>();
        synchronized (waiters) {
            if (closed) {
                return Future.failedFuture(new StorageUnavailableException("Cassandra storage is closed"));
            }
            if (session != null && health.ready()) {
                return Future.succeededFuture(session);
            }
            waiters.add(ready);
        }
        return Future.fromCompletionStage(ready, caller);
    }

    Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(ignored -> {
            closed = true;
            vertx.cancelTimer(retryTimer);
            vertx.cancelTimer(probeTimer);
            failWaiters(new StorageUnavailableException("Cassandra storage is closed"));
            // An attempt in flight finishes first, so its session is not leaked.
            connecting.transform(attempt -> {
                CqlSession s = session;
                session = null;
                return s == null ? Future.<Void>succeededFuture()
                        : Future.fromCompletionStage(s.closeAsync(), context).mapEmpty();
            }).onComplete(done);
        });
        return done.future();
    }

    // ---- connecting, on the context ----

    private void connect() {
        if (closed) {
            return;
        }
        attempts++;
        int attempt = attempts;
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoints(settings.contactPoints())
                .withLocalDatacenter(settings.localDatacenter())
                .withConfigLoader(driverConfig());
        if (settings.username().isPresent()) {
            builder = builder.withAuthCredentials(settings.username().get(), settings.password().orElse(""));
        }
        Promise<Void> finished = Promise.promise();
        connecting = finished.future();
        Future.fromCompletionStage(builder.buildAsync(), context)
                .compose(s -> bootstrap.apply(s)
                        .map(s)
                        .recover(failure -> Future.fromCompletionStage(s.closeAsync(), context)
                                .transform(ignored -> Future.failedFuture(failure))))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        installed(result.result());
                    } else {
                        attemptFailed(attempt, result.cause());
                    }
                    finished.complete();
                });
    }

    private DriverConfigLoader driverConfig() {
        return DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.SESSION_NAME, "telecare-" + nodeId)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, consistency(settings.consistency()).name())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, DefaultConsistencyLevel.LOCAL_SERIAL.name())
                // The driver reconnects to nodes it lost on its own; keep its pauses short so that
                // a cluster coming back is used again within seconds, not a minute.
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
                // Our own WARN per attempt says it better, once.
                .withBoolean(DefaultDriverOption.CONNECTION_WARN_INIT_ERROR, false)
                // Migrations wait for agreement themselves; DDL responses should not stall on it long.
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(10))
                // A DDL response waits for the driver's debounced schema refresh (1 s by default);
                // migrations issue DDL one statement at a time, so a short window saves seconds per start.
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(100))
                .build();
    }

    private void installed(CqlSession fresh) {
        if (closed) {
            fresh.closeAsync();
            return;
        }
        prepared = new PreparedStatements(fresh);
        session = fresh;
        backoff.reset();
        LOG.info("Cassandra storage ready: connected to {} (data centre {}), keyspace {}, after {} attempt(s)",
                contactPoints(), settings.localDatacenter(), settings.keyspace(), attempts);
        markReady("connected to " + contactPoints() + ", keyspace " + settings.keyspace());
        probeTimer = vertx.setPeriodic(PROBE_INTERVAL.toMillis(), id -> probe());
    }

    private void attemptFailed(int attempt, Throwable failure) {
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        String reason = CassandraFailures.describe(failure);
        LOG.warn("Cassandra connection attempt {} to {} failed: {}; next attempt in {} ms",
                attempt, contactPoints(), reason, delay.toMillis());
        health = new StorageHealth(CassandraStorage.NAME, State.STARTING,
                "cannot connect to " + contactPoints() + " (attempt " + attempt + "): " + reason);
        retryTimer = vertx.setTimer(delay.toMillis(), id -> connect());
    }

    // ---- probing, on the context ----

    private void probe() {
        CqlSession current = session;
        if (probing || closed || current == null) {
            return;
        }
        probing = true;
        SimpleStatement statement = SimpleStatement.newInstance(PROBE_CQL)
                .setTimeout(PROBE_TIMEOUT)
                .setConsistencyLevel(DefaultConsistencyLevel.ONE)
                .setIdempotent(true);
        Future.fromCompletionStage(current.executeAsync(statement), context).onComplete(result -> {
            probing = false;
            if (closed) {
                return;
            }
            if (result.succeeded()) {
                if (!health.ready()) {
                    LOG.info("Cassandra cluster reachable again; storage ready");
                    markReady("connected to " + contactPoints() + ", keyspace " + settings.keyspace());
                }
            } else {
                String reason = CassandraFailures.describe(result.cause());
                if (health.ready()) {
                    LOG.warn("Lost the Cassandra cluster: {}; storage unavailable until it answers again", reason);
                } else {
                    LOG.debug("Cassandra cluster still unreachable: {}", reason);
                }
                health = new StorageHealth(CassandraStorage.NAME, State.UNAVAILABLE,
                        "lost the Cassandra cluster: " + reason);
            }
        });
    }

    private void markReady(String detail) {
        List<CompletableFuture<CqlSession>> ready;
        synchronized (waiters) {
            health = new StorageHealth(CassandraStorage.NAME, State.READY, detail);
            ready = List.copyOf(waiters);
            waiters.clear();
        }
        ready.forEach(w -> w.complete(session));
    }

    private void failWaiters(Throwable failure) {
        List<CompletableFuture<CqlSession>> failed;
        synchronized (waiters) {
            failed = List.copyOf(waiters);
            waiters.clear();
        }
        failed.forEach(w -> w.completeExceptionally(failure));
    }

    private String contactPoints() {
        return settings.contactPoints().stream()
                .map(a -> a.getHostString() + ":" + a.getPort())
                .toList().toString();
    }
}
