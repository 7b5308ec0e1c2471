package org.telecare.collab.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.collab.CollabErrors;
import org.telecare.collab.session.CollabSession;
import org.telecare.collab.session.SessionEvent;
import org.telecare.collab.session.SessionRegistry;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * This node's side of every session that has a browser connected here (COLLAB-3): one event-bus
 * consumer per session (not per browser), and the ordering of what it receives. Events of one
 * session are numbered under the cluster lock but published by whichever node made the change,
 * so they may arrive out of order or, if a node link drops, not at all: a feed delivers them in
 * number order only, holds early ones back, and when a gap does not close within
 * {@link #GAP_MS} (or too many wait) it sends every connection the stored snapshot instead.
 * A browser therefore sees strictly increasing, gap-free numbers, or a snapshot that resets them.
 *
 * <p>Runs as a verticle: all its state is touched on its own context only.
 */
final class SessionFeeds extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFeeds.class);
    static final long GAP_MS = 1_000;
    static final int MAX_PENDING = 512;
    private static final int SNAPSHOT_ATTEMPTS = 5;

    private final SessionRegistry registry;
    private final Map<String, Feed> feeds = new HashMap<>();

    private static final class Feed {
        final String sessionId;
        MessageConsumer<JsonObject> consumer;
        Future<Void> ready;
        /** Number of the last event delivered here; -1 until the first snapshot read. */
        long seq = -1;
        final TreeMap<Long, JsonObject> pending = new TreeMap<>();
        final Set<Connection> connections = new LinkedHashSet<>();
        long gapTimer = -1;
        boolean refreshing;

        Feed(String sessionId) {
            this.sessionId = sessionId;
        }
    }

    SessionFeeds(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture();
    }

    private Context ctx() {
        return context;
    }

    /** Adds a connection that said hello; it gets the snapshot, then every later event. */
    void attach(Connection c, String sessionId) {
        ctx().runOnContext(v -> {
            Feed feed = feeds.computeIfAbsent(sessionId, this::open);
            feed.connections.add(c);
            feed.ready.onComplete(r -> {
                if (r.failed()) {
                    c.close(1011, CollabErrors.BUSY, "cannot follow the session: " + r.cause().getMessage());
                    return;
                }
                sendSnapshot(feed, c, SNAPSHOT_ATTEMPTS);
            });
        });
    }

    void detach(Connection c) {
        ctx().runOnContext(v -> {
            if (c.sessionId == null) {
                return;
            }
            Feed feed = feeds.get(c.sessionId);
            if (feed != null && feed.connections.remove(c) && feed.connections.isEmpty()) {
                close(feed);
            }
        });
    }

    /** The client asked for the snapshot (it stepped away, or suspects it missed something). */
    void resync(Connection c) {
        ctx().runOnContext(v -> {
            Feed feed = feeds.get(c.sessionId);
            if (feed != null) {
                sendSnapshot(feed, c, SNAPSHOT_ATTEMPTS);
            }
        });
    }

    private Feed open(String sessionId) {
        Feed feed = new Feed(sessionId);
        feed.consumer = vertx.eventBus().consumer(SessionRegistry.address(sessionId), m -> onEvent(feed, m.body()));
        feed.ready = feed.consumer.completion();
        return feed;
    }

    private void close(Feed feed) {
        feeds.remove(feed.sessionId, feed);
        feed.consumer.unregister();
        if (feed.gapTimer >= 0) {
            vertx.cancelTimer(feed.gapTimer);
        }
    }

    private void sendSnapshot(Feed feed, Connection c, int attempts) {
        registry.find(feed.sessionId).onComplete(r -> {
            if (c.closed() || !feed.connections.contains(c)) {
                return;
            }
            if (r.failed()) {
                c.close(1011, CollabErrors.BUSY, "cannot read the session: " + r.cause().getMessage());
                return;
            }
            Optional<CollabSession> found = r.result();
            if (found.isEmpty()) {
                c.close(1000, CollabErrors.ENDED, "the session has ended");
                return;
            }
            CollabSession s = found.get();
            if (s.seq() < Math.max(c.seq, feed.seq)) {
                // Newer events were delivered here while this read was under way: an older snapshot
                // would undo them for this browser, or leave it without them. Read again.
                if (attempts > 1) {
                    vertx.setTimer(50, t -> sendSnapshot(feed, c, attempts - 1));
                } else {
                    c.close(1011, CollabErrors.BUSY, "the session changes too fast to follow; reconnect");
                }
                return;
            }
            if (!s.isMember(c.login())) {
                c.close(1008, CollabErrors.NOT_MEMBER, "you are no longer a member of this session");
                return;
            }
            c.snapshot(s);
            c.seq = s.seq();
            if (feed.seq < 0) {
                // The feed's first snapshot: what it buffered since its consumer was registered continues from here.
                feed.seq = s.seq();
                drain(feed);
            }
        });
    }

    private void onEvent(Feed feed, JsonObject event) {
        long seq = event.getLong("seq", -1L);
        if (seq < 0 || feeds.get(feed.sessionId) != feed) {
            return;
        }
        if (seq <= feed.seq) {
            return;
        }
        feed.pending.put(seq, event);
        if (feed.seq >= 0) {
            drain(feed);
        }
    }

    private void drain(Feed feed) {
        feed.pending.headMap(feed.seq, true).clear();
        while (!feed.pending.isEmpty() && feed.pending.firstKey() == feed.seq + 1) {
            JsonObject event = feed.pending.pollFirstEntry().getValue();
            feed.seq++;
            deliver(feed, event);
            if (feeds.get(feed.sessionId) != feed) {
                return;
            }
        }
        if (feed.pending.isEmpty()) {
            if (feed.gapTimer >= 0) {
                vertx.cancelTimer(feed.gapTimer);
                feed.gapTimer = -1;
            }
        } else if (feed.pending.size() > MAX_PENDING) {
            refresh(feed);
        } else if (feed.gapTimer < 0) {
            feed.gapTimer = vertx.setTimer(GAP_MS, t -> {
                feed.gapTimer = -1;
                if (!feed.pending.isEmpty()) {
                    refresh(feed);
                }
            });
        }
    }

    /** A gap that did not close: the stored snapshot replaces what was lost. */
    private void refresh(Feed feed) {
        if (feed.refreshing) {
            return;
        }
        feed.refreshing = true;
        LOG.debug("collab {}: gap after seq {}, sending the snapshot", feed.sessionId, feed.seq);
        registry.find(feed.sessionId).onComplete(r -> {
            feed.refreshing = false;
            if (feeds.get(feed.sessionId) != feed) {
                return;
            }
            if (r.failed()) {
                return; // the next event or the next gap retries
            }
            if (r.result().isEmpty()) {
                deliver(feed, new SessionEvent.Ended("").toJson(feed.seq + 1));
                return;
            }
            CollabSession s = r.result().get();
            if (s.seq() > feed.seq) {
                feed.seq = s.seq();
                for (Connection c : List.copyOf(feed.connections)) {
                    if (c.seq < s.seq()) {
                        if (s.isMember(c.login())) {
                            c.snapshot(s);
                            c.seq = s.seq();
                        } else {
                            c.close(1008, CollabErrors.NOT_MEMBER, "you are no longer a member of this session");
                        }
                    }
                }
            }
            drain(feed);
        });
    }

    private void deliver(Feed feed, JsonObject event) {
        long seq = event.getLong("seq");
        String type = event.getString("type");
        Set<String> members = null;
        if (SessionEvent.PRESENCE.equals(type)) {
            members = new java.util.HashSet<>();
            for (Object m : event.getJsonArray("members")) {
                members.add(((JsonObject) m).getString("login"));
            }
        }
        for (Connection c : List.copyOf(feed.connections)) {
            if (c.seq < 0 || seq <= c.seq) {
                continue; // before its snapshot, or already in it
            }
            c.seq = seq;
            if (members != null && !members.contains(c.login())) {
                c.close(1008, CollabErrors.NOT_MEMBER, "you are no longer a member of this session");
                continue;
            }
            c.send(event);
            if (SessionEvent.ENDED.equals(type)) {
                c.close(1000, CollabErrors.ENDED, "the session has ended");
            }
        }
        if (SessionEvent.ENDED.equals(type)) {
            close(feed);
        }
    }
}
