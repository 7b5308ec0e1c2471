package org.telecare.collab.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.telecare.collab.CollabErrors;
import org.telecare.web.ApiException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The cluster's sessions (COLLAB-3): one cluster-wide {@link AsyncMap} entry per session (a
 * Hazelcast map when the node is clustered, a local map otherwise), changed only under the
 * session's cluster-wide lock. Under the lock a change reads the latest session, applies one
 * {@link SessionRules rule}, takes the next sequence number, writes the session back and
 * publishes the numbered event on {@code collab.<id>}; so numbers grow strictly per session,
 * whichever node the presenter and the members are connected to, and the stored snapshot
 * always holds exactly the events up to its {@code seq}.
 *
 * <p>Changes that start on this node run one after another per session (a queue per session):
 * a connection's messages keep their order, and a flood queues here, bounded, instead of in
 * the cluster's lock.
 */
public final class SessionRegistry {
    public static final String MAP = "collab.sessions";
    /** The largest stored session (state, members, links), far above what a viewing state needs. */
    public static final int MAX_RECORD_BYTES = 512 * 1024;
    static final int MAX_QUEUED_PER_SESSION = 256;
    private static final long LOCK_TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final AsyncMap<String, String> map;
    private final Duration idle;
    private final ConcurrentHashMap<String, Future<?>> tails = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> queued = new ConcurrentHashMap<>();

    private SessionRegistry(Vertx vertx, AsyncMap<String, String> map, Duration idle) {
        this.vertx = vertx;
        this.map = map;
        this.idle = idle;
    }

    /** @param idle a session nobody changes for this long is forgotten */
    public static Future<SessionRegistry> open(Vertx vertx, Duration idle) {
        return vertx.sharedData().<String, String>getAsyncMap(MAP).map(m -> new SessionRegistry(vertx, m, idle));
    }

    /** The event-bus address of a session's events. Only the node's own code sends or listens there. */
    public static String address(String sessionId) {
        return "collab." + sessionId;
    }

    public Future<CollabSession> create(CollabSession s) {
        return map.putIfAbsent(s.id(), encode(s), idle.toMillis()).compose(previous -> previous == null
                ? Future.succeededFuture(s)
                : Future.failedFuture(CollabErrors.conflict("session id " + s.id() + " is taken")));
    }

    /** Sessions {@code login} is invited to (a scan of the map: sessions are few and short-lived). */
    public Future<java.util.List<CollabSession>> invitedTo(String login) {
        return map.values().map(all -> all.stream().map(v -> CollabSession.fromJson(new JsonObject(v)))
                .filter(s -> s.mayJoin(login))
                .sorted(java.util.Comparator.comparing(CollabSession::createdAt)).toList());
    }

    public Future<Optional<CollabSession>> find(String id) {
        return map.get(id).map(v -> Optional.ofNullable(v).map(j -> CollabSession.fromJson(new JsonObject(j))));
    }

    /**
     * Applies {@code rule} to the latest session under its lock. Completes with the session after
     * the change (the same one when the rule changed nothing), empty when the change ended it;
     * fails with the rule's {@link ApiException}, 404 for an unknown session, 503 when busy.
     */
    public Future<Optional<CollabSession>> update(String id, Function<CollabSession, Change> rule) {
        AtomicInteger count = queued.computeIfAbsent(id, k -> new AtomicInteger());
        if (count.incrementAndGet() > MAX_QUEUED_PER_SESSION) {
            count.decrementAndGet();
            return Future.failedFuture(CollabErrors.busy("too many changes of this session are waiting; slow down"));
        }
        Future<Optional<CollabSession>>[] mine = new Future[1];
        tails.compute(id, (k, tail) -> {
            Future<?> before = tail == null ? Future.succeededFuture() : tail;
            mine[0] = before.transform(ignored -> locked(id, rule));
            return mine[0];
        });
        return mine[0].andThen(r -> {
            tails.remove(id, mine[0]);
            if (count.decrementAndGet() == 0) {
                queued.remove(id, count);
            }
        });
    }

    private Future<Optional<CollabSession>> locked(String id, Function<CollabSession, Change> rule) {
        return vertx.sharedData().getLockWithTimeout("collab.lock." + id, LOCK_TIMEOUT_MS)
                .recover(e -> Future.failedFuture(CollabErrors.busy("the session is busy; try again")))
                .compose(lock -> apply(id, rule).andThen(r -> lock.release()));
    }

    private Future<Optional<CollabSession>> apply(String id, Function<CollabSession, Change> rule) {
        return find(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(CollabErrors.notFound(id));
            }
            CollabSession current = found.get();
            Change change;
            try {
                change = rule.apply(current);
            } catch (ApiException e) {
                return Future.failedFuture(e);
            }
            long seq = current.seq() + 1;
            return switch (change) {
                case Change.None none -> Future.succeededFuture(found);
                case Change.Next next -> {
                    CollabSession stored = next.session().withSeq(seq);
                    String encoded = encode(stored);
                    if (encoded.length() > MAX_RECORD_BYTES) {
                        yield Future.failedFuture(CollabErrors.tooLarge("the session's state would exceed "
                                + MAX_RECORD_BYTES / 1024 + " KiB"));
                    }
                    yield map.put(id, encoded, idle.toMillis()).map(v -> {
                        vertx.eventBus().publish(address(id), next.event().toJson(seq));
                        return Optional.of(stored);
                    });
                }
                case Change.End end -> map.remove(id).map(v -> {
                    vertx.eventBus().publish(address(id), end.event().toJson(seq));
                    return Optional.<CollabSession>empty();
                });
            };
        });
    }

    private static String encode(CollabSession s) {
        return s.toJson().encode();
    }
}
