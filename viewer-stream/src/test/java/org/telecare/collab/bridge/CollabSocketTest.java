package org.telecare.collab.bridge;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.catalog.StudyFacts;
import org.telecare.collab.CollabErrors;
import org.telecare.collab.CollabModule;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.storage.embedded.EmbeddedStorage;
import org.telecare.web.ApiFailureHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collaboration module on one node with real WebSockets (COLLAB-1, COLLAB-2): users come from
 * the test guard's {@code X-Test-User} header (hospital A or B by the last letter), the study
 * belongs to hospital A, and the data policies decide as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollabSocketTest {
    static final String STUDY = "2.25.700";

    Vertx vertx;
    EmbeddedStorage storage;
    HttpServer server;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    final List<WsPeer> peers = new ArrayList<>();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        Path dir = Files.createTempDirectory("collab");
        storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "test", false);
        CollabModule module = new CollabModule();
        await(storage.migrate(module.migrations()));
        NodeServices services = new NodeServices();
        services.provide(AccessGuard.class, new AsyncGuard(vertx, new WadoRoutesTest.TestGuard()));
        services.provide(InstanceCatalog.class, catalog());
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> accessLog.add(who.login() + " "
                + action.code() + " " + type + " " + (d.allowed() ? "allowed" : "denied")));
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        await(module.start(new ModuleContext(vertx, "node-1", api, storage, new SimpleMeterRegistry(),
                new JsonObject(), dir, services)));
        server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
        port = server.actualPort();
    }

    /**
     * Answers after a timer, as the accounts module's cookie guard answers after a store read:
     * the WebSocket upgrade must still work when the guard is asynchronous.
     */
    record AsyncGuard(Vertx vertx, AccessGuard inner) implements AccessGuard {
        public io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> authenticated() {
            return require();
        }

        public io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> require(org.telecare.access.Permission... permissions) {
            io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> check = inner.require(permissions);
            return ctx -> vertx.setTimer(5, t -> check.handle(ctx));
        }
    }

    static InstanceCatalog catalog() {
        return new InstanceCatalog() {
            public Future<Optional<StudyFacts>> study(String uid) {
                return Future.succeededFuture(uid.equals(STUDY) ? Optional.of(new StudyFacts(STUDY, Optional.of("hosp-a"),
                        Optional.of("PID-7"), Set.of(), Optional.of("ACC-7"), Set.of("CT"), Optional.of("CT01"),
                        Optional.empty())) : Optional.empty());
            }

            public Future<List<StoredInstance>> instances(String s, Optional<String> se, Optional<String> i) {
                return Future.succeededFuture(List.of());
            }

            public Future<List<JsonObject>> metadata(String s, Optional<String> se, Optional<String> i) {
                return Future.succeededFuture(List.of());
            }
        };
    }

    @AfterAll
    void stop() throws Exception {
        peers.forEach(WsPeer::close);
        await(server.close());
        await(storage.close());
        await(vertx.close());
    }

    HttpResponse<String> call(String method, String path, String user, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (user != null) {
            b.header("X-Test-User", user);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }

    int errorCode(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonObject("error").getInteger("code");
    }

    /** A session by ann-a with {@code others} invited and joined. */
    String session(String... others) throws Exception {
        JsonObject created = ok(call("POST", "/collab/sessions", "ann-a", new JsonObject().put("studyInstanceUid", STUDY)
                .put("title", "CT chest").put("invite", new JsonArray(List.of(others)))));
        String id = created.getString("id");
        for (String o : others) {
            ok(call("POST", "/collab/sessions/" + id + "/join", o, null));
        }
        return id;
    }

    WsPeer peer(String user) throws Exception {
        WsPeer p = WsPeer.connect(vertx, port, MultiMap.caseInsensitiveMultiMap().add("X-Test-User", user));
        peers.add(p);
        return p;
    }

    static JsonObject state(JsonObject patch) {
        return new JsonObject().put("type", "state").put("patch", patch);
    }

    static JsonObject sliceAndVoi(int slice, int center, int width) {
        return new JsonObject().put("viewports", new JsonObject().put("0", new JsonObject().put("slice", slice)
                .put("voi", new JsonObject().put("center", center).put("width", width))));
    }

    @Test
    void thePresentersPatchesReachAFollowerInOrderAndNumbered() throws Exception {
        String id = session("ben-a");
        WsPeer ann = peer("ann-a");
        WsPeer ben = peer("ben-a");
        JsonObject annSnap = ann.snapshotAfterHello(id, 0);
        assertThat(annSnap.getJsonObject("session").getString("presenter")).isEqualTo("ann-a");
        String annConnection = annSnap.getJsonObject("you").getString("connection");
        JsonObject benSnap = ben.snapshotAfterHello(id, 0);
        long start = benSnap.getLong("seq");
        ann.send(state(new JsonObject().put("layout", new JsonObject().put("rows", 1).put("cols", 2))));
        for (int i = 1; i <= 60; i++) {
            ann.send(state(sliceAndVoi(i, 40, 400 + i)));
        }
        JsonObject last = ben.next(m -> "patch".equals(m.getString("type"))
                && m.getJsonObject("patch").getJsonObject("viewports") != null
                && m.getJsonObject("patch").getJsonObject("viewports").getJsonObject("0").getInteger("slice") == 60, "slice 60");
        assertThat(last.getString("from")).isEqualTo("ann-a");
        assertThat(last.getString("origin")).isEqualTo(annConnection);
        List<Long> seqs = ben.all.stream().filter(m -> m.containsKey("seq") && !"snapshot".equals(m.getString("type")))
                .map(m -> m.getLong("seq")).toList();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("gap-free, strictly increasing after the snapshot").isEqualTo(start + 1 + i);
        }
        List<Integer> slices = ben.all.stream().filter(m -> "patch".equals(m.getString("type"))
                        && m.getJsonObject("patch").containsKey("viewports"))
                .map(m -> m.getJsonObject("patch").getJsonObject("viewports").getJsonObject("0").getInteger("slice")).toList();
        assertThat(slices).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList());
        // The presenter's own patches come back to it too: that is its acknowledgement.
        ann.next(m -> "patch".equals(m.getString("type")) && m.getLong("seq") == last.getLong("seq"), "own echo");

        // A late joiner gets the state as it is now, in one snapshot.
        ok(call("POST", "/collab/sessions/" + id + "/members", "ann-a", new JsonObject().put("logins", new JsonArray().add("cat-a"))));
        ok(call("POST", "/collab/sessions/" + id + "/join", "cat-a", null));
        WsPeer cat = peer("cat-a");
        JsonObject catSnap = cat.snapshotAfterHello(id, 0);
        JsonObject vp = catSnap.getJsonObject("state").getJsonObject("viewports").getJsonObject("0");
        assertThat(vp.getInteger("slice")).isEqualTo(60);
        assertThat(vp.getJsonObject("voi").getInteger("width")).isEqualTo(460);
        assertThat(catSnap.getJsonObject("state").getJsonObject("layout").getInteger("cols")).isEqualTo(2);
        assertThat(catSnap.getLong("seq")).isGreaterThan(last.getLong("seq"));
        assertThat(accessLog).contains("cat-a read study allowed");

        // A follower that steps away and comes back on a new connection re-syncs from the snapshot.
        ben.close();
        assertThat(ben.awaitClose()).isNotNull();
        ann.send(state(sliceAndVoi(77, 50, 350)));
        ann.next(m -> "patch".equals(m.getString("type")) && m.getJsonObject("patch").containsKey("viewports")
                && m.getJsonObject("patch").getJsonObject("viewports").getJsonObject("0").getInteger("slice") == 77, "77");
        WsPeer ben2 = peer("ben-a");
        JsonObject again = ben2.snapshotAfterHello(id, last.getLong("seq"));
        assertThat(again.getJsonObject("state").getJsonObject("viewports").getJsonObject("0").getInteger("slice")).isEqualTo(77);
        ben2.send(new JsonObject().put("type", "resync"));
        assertThat(ben2.next("snapshot").getLong("seq")).isGreaterThanOrEqualTo(again.getLong("seq"));
    }

    @Test
    void strangersAndOtherHospitalsAreRefused() throws Exception {
        String id = session("ben-a");
        ok(call("POST", "/collab/sessions/" + id + "/members", "ann-a", new JsonObject().put("logins", new JsonArray().add("eve-b"))));
        assertThat(call("GET", "/collab/sessions/" + id, "dan-a", null).statusCode()).as("not invited: as if absent").isEqualTo(404);
        assertThat(call("POST", "/collab/sessions/" + id + "/join", "dan-a", null).statusCode()).isEqualTo(404);
        HttpResponse<String> eve = call("POST", "/collab/sessions/" + id + "/join", "eve-b", null);
        assertThat(eve.statusCode()).as("invited, but the data policy says no").isEqualTo(403);
        assertThat(accessLog).contains("eve-b read study denied");
        assertThat(call("POST", "/collab/sessions", "eve-b", new JsonObject().put("studyInstanceUid", STUDY)).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/collab/sessions", "ann-a", new JsonObject().put("studyInstanceUid", "2.25.404")).statusCode())
                .isEqualTo(404);
        assertThat(call("POST", "/collab/sessions", "ann-a", new JsonObject().put("studyInstanceUid", "x'; drop")).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/collab/sessions/" + id, null, null).statusCode()).isEqualTo(401);

        WsPeer dan = peer("dan-a");
        dan.send(new JsonObject().put("type", "hello").put("session", id));
        assertThat(dan.next("error").getInteger("code")).isEqualTo(CollabErrors.NOT_MEMBER);
        assertThat(dan.awaitClose()).isEqualTo((short) 1008);
        WsPeer eveWs = peer("eve-b");
        eveWs.send(new JsonObject().put("type", "hello").put("session", id));
        assertThat(eveWs.next("error").getInteger("code")).isEqualTo(CollabErrors.NOT_MEMBER);
        WsPeer unknown = peer("ann-a");
        unknown.send(new JsonObject().put("type", "hello").put("session", "no-such-session"));
        assertThat(unknown.next("error").getInteger("code")).isEqualTo(CollabErrors.NOT_FOUND);
        WsPeer rude = peer("ben-a");
        rude.send(state(sliceAndVoi(1, 1, 1)));
        assertThat(rude.next("error").getInteger("code")).isEqualTo(CollabErrors.HELLO_FIRST);
        assertThat(rude.awaitClose()).isEqualTo((short) 1008);

        // No user, no WebSocket; nor from another site's page.
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/collab/ws")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WsPeer.connect(vertx, port, MultiMap.caseInsensitiveMultiMap()
                .add("X-Test-User", "ann-a").add("Origin", "https://evil.example"))).hasMessageContaining("403");
        // A follower cannot present; a removed member is cut off.
        WsPeer ben = peer("ben-a");
        ben.snapshotAfterHello(id, 0);
        ben.send(state(sliceAndVoi(5, 5, 5)).put("ref", "r1"));
        JsonObject refused = ben.next("error");
        assertThat(refused.getInteger("code")).isEqualTo(CollabErrors.NOT_PRESENTER);
        assertThat(refused.getString("ref")).isEqualTo("r1");
        ok(call("DELETE", "/collab/sessions/" + id + "/members/ben-a", "ann-a", null));
        assertThat(ben.awaitClose()).isEqualTo((short) 1008);
    }

    @Test
    void thePresenterHandsOverAndMembersAskForTheRole() throws Exception {
        String id = session("ben-a");
        WsPeer ann = peer("ann-a");
        WsPeer ben = peer("ben-a");
        ann.snapshotAfterHello(id, 0);
        ben.snapshotAfterHello(id, 0);
        ok(call("POST", "/collab/sessions/" + id + "/presenter/request", "ben-a", null));
        assertThat(ann.next(m -> "presence".equals(m.getString("type")) && "ben-a".equals(m.getString("presenterRequest")),
                "the request").getString("presenter")).isEqualTo("ann-a");
        assertThat(call("POST", "/collab/sessions/" + id + "/presenter", "ben-a", new JsonObject().put("user", "ben-a"))
                .statusCode()).isEqualTo(403);
        JsonObject after = ok(call("POST", "/collab/sessions/" + id + "/presenter", "ann-a", new JsonObject().put("user", "ben-a")));
        assertThat(after.getString("presenter")).isEqualTo("ben-a");
        ben.next(m -> "presence".equals(m.getString("type")) && "ben-a".equals(m.getString("presenter")), "hand-over");
        ann.send(state(sliceAndVoi(3, 3, 3)));
        assertThat(ann.next("error").getInteger("code")).isEqualTo(CollabErrors.NOT_PRESENTER);
        ben.send(state(sliceAndVoi(42, 60, 360)));
        JsonObject p = ann.next("patch");
        assertThat(p.getString("from")).isEqualTo("ben-a");
        assertThat(p.getJsonObject("patch").getJsonObject("viewports").getJsonObject("0").getInteger("slice")).isEqualTo(42);
        assertThat(call("POST", "/collab/sessions/" + id + "/leave", "ben-a", null).statusCode()).as("presenter stays").isEqualTo(409);
        ok(call("POST", "/collab/sessions/" + id + "/presenter", "ann-a", new JsonObject().put("user", "ann-a")));
        ann.next(m -> "presence".equals(m.getString("type")) && "ann-a".equals(m.getString("presenter")), "taken back");
    }

    @Test
    void pointersAndAnnotationsAreAttributedAndSavedSetsAreSharedWithMembers() throws Exception {
        String id = session("ben-a", "cat-a");
        WsPeer ann = peer("ann-a");
        WsPeer ben = peer("ben-a");
        WsPeer cat = peer("cat-a");
        ann.snapshotAfterHello(id, 0);
        ben.snapshotAfterHello(id, 0);
        cat.snapshotAfterHello(id, 0);
        ben.send(new JsonObject().put("type", "pointer").put("x", 12.5).put("y", -3).put("viewport", "0"));
        JsonObject pointer = ann.next(m -> "patch".equals(m.getString("type")) && m.getJsonObject("patch").containsKey("pointers"), "pointer");
        assertThat(pointer.getJsonObject("patch").getJsonObject("pointers").getJsonObject("ben-a").getDouble("x")).isEqualTo(12.5);
        ben.send(new JsonObject().put("type", "annotation").put("op", "add").put("id", "m1")
                .put("data", new JsonObject().put("tool", "Length").put("mm", 31.4)));
        JsonObject added = ann.next(m -> "patch".equals(m.getString("type")) && m.getJsonObject("patch").containsKey("annotations"), "annotation");
        assertThat(added.getJsonObject("patch").getJsonObject("annotations").getJsonObject("m1").getString("author")).isEqualTo("ben-a");
        cat.send(new JsonObject().put("type", "annotation").put("op", "remove").put("id", "m1"));
        assertThat(cat.next("error").getInteger("code")).isEqualTo(CollabErrors.NOT_ALLOWED);
        ben.send(new JsonObject().put("type", "annotation").put("op", "add").put("id", "m2")
                .put("data", new JsonObject().put("author", "ann-a")));
        assertThat(ben.next("error").getInteger("code")).as("no forged authors").isEqualTo(CollabErrors.BAD_MESSAGE);

        JsonObject set = new JsonObject().put("annotations", new JsonArray().add(new JsonObject().put("tool", "Angle").put("deg", 33)));
        ok(call("PUT", "/studies/" + STUDY + "/annotations", "ben-a", set));
        assertThat(ok(call("GET", "/studies/" + STUDY + "/annotations", "ben-a", null)).getJsonArray("annotations")).hasSize(1);
        assertThat(ok(call("GET", "/studies/" + STUDY + "/annotations", "cat-a", null)).getJsonArray("annotations"))
                .as("each author has their own set").isEmpty();
        assertThat(call("GET", "/studies/" + STUDY + "/annotations", "eve-b", null).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/studies/" + STUDY + "/annotations", "ben-a", new JsonObject().put("annotations", "no")).statusCode())
                .isEqualTo(400);
        JsonObject shared = ok(call("GET", "/collab/sessions/" + id + "/annotations", "ann-a", null));
        assertThat(shared.getJsonArray("sets")).singleElement()
                .satisfies(s -> assertThat(((JsonObject) s).getString("author")).isEqualTo("ben-a"));
        assertThat(ok(call("GET", "/studies/" + STUDY + "/annotations", "ben-a", null)).getJsonArray("annotations")
                .getJsonObject(0).getInteger("deg")).isEqualTo(33);
    }

    @Test
    void badMessagesGetErrorsAndFloodsAreCutOff() throws Exception {
        String id = session("ben-a", "cat-a");
        WsPeer ben = peer("ben-a");
        ben.snapshotAfterHello(id, 0);
        ben.sendText("{not json");
        assertThat(ben.next("error").getInteger("code")).isEqualTo(CollabErrors.BAD_MESSAGE);
        ben.sendText("[1,2]");
        assertThat(ben.next("error").getInteger("code")).isEqualTo(CollabErrors.BAD_MESSAGE);
        ben.send(new JsonObject().put("type", "teleport"));
        assertThat(ben.next("error").getInteger("code")).isEqualTo(CollabErrors.UNKNOWN_TYPE);
        ben.send(new JsonObject().put("type", "pointer").put("x", "left").put("y", 1).put("viewport", "0"));
        assertThat(ben.next("error").getInteger("code")).isEqualTo(CollabErrors.BAD_MESSAGE);
        ben.send(new JsonObject().put("type", "ping").put("ref", "still-there"));
        assertThat(ben.next("pong").getString("ref")).as("the connection is kept after bad messages").isEqualTo("still-there");

        WsPeer big = peer("ben-a");
        big.snapshotAfterHello(id, 0);
        big.sendText(new JsonObject().put("type", "ping").put("pad", "x".repeat(40_000)).encode());
        assertThat(big.awaitClose()).isEqualTo((short) 1009);
        WsPeer binary = peer("ben-a");
        binary.snapshotAfterHello(id, 0);
        binary.socket().writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(new byte[]{1, 2, 3}));
        assertThat(binary.awaitClose()).isEqualTo((short) 1003);

        // A flood: some messages are refused with 5029, and when refusals go on the connection is closed.
        WsPeer flood = peer("cat-a");
        flood.snapshotAfterHello(id, 0);
        for (int i = 0; i < 600; i++) {
            flood.send(new JsonObject().put("type", "pointer").put("x", i).put("y", i).put("viewport", "0"));
        }
        assertThat(flood.next(m -> "error".equals(m.getString("type")) && m.getInteger("code") == CollabErrors.RATE_LIMITED,
                "rate limited")).isNotNull();
        assertThat(flood.awaitClose()).isEqualTo((short) 1008);
        // The session and the node carry on.
        WsPeer ann = peer("ann-a");
        ann.snapshotAfterHello(id, 0);
        ann.send(state(sliceAndVoi(9, 9, 9)));
        ben.next(m -> "patch".equals(m.getString("type")) && m.getJsonObject("patch").containsKey("viewports"), "patch after flood");
        assertThat(ok(call("GET", "/collab/sessions/" + id, "ben-a", null)).getJsonArray("members").stream()
                .map(m -> ((JsonObject) m).getString("login")).toList()).contains("ann-a", "ben-a", "cat-a");
    }

    @Test
    void endingTheSessionClosesEveryConnection() throws Exception {
        String id = session("ben-a");
        WsPeer ann = peer("ann-a");
        WsPeer ben = peer("ben-a");
        ann.snapshotAfterHello(id, 0);
        ben.snapshotAfterHello(id, 0);
        assertThat(call("DELETE", "/collab/sessions/" + id, "ben-a", null).statusCode()).isEqualTo(403);
        assertThat(ok(call("GET", "/collab/sessions", "ben-a", null)).getJsonArray("sessions").stream()
                .map(s -> ((JsonObject) s).getString("id")).toList()).contains(id);
        assertThat(call("DELETE", "/collab/sessions/" + id, "ann-a", null).statusCode()).isEqualTo(204);
        assertThat(ben.next("ended").getString("by")).isEqualTo("ann-a");
        assertThat(ben.awaitClose()).isEqualTo((short) 1000);
        assertThat(ann.awaitClose()).isEqualTo((short) 1000);
        assertThat(call("GET", "/collab/sessions/" + id, "ann-a", null).statusCode()).isEqualTo(404);
    }
}
