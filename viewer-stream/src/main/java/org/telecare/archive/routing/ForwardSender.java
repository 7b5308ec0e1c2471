package org.telecare.archive.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.remote.RemoteAe;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.archive.routing.ForwardQueue.Versioned;
import org.telecare.dicom.io.DicomFile;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * data set in its stored transfer syntax; for an uncompressed object we also offer explicit and
 * implicit VR little endian (the default transfer syntax every SCP must take, PS3.5 §10.1) and
 * re-encode to whichever the peer accepted when it refused the stored one. A compressed object
 * goes only in its own transfer syntax: we do not decompress on the way out.
 *
 * <p>Each node polls every known destination and is kicked when a job is enqueued here; the
 * claims (compare-and-set) decide who sends. Metrics: {@code telecare.archive.routing.queue}
 * (gauge, tag {@code state} pending|failed), {@code telecare.archive.routing.sent},
 * {@code telecare.archive.routing.attempt.failures}, {@code telecare.archive.routing.failed}.
 */
public final class ForwardSender {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardSender.class);
    /** Presentation contexts per association are numbered with odd bytes, so at most 128 (PS3.8 §9.3.2.2). */
    private static final int MAX_CONTEXTS = 128;
    private static final Set<String> UNCOMPRESSED = Set.of(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    private static final List<String> LITTLE_ENDIAN = List.of(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);
    private static final ReadOptions READ = new ReadOptions(Long.MAX_VALUE, null, 32, Integer.MAX_VALUE - 8, 0,
            true, 1_000_000);

    private final Vertx vertx;
    private final ForwardQueue queue;
    private final BlobStore blobs;
    private final RemoteAes remotes;
    private final Supplier<Set<String>> destinations;
    private final DicomClient client;
    private final Backoff backoff;
    private final String node;
    private final Path work;
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

    public ForwardSender(Vertx vertx, ForwardQueue queue, BlobStore blobs, RemoteAes remotes,
                         Supplier<Set<String>> destinations, DicomClient client, Backoff backoff, String node,
                         Path work, MeterRegistry metrics, Clock clock, int batch) {
        this.vertx = vertx;
        this.queue = queue;
        this.blobs = blobs;
        this.remotes = remotes;
        this.destinations = destinations;
        this.client = client;
        this.backoff = backoff;
        this.node = node;
        this.work = work;
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

    /** A job staged for sending: the stored file copied out of the blob store, verified. */
    private record Staged(Versioned job, Path file, long dataSetOffset) {
    }

    private Future<Void> send(String destination, List<Versioned> jobs) {
        Optional<RemoteAe> ae = remotes.byTitle(destination);
        if (ae.isEmpty()) {
            return settleAll(jobs, "destination " + destination + " is not a known remote AE");
        }
        List<Future<Optional<Staged>>> staging = jobs.stream().map(this::stage).toList();
        return Future.join(staging).otherwiseEmpty().compose(x -> {
            List<Staged> ready = new ArrayList<>();
            for (Future<Optional<Staged>> f : staging) {
                f.result().ifPresent(ready::add);
            }
            if (ready.isEmpty()) {
                return Future.succeededFuture();
            }
            List<Offer> offers = offers(ready);
            RemoteAe target = ae.get();
            return client.connect(target.host(), target.port(), target.aeTitle(), offers)
                    .compose(a -> sendAll(a, ready, 0).eventually(() -> a.release().recover(e -> {
                        a.abort();
                        return Future.succeededFuture();
                    })), e -> settleAll(ready.stream().map(Staged::job).toList(),
                            "association with " + target.aeTitle() + " at " + target.host() + ":" + target.port()
                                    + " failed: " + e.getMessage()))
                    .eventually(() -> Future.join(ready.stream().map(s -> vertx.fileSystem()
                            .delete(s.file().toString()).otherwiseEmpty()).toList()));
        }).mapEmpty();
    }

    private Future<Optional<Staged>> stage(Versioned v) {
        Path file = work.resolve(v.job().id() + ".dcm");
        return vertx.fileSystem().delete(file.toString()).otherwiseEmpty()
                .compose(x -> blobs.copyTo(new BlobId(v.job().blob()), file))
                .compose(x -> vertx.executeBlocking(() -> Part10.readFileMetaInfo(file).datasetOffset(), false))
                .map(offset -> Optional.of(new Staged(v, file, offset)))
                .recover(e -> settle(v, "stored object unreadable: " + e.getMessage()).map(Optional.empty()));
    }

    private static List<Offer> offers(List<Staged> ready) {
        Set<Offer> out = new LinkedHashSet<>();
        for (Staged s : ready) {
            ForwardJob j = s.job().job();
            Set<Offer> mine = new LinkedHashSet<>();
            mine.add(Offer.of(j.sopClassUid(), j.transferSyntaxUid()));
            if (UNCOMPRESSED.contains(j.transferSyntaxUid())) {
                mine.add(new Offer(j.sopClassUid(), LITTLE_ENDIAN, false));
            }
            mine.removeAll(out);
            if (out.size() + mine.size() > MAX_CONTEXTS) {
                break;
            }
            out.addAll(mine);
        }
        return List.copyOf(out);
    }

    private Future<Void> sendAll(ScuAssociation a, List<Staged> ready, int i) {
        if (i >= ready.size()) {
            return Future.succeededFuture();
        }
        Staged s = ready.get(i);
        return storeOne(a, s).transform(ar -> {
            if (ar.succeeded() && ar.result().kind() != Status.Kind.FAILURE) {
                sent.increment();
                return queue.done(s.job()).mapEmpty();
            }
            String why = ar.succeeded() ? "C-STORE refused with status " + ar.result()
                    : String.valueOf(ar.cause().getMessage());
            return settle(s.job(), why);
        }).compose(x -> sendAll(a, ready, i + 1));
    }

    private Future<Status> storeOne(ScuAssociation a, Staged s) {
        ForwardJob j = s.job().job();
        if (a.info().contextFor(j.sopClassUid(), List.of(j.transferSyntaxUid())).isPresent()) {
            return a.storeFile(j.sopClassUid(), j.sopInstanceUid(), j.transferSyntaxUid(), s.file(), s.dataSetOffset());
        }
        if (!UNCOMPRESSED.contains(j.transferSyntaxUid())) {
            return Future.failedFuture(new IllegalStateException("the destination accepts " + j.sopClassUid()
                    + " not in the stored transfer syntax " + j.transferSyntaxUid()));
        }
        String target = a.info().contextFor(j.sopClassUid(), LITTLE_ENDIAN).map(pc -> pc.transferSyntax()).orElse(null);
        if (target == null) {
            return Future.failedFuture(new IllegalStateException("the destination accepts no transfer syntax for "
                    + j.sopClassUid()));
        }
        return vertx.executeBlocking(() -> {
            DicomFile f = DicomReader.readFile(s.file(), READ);
            return Buffer.buffer(DicomWriter.toBytes(f.dataset(), TransferSyntax.of(target)));
        }, false).compose(bytes -> a.store(j.sopClassUid(), j.sopInstanceUid(), target, Payload.of(bytes)));
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
