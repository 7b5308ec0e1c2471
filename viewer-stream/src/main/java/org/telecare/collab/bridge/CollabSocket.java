package org.telecare.collab.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.Principal;
import org.telecare.access.policy.DataAction;
import org.telecare.access.policy.DataRequester;
import org.telecare.collab.CollabErrors;
import org.telecare.collab.session.CollabSession;
import org.telecare.collab.session.Link;
import org.telecare.collab.session.SessionRegistry;
import org.telecare.collab.session.SessionRules;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.web.ApiErrors;
import org.telecare.web.ApiException;
import org.telecare.web.ClientAddress;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/collab/ws}: the browser's WebSocket into collaborative sessions
 * (docs/collab-protocol.md). The upgrade request passes the same {@link AccessGuard} as every
 * HTTP route (the session cookie; SameSite=Strict keeps other sites' pages from sending it) and
 * an Origin check against cross-site WebSocket hijacking; then the browser says {@code hello}
 * to one session, is checked for membership and, through the study's data policies, on channel
 * {@code eventbus} (SEC-4, logged), and from then on sends and receives that session's messages.
 * Browsers never reach the event bus itself: this class is the only door to {@code collab.*}.
 */
public final class CollabSocket {
    private static final Logger LOG = LoggerFactory.getLogger(CollabSocket.class);
    public static final String PATH = "/collab/ws";

    private final Vertx vertx;
    private final String nodeId;
    private final SessionRegistry registry;
    private final StudyAccess studies;
    private final BridgeLimits limits;
    private final SessionFeeds feeds;

    private CollabSocket(Vertx vertx, String nodeId, SessionRegistry registry, StudyAccess studies,
                         BridgeLimits limits, SessionFeeds feeds) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.registry = registry;
        this.studies = studies;
        this.limits = limits;
        this.feeds = feeds;
    }

    /** Deploys this node's session feeds and answers once the socket route can be mounted. */
    public static Future<CollabSocket> start(Vertx vertx, String nodeId, SessionRegistry registry, StudyAccess studies,
                                             BridgeLimits limits) {
        SessionFeeds feeds = new SessionFeeds(registry);
        return vertx.deployVerticle(feeds)
                .map(id -> new CollabSocket(vertx, nodeId, registry, studies, limits, feeds));
    }

    public void mount(Router api, AccessGuard guard) {
        // The guard answers asynchronously (a session read): hold the request, or its end is
        // consumed meanwhile and the upgrade can no longer be made.
        api.get(PATH).handler(ctx -> {
            ctx.request().pause();
            ctx.next();
        }).handler(guard.authenticated()).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
            throw CollabErrors.bad("this is the collaboration WebSocket: connect with a WebSocket client");
        }
        if (!sameOrigin(ctx)) {
            throw CollabErrors.notAllowed("the WebSocket's Origin is not this server");
        }
        Principal who = AccessGuard.principal(ctx);
        String address = ClientAddress.of(ctx);
        ctx.request().toWebSocket().onSuccess(ws -> open(ws, who, address))
                .onFailure(e -> LOG.warn("collab: WebSocket upgrade failed: {}", e.toString()));
    }

    /**
     * Browsers always send Origin on a WebSocket; it must name the host the page was loaded from
     * (the Host header). Clients that are not browsers send none and still need the cookie.
     */
    static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = ctx.request().getHeader(HttpHeaders.HOST);
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null || host == null) {
                return false;
            }
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority.equalsIgnoreCase(host) || (o.getPort() < 0 && host.equalsIgnoreCase(o.getHost()
                    + (o.getScheme().equals("https") ? ":443" : ":80")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void open(ServerWebSocket ws, Principal who, String address) {
        Connection c = new Connection(UUID.randomUUID().toString(), who, address, ws);
        new Session(c).start();
    }

    /** The life of one connection, on its event loop. */
    private final class Session {
        private final Connection c;
        private final TokenBucket messages;
        private final TokenBucket annotations;
        private final TokenBucket errors;
        private boolean helloUnderWay;
        private long pingTimer = -1;
        private long lastPong = System.nanoTime();

        Session(Connection c) {
            this.c = c;
            this.messages = new TokenBucket(limits.messageBurst(), limits.messagesPerSecond(), System::nanoTime);
            this.annotations = new TokenBucket(limits.annotationBurst(), limits.annotationsPerSecond(), System::nanoTime);
            this.errors = new TokenBucket(limits.errorBurst(), limits.errorsPerSecond(), System::nanoTime);
        }

        void start() {
            ServerWebSocket ws = c.socket;
            ws.textMessageHandler(this::onText);
            ws.binaryMessageHandler(b -> c.close(1003, CollabErrors.BAD_MESSAGE, "messages are JSON text"));
            ws.pongHandler(p -> lastPong = System.nanoTime());
            ws.exceptionHandler(e -> LOG.debug("collab: connection {}: {}", c.id, e.getMessage()));
            ws.closeHandler(v -> closed());
            vertx.setTimer(limits.helloTimeoutMs(), t -> {
                if (!c.joined() && !helloUnderWay) {
                    c.close(1008, CollabErrors.HELLO_FIRST, "no hello within " + limits.helloTimeoutMs() + " ms");
                }
            });
            // A browser that vanished without closing (a laptop lid) must not stay "online" for ever.
            pingTimer = vertx.setPeriodic(limits.pingIntervalMs(), t -> {
                if (System.nanoTime() - lastPong > 2_500_000L * limits.pingIntervalMs()) {
                    c.close(1001, CollabErrors.BAD_MESSAGE, "no answer to pings");
                } else if (!c.closed()) {
                    ws.writePing(Buffer.buffer("collab"));
                }
            });
        }

        private void closed() {
            c.markClosed();
            vertx.cancelTimer(pingTimer);
            if (c.joined()) {
                feeds.detach(c);
                registry.update(c.sessionId, s -> SessionRules.disconnect(s, c.id))
                        .onFailure(e -> LOG.debug("collab: disconnect of {}: {}", c.id, e.getMessage()));
            }
        }

        private void onText(String text) {
            if (c.closed()) {
                return;
            }
            if (text.length() > limits.maxMessageChars()) {
                c.close(1009, CollabErrors.TOO_LARGE, "a message is at most " + limits.maxMessageChars() + " characters");
                return;
            }
            if (!messages.take()) {
                refuse(new ApiException(429, CollabErrors.RATE_LIMITED, "too many messages; this one was dropped"),
                        Optional.empty());
                return;
            }
            ClientMessage m;
            try {
                m = ClientMessage.parse(text);
            } catch (ApiException e) {
                refuse(e, Optional.empty());
                return;
            }
            if (!c.joined()) {
                if (!(m instanceof ClientMessage.Hello hello)) {
                    c.close(1008, CollabErrors.HELLO_FIRST, "say hello to a session first");
                    return;
                }
                if (helloUnderWay) {
                    refuse(CollabErrors.bad("hello is under way"), m.ref());
                    return;
                }
                hello(hello);
                return;
            }
            switch (m) {
                case ClientMessage.Hello h -> refuse(CollabErrors.bad("this connection is in session " + c.sessionId
                        + " already; open another connection for another session"), m.ref());
                case ClientMessage.State s -> change(m, session -> SessionRules.state(session, c.login(), c.id, s.patch()));
                case ClientMessage.Pointer p -> change(m, session -> SessionRules.pointer(session, c.login(), c.id, p.pointer()));
                case ClientMessage.Annotation a -> {
                    if (!annotations.take()) {
                        refuse(new ApiException(429, CollabErrors.RATE_LIMITED, "too many annotation changes; dropped"),
                                m.ref());
                        return;
                    }
                    change(m, session -> SessionRules.annotation(session, c.login(), c.id, a.op()));
                }
                case ClientMessage.Resync r -> feeds.resync(c);
                case ClientMessage.Ping p -> {
                    JsonObject pong = new JsonObject().put("type", "pong");
                    p.ref().ifPresent(ref -> pong.put("ref", ref));
                    c.send(pong);
                }
            }
        }

        private void hello(ClientMessage.Hello hello) {
            helloUnderWay = true;
            registry.find(hello.session()).compose(found -> {
                if (found.isEmpty()) {
                    return Future.failedFuture(CollabErrors.notFound(hello.session()));
                }
                CollabSession s = found.get();
                if (!s.isMember(c.login())) {
                    return Future.failedFuture(CollabErrors.notMember(s.mayJoin(c.login())
                            ? "join the session first (POST /api/v1/collab/sessions/" + s.id() + "/join)"
                            : "you are not a member of this session"));
                }
                return studies.check(c.who, c.clientAddress, DataRequester.EVENT_BUS, s.studyUid(), DataAction.READ,
                        "study", s.studyUid()).map(facts -> s);
            }).compose(s -> registry.update(s.id(), latest -> SessionRules.connect(latest, c.id, new Link(c.login(), nodeId))))
                    .onComplete(r -> {
                        helloUnderWay = false;
                        if (r.failed()) {
                            Throwable e = r.cause();
                            if (e instanceof ApiException api) {
                                c.close(1008, api.code(), api.getMessage());
                            } else {
                                LOG.warn("collab: hello failed", e);
                                c.close(1011, ApiErrors.INTERNAL, "internal error");
                            }
                            return;
                        }
                        if (c.closed()) {
                            // Gone while the hello was checked: take the link out again.
                            registry.update(hello.session(), s -> SessionRules.disconnect(s, c.id));
                            return;
                        }
                        c.sessionId = hello.session();
                        feeds.attach(c, hello.session());
                    });
        }

        private void change(ClientMessage m, java.util.function.Function<CollabSession, org.telecare.collab.session.Change> rule) {
            registry.update(c.sessionId, rule).onFailure(e -> {
                if (e instanceof ApiException api) {
                    if (api.code() == CollabErrors.NOT_FOUND) {
                        c.close(1000, CollabErrors.ENDED, "the session has ended");
                    } else {
                        refuse(api, m.ref());
                    }
                } else {
                    LOG.warn("collab: change in session {} failed", c.sessionId, e);
                    refuse(new ApiException(500, ApiErrors.INTERNAL, "internal error"), m.ref());
                }
            });
        }

        /** Answers an error; a client that keeps causing them is cut off (1008, policy violation). */
        private void refuse(ApiException e, Optional<String> ref) {
            if (!errors.take()) {
                c.close(1008, CollabErrors.RATE_LIMITED, "too many refused messages");
                return;
            }
            c.error(e.code(), e.getMessage(), ref);
        }
    }
}
