package org.telecare.node.cluster;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.catalog.StudyFacts;
import org.telecare.collab.CollabModule;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.node.TestNodes;
import org.telecare.node.config.NodeConfig;
import org.telecare.storage.embedded.EmbeddedStorage;
import org.telecare.web.ApiException;
import org.telecare.web.ApiFailureHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COLLAB-3: two clustered Vert.x nodes (real Hazelcast members on loopback, the node's own
 * Hazelcast setup) each running the collaboration module; the presenter is connected to node A,
 * followers to node B. Users come from a header guard here (the cookie guard is the accounts
 * module's, tested there); everything between the browsers goes through the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollabTwoNodeTest {
    static final String STUDY = "2.25.900";
    static final long WAIT_S = 30;

    record MiniNode(Vertx vertx, EmbeddedStorage storage, HttpServer server) {
        int port() {
            return server.actualPort();
        }
    }

    MiniNode a;
    MiniNode b;
    final HttpClient http = HttpClient.newHttpClient();
    final List<Peer> peers = Collections.synchronizedList(new ArrayList<>());

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        int hzA = TestNodes.freePort();
        int hzB = TestNodes.freePort();
        String cluster = "collab-" + UUID.randomUUID();
        Future<MiniNode> startA = node(dir.resolve("a"), "node-a", cluster, hzA, hzA, hzB);
        Future<MiniNode> startB = node(dir.resolve("b"), "node-b", cluster, hzB, hzA, hzB);
        a = await(startA);
        b = await(startB);
    }

    private Future<MiniNode> node(Path dir, String id, String cluster, int port, int hzA, int hzB) throws Exception {
        NodeConfig config = TestNodes.config(dir, """
                node: {id: %s}
                http: {host: 127.0.0.1}
                cluster:
                  name: "%s"
                  host: 127.0.0.1
                  port: %d
                  members: ["127.0.0.1:%d", "127.0.0.1:%d"]
                """.formatted(id, cluster, port, hzA, hzB));
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.forNode(config));
        java.nio.file.Files.createDirectories(dir);
        return Vertx.builder().withClusterManager(manager).buildClustered().compose(vertx -> {
            EmbeddedStorage storage = EmbeddedStorage.open(vertx, dir.resolve("data"), id, false);
            {
                CollabModule module = new CollabModule();
                NodeServices services = new NodeServices();
                services.provide(AccessGuard.class, new HeaderGuard());
                services.provide(InstanceCatalog.class, new OneStudy());
                services.provide(DataAccess.class, (r, act, res) -> new AccessDecision.Allowed("test", Optional.empty()));
                services.provide(DataAccessLog.class, (who, ip, act, type, target, d) -> { });
                Router root = Router.router(vertx);
                Router api = Router.router(vertx);
                root.route("/api/v1/*").subRouter(api);
                root.route().failureHandler(new ApiFailureHandler());
                return storage.migrate(module.migrations())
                        .compose(v -> module.start(new ModuleContext(vertx, id, api, storage, new SimpleMeterRegistry(),
                                new JsonObject(), dir, services)))
                        .compose(v -> vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"))
                        .map(server -> new MiniNode(vertx, storage, server));
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        peers.forEach(p -> p.ws.close());
        for (MiniNode n : new MiniNode[]{b, a}) {
            if (n != null) {
                await(n.server().close());
                await(n.storage().close());
                await(n.vertx().close());
            }
        }
    }

    /** The user named by {@code X-Test-User}; everyone in one hospital. */
    static final class HeaderGuard implements AccessGuard {
        public Handler<RoutingContext> authenticated() {
            return require();
        }

        public Handler<RoutingContext> require(Permission... permissions) {
            return ctx -> {
                String who = ctx.request().getHeader("X-Test-User");
                if (who == null) {
                    ctx.fail(new ApiException(401, 2401, "sign in first"));
                    return;
                }
                ctx.put(PRINCIPAL_KEY, new Principal("u-" + who, who, "Dr " + who, Optional.of("h1"), Optional.empty(),
                        Set.of("doctor"), Set.of(), "s-" + who, false));
                ctx.next();
            };
        }
    }

    static final class OneStudy implements InstanceCatalog {
        public Future<Optional<StudyFacts>> study(String uid) {
            return Future.succeededFuture(uid.equals(STUDY) ? Optional.of(new StudyFacts(STUDY, Optional.of("h1"),
                    Optional.of("P1"), Set.of(), Optional.empty(), Set.of("CT"), Optional.empty(), Optional.empty()))
                    : Optional.empty());
        }

        public Future<List<StoredInstance>> instances(String s, Optional<String> se, Optional<String> i) {
            return Future.succeededFuture(List.of());
        }

        public Future<List<JsonObject>> metadata(String s, Optional<String> se, Optional<String> i) {
            return Future.succeededFuture(List.of());
        }
    }

    /** A browser on one node's collaboration WebSocket. */
    final class Peer {
        /** Held: Vert.x closes a client that is no longer referenced, and its sockets with it. */
        final io.vertx.core.http.WebSocketClient client;
        final WebSocket ws;
        final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
        final List<JsonObject> all = Collections.synchronizedList(new ArrayList<>());

        Peer(MiniNode node, String user) throws Exception {
            client = node.vertx().createWebSocketClient();
            ws = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(node.port()).setURI("/api/v1/collab/ws").addHeader("X-Test-User", user)));
            ws.textMessageHandler(t -> {
                JsonObject j = new JsonObject(t);
                all.add(j);
                in.add(j);
            });
            peers.add(this);
        }

        void send(JsonObject m) {
            ws.writeTextMessage(m.encode());
        }

        JsonObject next(Predicate<JsonObject> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (System.nanoTime() < deadline) {
                JsonObject m = in.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && wanted.test(m)) {
                    return m;
                }
            }
            throw new AssertionError("no " + what + " within " + WAIT_S + " s; received " + all);
        }

        JsonObject hello(String session, long lastSeq) throws InterruptedException {
            send(new JsonObject().put("type", "hello").put("session", session).put("lastSeq", lastSeq));
            return next(m -> "snapshot".equals(m.getString("type")), "snapshot");
        }

        /** Numbers after the first snapshot must go up by one, except where a snapshot resets them. */
        void assertGapFree() {
            long last = -1;
            synchronized (all) {
                for (JsonObject m : all) {
                    if (!m.containsKey("seq")) {
                        continue;
                    }
                    long seq = m.getLong("seq");
                    if ("snapshot".equals(m.getString("type"))) {
                        assertThat(seq).isGreaterThanOrEqualTo(last);
                    } else if (last >= 0) {
                        assertThat(seq).as("after %d in %s", last, all).isEqualTo(last + 1);
                    }
                    last = seq;
                }
            }
        }
    }

    JsonObject post(MiniNode node, String path, String user, JsonObject body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1" + path))
                .header("X-Test-User", user).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return new JsonObject(r.body());
    }

    static JsonObject view(int slice, int center, int width) {
        return new JsonObject().put("type", "state").put("patch", new JsonObject().put("viewports", new JsonObject()
                .put("0", new JsonObject().put("slice", slice).put("voi", new JsonObject().put("center", center)
                        .put("width", width).put("invert", false)))));
    }

    static Predicate<JsonObject> slice(int n) {
        return m -> "patch".equals(m.getString("type")) && m.getJsonObject("patch").getJsonObject("viewports") != null
                && m.getJsonObject("patch").getJsonObject("viewports").getJsonObject("0").getInteger("slice") == n;
    }

    @Test
    void thePresenterOnNodeAIsFollowedOnNodeBAndLateJoinersAndReconnectsGetTheSnapshot() throws Exception {
        // Created on node A, joined on node B: one session in the cluster's shared map.
        String id = post(a, "/collab/sessions", "pia", new JsonObject().put("studyInstanceUid", STUDY)
                .put("invite", new JsonArray().add("fred").add("tess"))).getString("id");
        post(b, "/collab/sessions/" + id + "/join", "fred", null);
        post(b, "/collab/sessions/" + id + "/join", "tess", null);

        Peer presenter = new Peer(a, "pia");
        Peer follower = new Peer(b, "fred");
        presenter.hello(id, 0);
        follower.hello(id, 0);
        for (int s = 1; s <= 120; s++) {
            presenter.send(view(s, 40, 400));
            if (s % 10 == 0) {
                // The follower points while the presenter scrolls: changes start on both nodes at once.
                follower.send(new JsonObject().put("type", "pointer").put("x", s).put("y", s).put("viewport", "0"));
            }
        }
        presenter.send(view(120, -600, 1500));
        JsonObject seen = follower.next(m -> slice(120).test(m) && m.getJsonObject("patch").getJsonObject("viewports")
                .getJsonObject("0").getJsonObject("voi").getInteger("width") == 1500, "slice 120 with the lung window");
        assertThat(seen.getString("from")).isEqualTo("pia");
        List<Integer> slices = follower.all.stream().filter(m -> "patch".equals(m.getString("type"))
                        && m.getJsonObject("patch").containsKey("viewports"))
                .map(m -> m.getJsonObject("patch").getJsonObject("viewports").getJsonObject("0").getInteger("slice")).toList();
        assertThat(slices.subList(0, 120)).as("in the presenter's order")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 120).boxed().toList());
        presenter.next(m -> "patch".equals(m.getString("type")) && m.getJsonObject("patch").containsKey("pointers")
                && m.getJsonObject("patch").getJsonObject("pointers").getJsonObject("fred").getInteger("x") == 120, "fred's last pointer");
        follower.assertGapFree();
        presenter.assertGapFree();

        // A third browser joins late on node B: the snapshot has slice 120 and the lung window.
        Peer late = new Peer(b, "tess");
        JsonObject snapshot = late.hello(id, 0);
        JsonObject vp = snapshot.getJsonObject("state").getJsonObject("viewports").getJsonObject("0");
        assertThat(vp.getInteger("slice")).isEqualTo(120);
        assertThat(vp.getJsonObject("voi").getInteger("center")).isEqualTo(-600);
        assertThat(vp.getJsonObject("voi").getInteger("width")).isEqualTo(1500);
        assertThat(snapshot.getJsonObject("state").getJsonObject("pointers").getJsonObject("fred").getInteger("x")).isEqualTo(120);
        assertThat(snapshot.getLong("seq")).isGreaterThanOrEqualTo(seen.getLong("seq"));

        // The follower loses its connection and comes back on node A; meanwhile the presenter moved on.
        long before = follower.all.stream().filter(m -> m.containsKey("seq")).mapToLong(m -> m.getLong("seq")).max().orElseThrow();
        follower.ws.close();
        presenter.next(m -> "presence".equals(m.getString("type")) && m.getJsonArray("members").stream()
                .anyMatch(x -> "tess".equals(((JsonObject) x).getString("login")) && ((JsonObject) x).getBoolean("online")), "tess online");
        presenter.send(view(121, 40, 80));
        late.next(slice(121), "slice 121 on node B");
        Peer back = new Peer(a, "fred");
        JsonObject resync = back.hello(id, before);
        assertThat(resync.getLong("seq")).isGreaterThan(before);
        assertThat(resync.getJsonObject("state").getJsonObject("viewports").getJsonObject("0").getInteger("slice")).isEqualTo(121);

        // Hand-over across nodes: the follower on node B becomes the presenter, and node A follows it.
        post(b, "/collab/sessions/" + id + "/presenter", "pia", new JsonObject().put("user", "tess"));
        late.next(m -> "presence".equals(m.getString("type")) && "tess".equals(m.getString("presenter")), "hand-over");
        late.send(view(7, 50, 350));
        presenter.next(slice(7), "tess's slice on node A");
        back.next(slice(7), "tess's slice on the reconnected follower");
        late.assertGapFree();
        back.assertGapFree();
    }
}
