package org.telecare.archive.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.outbound.OutboundData;
import org.telecare.archive.outbound.OutboundObject;
import org.telecare.archive.outbound.OutboundOffers;
import org.telecare.archive.remote.RemoteAe;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.archive.routing.ForwardQueue.Versioned;
import org.telecare.dimse.association.PresentationContext;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.storage.blob.BlobId;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends the forward queue (ARC-3): for each destination, the due jobs are claimed (a batch at a
 * time) and sent as C-STOREs (PS3.4 Annex B) on one association. The bytes sent are the stored
 * data set in its stored transfer syntax, or re-encoded when the peer refused it (see
 * {@link OutboundOffers} and {@link OutboundData}). A compressed object goes only in its own
 * transfer syntax: we do not decompress on the way out.
 *
 * <p>Each node polls every known destination and is kicked when a job is enqueued here; the
 * claims (compare-and-set) decide who sends. Metrics: {@code telecare.archive.routing.queue}
 * (gauge, tag {@code state} pending|failed), {@code telecare.archive.routing.sent},
 * {@code telecare.archive.routing.attempt.failures}, {@code telecare.archive.routing.failed}.
 */
public final class ForwardSender {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardSender.class);

    private final Vertx vertx;
    private final ForwardQueue queue;
    private final OutboundData data;
    private final RemoteAes remotes;
    private final Supplier<Set<String>> destinations;
    private final DicomClient client;
    private final Backoff backoff;
    private final String node;
    private final Clock clock;
    private final int batch;
    private final Context context;
    private final Set<String> busy = new HashSet<>();
    private final Set<String> again = new HashSet<>();
    private final Map<String, Integer> pendingDepth = new ConcurrentHashMap<>();
    private final Map<String, Integer> failedDepth = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter attemptFailures;
    private final Counter failed;
    private final AtomicLong closed = new AtomicLong();
    private long timer = -1;

    public ForwardSender(Vertx vertx, ForwardQueue queue, OutboundData data, RemoteAes remotes,
                         Supplier<Set<String>> destinations, DicomClient client, Backoff backoff, String node,
                         MeterRegistry metrics, Clock clock, int batch) {
        this.vertx = vertx;
        this.queue = queue;
        this.data = data;
        this.remotes = remotes;
        this.destinations = destinations;
        this.client = client;
        this.backoff = backoff;
        this.node = node;
        this.clock = clock;
        this.batch = batch;
        this.context = vertx.getOrCreateContext();
        Gauge.builder("telecare.archive.routing.queue", pendingDepth, m -> m.values().stream().mapToInt(i -> i).sum())
                .tag("state", "pending").description("forward jobs waiting or in flight").register(metrics);
        Gauge.builder("telecare.archive.routing.queue", failedDepth, m -> m.values().stream().mapToInt(i -> i).sum())
                .tag("state", "failed").description("forward jobs that gave up").register(metrics);
        sent = Counter.builder("telecare.archive.routing.sent").description("instances forwarded").register(metrics);
        attemptFailures = Counter.builder("telecare.archive.routing.attempt.failures")
                .description("forward attempts that failed (will be retried)").register(metrics);
        failed = Counter.builder("telecare.archive.routing.failed")
                .description("forward jobs that reached the failed state").register(metrics);
    }

    public void start() {
        timer = vertx.setPeriodic(backoff.pollInterval().toMillis(), id -> destinations.get().forEach(this::kick));
    }

    public void close() {
        closed.set(1);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks at the destination's queue now (or right after the round in progress). */
    public void kick(String destination) {
        context.runOnContext(v -> {
            if (closed.get() != 0) {
                return;
            }
            if (!busy.add(destination)) {
                again.add(destination);
                return;
            }
            round(destination).onComplete(ar -> {
                if (ar.failed()) {
                    LOG.warn("routing to {}: {}", destination, ar.cause().toString());
                }
                busy.remove(destination);
                if (again.remove(destination) || ar.succeeded() && ar.result()) {
                    kick(destination);
                }
            });
        });
    }

    /** One batch; true when it sent something and there may be more due. */
    private Future<Boolean> round(String destination) {
        Future<Void> failedCount = queue.failedOf(destination).map(f -> {
            failedDepth.put(destination, f.size());
            return null;
        });
        return failedCount.compose(x -> queue.pendingOf(destination)).compose(rows -> {
            pendingDepth.put(destination, rows.size());
            Instant now = clock.instant();
            List<Versioned> due = rows.stream().filter(v -> v.job().due(now)).limit(batch).toList();
            if (due.isEmpty()) {
                return Future.succeededFuture(false);
            }
            Instant until = now.plus(backoff.lease());
            List<Future<Optional<Versioned>>> claims = due.stream().map(v -> queue.claim(v, node, until)).toList();
            return Future.join(claims).otherwiseEmpty().compose(x -> {
                List<Versioned> mine = claims.stream().filter(Future::succeeded).map(Future::result)
                        .flatMap(Optional::stream).toList();
                return mine.isEmpty() ? Future.succeededFuture(false) : send(destination, mine).map(true);
            });
        });
    }

    private static OutboundObject object(Versioned v) {
        ForwardJob j = v.job();
        return new OutboundObject(j.sopClassUid(), j.sopInstanceUid(), j.transferSyntaxUid(), new BlobId(j.blob()), -1, -1);
    }

    private Future<Void> send(String destination, List<Versioned> jobs) {
        Optional<RemoteAe> ae = remotes.byTitle(destination);
        if (ae.isEmpty()) {
            return settleAll(jobs, "destination " + destination + " is not a known remote AE");
        }
        List<Offer> offers = OutboundOffers.of(jobs.stream().map(ForwardSender::object).toList());
        RemoteAe target = ae.get();
        return client.connect(target.host(), target.port(), target.aeTitle(), offers)
                .compose(a -> sendAll(a, jobs, 0).eventually(() -> a.release().recover(e -> {
                    a.abort();
                    return Future.succeededFuture();
                })), e -> settleAll(jobs, "association with " + target.aeTitle() + " at " + target.host() + ":"
                        + target.port() + " failed: " + e.getMessage()));
    }

    private Future<Void> sendAll(ScuAssociation a, List<Versioned> jobs, int i) {
        if (i >= jobs.size()) {
            return Future.succeededFuture();
        }
        Versioned job = jobs.get(i);
        return storeOne(a, job).transform(ar -> {
            if (ar.succeeded() && ar.result().kind() != Status.Kind.FAILURE) {
                sent.increment();
                return queue.done(job).mapEmpty();
            }
            String why = ar.succeeded() ? "C-STORE refused with status " + ar.result()
                    : String.valueOf(ar.cause().getMessage());
            return settle(job, why);
        }).compose(x -> sendAll(a, jobs, i + 1));
    }

    /** In the stored syntax when the peer took it, else re-encoded (uncompressed objects only). */
    private Future<Status> storeOne(ScuAssociation a, Versioned job) {
        ForwardJob j = job.job();
        return data.prepare(object(job), (sopClass, syntaxes) -> a.info().contextFor(sopClass, syntaxes)
                        .map(PresentationContext::transferSyntax))
                .compose(p -> a.store(j.sopClassUid(), j.sopInstanceUid(), p.transferSyntaxUid(), p.payload())
                        .eventually(() -> {
                            p.release().run();
                            return Future.succeededFuture();
                        }));
    }

    private Future<Void> settleAll(List<Versioned> jobs, String why) {
        return Future.join(jobs.stream().map(v -> settle(v, why)).toList()).mapEmpty();
    }

    /** After a failed attempt: again later, or {@code failed} once the attempts are used up. */
    private Future<Void> settle(Versioned v, String why) {
        attemptFailures.increment();
        int attempts = v.job().attempts() + 1;
        if (attempts >= backoff.maxAttempts()) {
            failed.increment();
            LOG.warn("forward job {} ({} to {}) failed after {} attempts: {}", v.job().id(),
                    v.job().sopInstanceUid(), v.job().destination(), attempts, why);
            return queue.fail(v, why).mapEmpty();
        }
        LOG.info("forward job {} to {}: attempt {} failed, retrying: {}", v.job().id(), v.job().destination(),
                attempts, why);
        return queue.retryLater(v, why, clock.instant().plus(backoff.delayAfter(attempts))).mapEmpty();
    }
}
