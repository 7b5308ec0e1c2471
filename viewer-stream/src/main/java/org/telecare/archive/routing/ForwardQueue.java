package org.telecare.archive.routing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable forward queue (ARC-3) in table {@code archive_route_job}, written only through
 * compare-and-set: partition {@code pending:<AE>} holds a destination's waiting and in-flight
 * jobs, {@code failed:<AE>} those that gave up, clustering = job id (arrival order). A sender
 * takes a job by replacing the version it read, so in a cluster exactly one node sends it; a
 * claim that outlives its lease (the node died) is taken over. A delivered job is deleted.
 * Delivery is at least once: a node that sends past its lease may see the job sent again by the
 * node that took it over (the destination then has a duplicate SOP Instance, which archives
 * accept as the same object).
 */
public final class ForwardQueue {
    static final TableSpec TABLE = TableSpec.withCompareAndSet("archive_route_job");
    /** A destination's backlog is read in one slice at most this long; more waits for the next rounds. */
    static final int SCAN = 5_000;

    /** A job as read, with the version a compare-and-set must name. */
    public record Versioned(ForwardJob job, long version) {
    }

    private final RecordStore store;

    public ForwardQueue(RecordStore store) {
        this.store = store;
    }

    static String pending(String destination) {
        return "pending:" + destination;
    }

    static String failed(String destination) {
        return "failed:" + destination;
    }

    public Future<ForwardJob> enqueue(ForwardJob job) {
        return store.putIfAbsent(TABLE, RecordKey.of(pending(job.destination()), job.id()), job.encode(), null)
                .map(r -> job);
    }

    /** The destination's waiting and in-flight jobs, in arrival order. */
    public Future<List<Versioned>> pendingOf(String destination) {
        return read(pending(destination));
    }

    public Future<List<Versioned>> failedOf(String destination) {
        return read(failed(destination));
    }

    private Future<List<Versioned>> read(String partition) {
        return store.range(TABLE, RangeQuery.all(partition).limit(SCAN)).map(rows -> {
            List<Versioned> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(decode(r)));
            return out;
        });
    }

    /** Takes the job for {@code node}; empty when another node got it first. */
    public Future<Optional<Versioned>> claim(Versioned v, String node, Instant until) {
        ForwardJob claimed = v.job().claimed(node, until);
        return replace(v, claimed);
    }

    /** Delivered: the job is gone. */
    public Future<Boolean> done(Versioned v) {
        return store.deleteIfVersion(TABLE, RecordKey.of(pending(v.job().destination()), v.job().id()), v.version())
                .map(CasResult::applied);
    }

    public Future<Optional<Versioned>> retryLater(Versioned v, String error, Instant next) {
        return replace(v, v.job().attemptFailed(error, next));
    }

    /** Gave up: moved to the destination's failed partition (written there first, so it is never lost). */
    public Future<ForwardJob> fail(Versioned v, String error) {
        ForwardJob failed = v.job().failed(error);
        return store.putIfAbsent(TABLE, RecordKey.of(failed(failed.destination()), failed.id()), failed.encode(), null)
                .compose(r -> done(v)).map(failed);
    }

    public Future<Optional<Versioned>> get(String id) {
        Optional<String> destination = ForwardJob.destinationOf(id);
        if (destination.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.get(TABLE, RecordKey.of(pending(destination.get()), id)).compose(p -> p.isPresent()
                ? Future.succeededFuture(p.map(ForwardQueue::decode))
                : store.get(TABLE, RecordKey.of(failed(destination.get()), id)).map(f -> f.map(ForwardQueue::decode)));
    }

    /**
     * A manual retry: a failed job goes back to pending with a fresh count of attempts; a pending
     * one is made due now. Empty when there is no such job; a job being sent is left as it is.
     */
    public Future<Optional<ForwardJob>> retry(String id, Instant now) {
        return get(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Versioned v = found.get();
            ForwardJob again = v.job().retried(now);
            return switch (v.job().state()) {
                case SENDING -> Future.succeededFuture(Optional.of(v.job()));
                case PENDING -> replace(v, again).map(r -> Optional.of(r.map(Versioned::job).orElse(v.job())));
                case FAILED -> store.putIfAbsent(TABLE, RecordKey.of(pending(again.destination()), id), again.encode(), null)
                        .compose(r -> store.deleteIfVersion(TABLE, RecordKey.of(failed(again.destination()), id),
                                v.version()))
                        .map(r -> Optional.of(again));
            };
        });
    }

    private Future<Optional<Versioned>> replace(Versioned v, ForwardJob next) {
        return store.replaceIfVersion(TABLE, RecordKey.of(pending(next.destination()), next.id()), v.version(),
                next.encode(), null).map(r -> r.applied() ? r.current().map(ForwardQueue::decode) : Optional.empty());
    }

    static Versioned decode(StoredRecord r) {
        return new Versioned(ForwardJob.fromJson(new JsonObject(new String(r.value(), StandardCharsets.UTF_8))),
                r.version());
    }
}
