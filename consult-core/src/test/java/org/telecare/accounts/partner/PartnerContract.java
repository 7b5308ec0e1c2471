package org.telecare.accounts.partner;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.telecare.access.AccessGuard;
import org.telecare.accounts.ApiTestServer;
import org.telecare.accounts.ApiTestServer.Reply;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.audit.AuditEntry;
import org.telecare.audit.AuditQuery;
import org.telecare.audit.AuditSchema;
import org.telecare.audit.AuditTrail;
import org.telecare.storage.RecordKey;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.conformance.TestBackends;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * Partner authentication over real HTTP on a real backend: administration (secret shown once),
 * correctly signed requests, every kind of tampering, the timestamp window, replays (also racing),
 * the IP allow-list, disabled and unknown partners, missing headers, permissions, body cap, and
 * the audit trail of the refusals. Run on both backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PartnerContract {
    static final Permission CONSULT_WRITE = Permission.of("integration.consult.write");
    static final int BODY_LIMIT = 4096;

    protected abstract List<String> recipe(Path dir);

    Vertx vertx;
    StorageBackend backend;
    AuditTrail audit;
    ApiTestServer server;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base;
    Instant startedAt = Instant.now();

    String partnerId;
    String secret;
    PartnerSigner signer;


    @BeforeAll
    void start() throws Exception {
        Path scratch = Files.createTempDirectory("partner");
        vertx = Vertx.vertx();
        backend = TestBackends.open(vertx, recipe(scratch.resolve("store")));
        List<SchemaMigration> migrations = new ArrayList<>(AuditSchema.migrations());
        migrations.add(PartnerRegistry.MIGRATION);
        await(backend.migrate(migrations), Duration.ofMinutes(2));
        audit = AuditTrail.create(vertx, backend, "test-node", null);
        PartnerRegistry registry = new PartnerRegistry(backend.records());
        PartnerGuard guard = new PartnerGuard(registry, audit,
                new PartnerSettings(Duration.ofMinutes(30), BODY_LIMIT, true), Clock.systemUTC());

        server = ApiTestServer.start(vertx, api -> mountRoutes(api, registry, guard));
        base = server.base();
    }

    private void mountRoutes(Router api, PartnerRegistry registry, PartnerGuard guard) {
        new PartnerRoutes(registry, guard, audit, Clock.systemUTC()).mount(api, new TestAccessGuard());
        // Partner routes as other modules would declare them.
        api.post("/partner/v1/echo").handler(guard.bodyHandler()).handler(guard.require()).handler(ctx -> {
            Principal p = AccessGuard.principal(ctx);
            ctx.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("userId", p.userId()).put("hospitalId", p.hospitalId().orElse(null))
                    .put("query", ctx.request().query()).put("body", ctx.body().asString()).encode());
        });
        api.get("/partner/v1/consults").handler(guard.bodyHandler()).handler(guard.require(CONSULT_WRITE))
                .handler(ctx -> ctx.response().end("{}"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        await(backend.close());
        await(vertx.close());
    }

    // ---- HTTP helpers -------------------------------------------------------------------------

    Reply admin(String method, String path, JsonObject body, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).timeout(Duration.ofSeconds(30))
                .header(TestAccessGuard.USER_HEADER, user);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
        }
        return send(b.build());
    }

    Reply admin(String method, String path, JsonObject body) throws Exception {
        return admin(method, path, body, "admin");
    }

    HttpRequest request(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return b.build();
    }

    Reply send(HttpRequest r) throws Exception {
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), res.body());
    }

    Reply signed(PartnerSigner s, String method, String pathAndQuery, String body) throws Exception {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return send(request(method, pathAndQuery, bytes, s.headers(method, pathAndQuery, bytes)));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static final String PING = "/api/v1/partner/v1/ping";
    static final String ECHO = "/api/v1/partner/v1/echo";

    JsonObject createPartner(String hospital, JsonArray ips, JsonArray permissions) throws Exception {
        Reply r = admin("POST", "/admin/partners", new JsonObject().put("name", "East campus HIS").put("hospitalId", hospital)
                .put("allowedIps", ips).put("permissions", permissions));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    // ---- administration ------------------------------------------------------------------------

    @Test
    @Order(1)
    void creatingAPartnerShowsItsSecretOnceAndNeverAgain() throws Exception {
        JsonObject created = createPartner("h-1", new JsonArray().add("127.0.0.1").add("10.0.0.0/8"),
                new JsonArray().add("integration.consult.read"));
        partnerId = created.getString("id");
        secret = created.getString("secret");
        assertThat(Base64.getDecoder().decode(secret)).hasSize(32);
        assertThat(created.getString("hospitalId")).isEqualTo("h-1");
        assertThat(created.getJsonArray("allowedIps")).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(created.getBoolean("enabled")).isTrue();
        signer = PartnerSigner.fromBase64(partnerId, secret);

        Reply list = admin("GET", "/admin/partners", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(partnerId).doesNotContain(secret).doesNotContain("\"secret\"");
        Reply patched = admin("PATCH", "/admin/partners/" + partnerId, new JsonObject().put("name", "East campus HIS v2"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        assertThat(patched.json().getString("name")).isEqualTo("East campus HIS v2");
    }

    @Test
    @Order(2)
    void administrationChecksItsInput() throws Exception {
        Reply badIp = admin("POST", "/admin/partners", new JsonObject().put("name", "x").put("hospitalId", "h-1")
                .put("allowedIps", new JsonArray().add("evil.example.com")));
        assertThat(badIp.status()).isEqualTo(400);
        assertThat(badIp.message()).contains("allowedIps");
        Reply noIps = admin("POST", "/admin/partners", new JsonObject().put("name", "x").put("hospitalId", "h-1")
                .put("allowedIps", new JsonArray()));
        assertThat(noIps.status()).isEqualTo(400);
        Reply badCidr = admin("PATCH", "/admin/partners/" + partnerId,
                new JsonObject().put("allowedIps", new JsonArray().add("10.0.0.0/33")));
        assertThat(badCidr.status()).isEqualTo(400);
        Reply secretField = admin("PATCH", "/admin/partners/" + partnerId, new JsonObject().put("secret", "AAAA"));
        assertThat(secretField.status()).isEqualTo(400);
        Reply unknown = admin("PATCH", "/admin/partners/p-nobody", new JsonObject().put("enabled", false));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(PartnerErrors.PARTNER_NOT_FOUND);
    }

    @Test
    @Order(3)
    void administrationIsGuardedAndScopedToTheAdministratorsHospital() throws Exception {
        Reply readerWrites = admin("POST", "/admin/partners", new JsonObject().put("name", "x").put("hospitalId", "h-1")
                .put("allowedIps", new JsonArray().add("10.0.0.1")), "reader");
        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(admin("GET", "/admin/partners", null, "reader").status()).isEqualTo(200);

        JsonObject other = createPartner("h-2", new JsonArray().add("10.0.0.2"), new JsonArray());
        Reply mine = admin("GET", "/admin/partners", null, "ha");
        assertThat(mine.body()).contains(partnerId).doesNotContain(other.getString("id"));
        Reply intoOther = admin("POST", "/admin/partners", new JsonObject().put("name", "x").put("hospitalId", "h-2")
                .put("allowedIps", new JsonArray().add("10.0.0.1")), "ha");
        assertThat(intoOther.status()).isEqualTo(403);
        Reply patchOther = admin("PATCH", "/admin/partners/" + other.getString("id"),
                new JsonObject().put("enabled", false), "ha");
        assertThat(patchOther.status()).isEqualTo(403);
        Reply escalate = admin("POST", "/admin/partners", new JsonObject().put("name", "x").put("hospitalId", "h-1")
                .put("allowedIps", new JsonArray().add("10.0.0.1")).put("permissions", new JsonArray().add("admin.users.write")), "ha");
        assertThat(escalate.status()).as("no granting of permissions one does not hold").isEqualTo(403);
        Reply own = admin("POST", "/admin/partners", new JsonObject().put("name", "x").put("hospitalId", "h-1")
                .put("allowedIps", new JsonArray().add("10.0.0.1")).put("permissions", new JsonArray().add("integration.consult.read")), "ha");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
    }

    // ---- signed requests -----------------------------------------------------------------------

    @Test
    @Order(10)
    void aCorrectlySignedRequestPasses() throws Exception {
        Reply ping = signed(signer, "GET", PING, null);
        assertThat(ping.status()).as(ping.body()).isEqualTo(200);
        assertThat(ping.json().getString("partner")).isEqualTo(partnerId);
        assertThat(ping.json().getString("hospitalId")).isEqualTo("h-1");

        String body = "{\"patient\":\"张三\",\"n\":1}";
        Reply echo = signed(signer, "POST", ECHO + "?b=2&a=1&q=%E5%8C%BB", body);
        assertThat(echo.status()).as(echo.body()).isEqualTo(200);
        assertThat(echo.json().getString("userId")).isEqualTo("partner:" + partnerId);
        assertThat(echo.json().getString("hospitalId")).isEqualTo("h-1");
        assertThat(echo.json().getString("body")).isEqualTo(body);
    }

    @Test
    @Order(11)
    void anyTamperingIsRefusedWith401() throws Exception {
        byte[] body = "{\"amount\":1}".getBytes(StandardCharsets.UTF_8);
        // body
        Map<String, String> h = signer.headers("POST", ECHO, body);
        assertBadSignature(send(request("POST", ECHO, "{\"amount\":9}".getBytes(StandardCharsets.UTF_8), h)));
        // path
        h = signer.headers("POST", ECHO + "x", body);
        assertBadSignature(send(request("POST", ECHO, body, h)));
        // query
        h = signer.headers("POST", ECHO + "?a=1", body);
        assertBadSignature(send(request("POST", ECHO + "?a=2", body, h)));
        h = signer.headers("POST", ECHO + "?a=1", body);
        assertBadSignature(send(request("POST", ECHO + "?a=1&admin=true", body, h)));
        // method
        h = signer.headers("PUT", ECHO, body);
        assertBadSignature(send(request("POST", ECHO, body, h)));
        // timestamp (still inside the window) and nonce
        h = new java.util.HashMap<>(signer.headers("POST", ECHO, body));
        h.put(PartnerGuard.TIMESTAMP_HEADER, Long.toString(Long.parseLong(h.get(PartnerGuard.TIMESTAMP_HEADER)) - 1));
        assertBadSignature(send(request("POST", ECHO, body, h)));
        h = new java.util.HashMap<>(signer.headers("POST", ECHO, body));
        h.put(PartnerGuard.NONCE_HEADER, PartnerSigner.newNonce());
        assertBadSignature(send(request("POST", ECHO, body, h)));
        // a signature made with another key
        byte[] otherKey = new byte[32];
        PartnerSigner forger = new PartnerSigner(partnerId, otherKey, Clock.systemUTC());
        assertBadSignature(signed(forger, "GET", PING, null));
        // a body on a GET that was signed without one
        h = signer.headers("GET", PING, null);
        assertBadSignature(send(request("GET", PING, "x".getBytes(StandardCharsets.UTF_8), h)));
    }

    private static void assertBadSignature(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo(PartnerErrors.BAD_SIGNATURE);
    }

    @Test
    @Order(12)
    void timestampsMoreThanThirtyMinutesAwayAreRefused() throws Exception {
        for (long offset : new long[]{-31 * 60, 31 * 60, -24 * 3600, 10L * 365 * 24 * 3600}) {
            Map<String, String> h = signer.headers("GET", PING, null, now() + offset, PartnerSigner.newNonce());
            Reply r = send(request("GET", PING, null, h));
            assertThat(r.status()).as("offset " + offset + ": " + r.body()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo(PartnerErrors.TIMESTAMP_OUT_OF_WINDOW);
        }
        for (long offset : new long[]{-29 * 60, 29 * 60}) {
            Map<String, String> h = signer.headers("GET", PING, null, now() + offset, PartnerSigner.newNonce());
            assertThat(send(request("GET", PING, null, h)).status()).as("offset " + offset).isEqualTo(200);
        }
    }

    @Test
    @Order(13)
    void aNonceIsAcceptedOnceAndRememberedWhileItsTimestampIsValid() throws Exception {
        String nonce = PartnerSigner.newNonce();
        Map<String, String> h = signer.headers("GET", PING, null, now(), nonce);
        assertThat(send(request("GET", PING, null, h)).status()).isEqualTo(200);
        Reply replay = send(request("GET", PING, null, h));
        assertThat(replay.status()).as(replay.body()).isEqualTo(409);
        assertThat(replay.errorCode()).isEqualTo(PartnerErrors.NONCE_REPLAYED);
        // The same nonce with another timestamp (newly signed) is still a replay.
        Map<String, String> again = signer.headers("GET", PING, null, now() - 60, nonce);
        assertThat(send(request("GET", PING, null, again)).status()).isEqualTo(409);

        Optional<StoredRecord> stored = await(backend.records().get(PartnerRegistry.NONCES,
                RecordKey.of(partnerId + "/" + nonce, "")));
        assertThat(stored).isPresent();
        assertThat(stored.get().expiresAt()).as("the nonce table cleans itself").isPresent();
        assertThat(stored.get().expiresAt().get())
                .isAfter(Instant.now().plus(Duration.ofMinutes(29)))
                .isBefore(Instant.now().plus(Duration.ofMinutes(33)));
    }

    @Test
    @Order(14)
    void concurrentReplaysLetExactlyOneThrough() throws Exception {
        for (int round = 0; round < 3; round++) {
            byte[] body = ("{\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> h = signer.headers("POST", ECHO, body);
            List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                racing.add(http.sendAsync(request("POST", ECHO, body, h), HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
            assertThat(statuses).as(statuses.toString()).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
        }
    }

    @Test
    @Order(15)
    void requestsFromOutsideTheAllowListAreRefusedWith403() throws Exception {
        JsonObject p = createPartner("h-1", new JsonArray().add("10.0.0.1"), new JsonArray());
        PartnerSigner s = PartnerSigner.fromBase64(p.getString("id"), p.getString("secret"));
        Reply r = signed(s, "GET", PING, null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(PartnerErrors.IP_NOT_ALLOWED);
        assertThat(r.message()).contains("127.0.0.1");
        // X-Forwarded-For is not believed.
        Map<String, String> h = new java.util.HashMap<>(s.headers("GET", PING, null));
        h.put("X-Forwarded-For", "10.0.0.1");
        h.put("Forwarded", "for=10.0.0.1");
        assertThat(send(request("GET", PING, null, h)).status()).isEqualTo(403);

        Reply widened = admin("PATCH", "/admin/partners/" + p.getString("id"),
                new JsonObject().put("allowedIps", new JsonArray().add("10.0.0.1").add("127.0.0.0/8")));
        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(signed(s, "GET", PING, null).status()).isEqualTo(200);
    }

    @Test
    @Order(16)
    void aDisabledPartnerIsRefused() throws Exception {
        assertThat(admin("PATCH", "/admin/partners/" + partnerId, new JsonObject().put("enabled", false)).status())
                .isEqualTo(200);
        Reply r = signed(signer, "GET", PING, null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(PartnerErrors.PARTNER_DISABLED);
        assertThat(admin("PATCH", "/admin/partners/" + partnerId, new JsonObject().put("enabled", true)).status())
                .isEqualTo(200);
        assertThat(signed(signer, "GET", PING, null).status()).isEqualTo(200);
    }

    @Test
    @Order(17)
    void anUnknownPartnerGets401() throws Exception {
        PartnerSigner stranger = new PartnerSigner("p-unknown", Base64.getDecoder().decode(secret), Clock.systemUTC());
        Reply r = signed(stranger, "GET", PING, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).as("the same answer as a bad signature: ids cannot be probed")
                .isEqualTo(PartnerErrors.BAD_SIGNATURE);
    }

    @Test
    @Order(18)
    void missingOrMalformedHeadersGet401NamingTheHeader() throws Exception {
        Map<String, String> full = signer.headers("GET", PING, null);
        for (String header : full.keySet()) {
            Map<String, String> h = new java.util.HashMap<>(signer.headers("GET", PING, null));
            h.remove(header);
            Reply r = send(request("GET", PING, null, h));
            assertThat(r.status()).as(header).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo(PartnerErrors.SIGNATURE_HEADERS);
            assertThat(r.message()).contains(header);
        }
        Reply none = send(request("GET", PING, null, Map.of()));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.message()).contains(PartnerGuard.PARTNER_HEADER, PartnerGuard.TIMESTAMP_HEADER,
                PartnerGuard.NONCE_HEADER, PartnerGuard.SIGNATURE_HEADER);

        Reply shortNonce = send(request("GET", PING, null, signer.headers("GET", PING, null, now(), "short")));
        assertThat(shortNonce.status()).isEqualTo(401);
        assertThat(shortNonce.message()).contains(PartnerGuard.NONCE_HEADER);
        Map<String, String> h = new java.util.HashMap<>(signer.headers("GET", PING, null));
        h.put(PartnerGuard.TIMESTAMP_HEADER, "2026-01-01T00:00:00Z");
        Reply isoTime = send(request("GET", PING, null, h));
        assertThat(isoTime.status()).isEqualTo(401);
        assertThat(isoTime.message()).contains(PartnerGuard.TIMESTAMP_HEADER);
        h = new java.util.HashMap<>(signer.headers("GET", PING, null));
        h.put(PartnerGuard.SIGNATURE_HEADER, "not base64!");
        assertThat(send(request("GET", PING, null, h)).message()).contains(PartnerGuard.SIGNATURE_HEADER);
        h = new java.util.HashMap<>(signer.headers("GET", PING, null));
        h.put(PartnerGuard.PARTNER_HEADER, "../../etc/passwd");
        assertThat(send(request("GET", PING, null, h)).message()).contains(PartnerGuard.PARTNER_HEADER);
    }

    @Test
    @Order(19)
    void aPartnerWithoutTheRoutesPermissionGets403() throws Exception {
        String path = "/api/v1/partner/v1/consults";
        Reply r = signed(signer, "GET", path, null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(PartnerErrors.PARTNER_FORBIDDEN);
        assertThat(r.message()).contains(CONSULT_WRITE.code());
        assertThat(admin("PATCH", "/admin/partners/" + partnerId,
                new JsonObject().put("permissions", new JsonArray().add(CONSULT_WRITE.code()))).status()).isEqualTo(200);
        assertThat(signed(signer, "GET", path, null).status()).isEqualTo(200);
    }

    @Test
    @Order(20)
    void oversizedBodiesAreRefusedWith413() throws Exception {
        Reply r = signed(signer, "POST", ECHO, "x".repeat(BODY_LIMIT + 1));
        assertThat(r.status()).isEqualTo(413);
        assertThat(signed(signer, "POST", ECHO, "x".repeat(BODY_LIMIT)).status()).isEqualTo(200);
    }

    @Test
    @Order(25)
    void rotatingTheKeyShowsTheNewOneOnceAndTheOldOneStopsWorking() throws Exception {
        JsonObject p = createPartner("h-1", new JsonArray().add("127.0.0.1"), new JsonArray());
        PartnerSigner old = PartnerSigner.fromBase64(p.getString("id"), p.getString("secret"));
        assertThat(signed(old, "GET", PING, null).status()).isEqualTo(200);
        assertThat(admin("POST", "/admin/partners/" + p.getString("id") + "/secret", new JsonObject(), "reader").status())
                .isEqualTo(403);
        JsonObject other = createPartner("h-2", new JsonArray().add("127.0.0.1"), new JsonArray());
        assertThat(admin("POST", "/admin/partners/" + other.getString("id") + "/secret", new JsonObject(), "ha").status())
                .as("another hospital's partner").isEqualTo(403);
        assertThat(admin("POST", "/admin/partners/p-nobody/secret", new JsonObject()).status()).isEqualTo(404);

        Reply rotated = admin("POST", "/admin/partners/" + p.getString("id") + "/secret", new JsonObject(), "ha");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String fresh = rotated.json().getString("secret");
        assertThat(fresh).isNotEqualTo(p.getString("secret"));
        assertThat(Base64.getDecoder().decode(fresh)).hasSize(32);
        assertThat(signed(old, "GET", PING, null).status()).as("the old key").isEqualTo(401);
        assertThat(signed(PartnerSigner.fromBase64(p.getString("id"), fresh), "GET", PING, null).status()).isEqualTo(200);
        assertThat(admin("GET", "/admin/partners", null).body()).doesNotContain(fresh);
    }

    @Test
    @Order(30)
    void refusalsAreAuditedWithTheirReasonAndNoSecret() throws Exception {
        List<String> wanted = List.of("bad signature", "unknown partner", "nonce replayed", "source address not allowed",
                "partner disabled", "lacks " + CONSULT_WRITE.code(), "missing ");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<AuditEntry> entries = List.of();
        List<String> reasons = List.of();
        while (System.nanoTime() < deadline) {
            entries = await(audit.search(AuditQuery.between(startedAt.minusSeconds(60), Instant.now().plusSeconds(60))
                    .withActionPrefix("partner.").withLimit(1000))).entries();
            reasons = entries.stream().filter(e -> e.event().action().equals("partner.denied"))
                    .map(e -> e.event().detail().getString("reason", "")).toList();
            List<String> seen = reasons;
            if (wanted.stream().allMatch(w -> seen.stream().anyMatch(r -> r.startsWith(w)))) {
                break;
            }
            Thread.sleep(200);
        }
        for (String w : wanted) {
            assertThat(reasons).as("audited reason " + w).anySatisfy(r -> assertThat(r).startsWith(w));
        }
        List<String> actions = entries.stream().map(e -> e.event().action()).toList();
        assertThat(actions).contains("partner.create", "partner.update", "partner.request", "partner.rotate");
        assertThat(entries).allSatisfy(e -> assertThat(e.event().canonicalJson()).doesNotContain(secret));
        assertThat(entries).filteredOn(e -> e.event().action().equals("partner.denied")
                        && e.event().detail().getString("reason").equals("nonce replayed"))
                .allSatisfy(e -> {
                    assertThat(e.event().actor()).isEqualTo("partner:" + partnerId);
                    assertThat(e.event().sourceIp()).isEqualTo("127.0.0.1");
                });
    }
}
