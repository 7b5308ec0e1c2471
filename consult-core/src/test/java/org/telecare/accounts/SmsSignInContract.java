package org.telecare.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
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
import org.telecare.accounts.credentials.Argon2Settings;
import org.telecare.accounts.credentials.PasswordCheck;
import org.telecare.accounts.credentials.PasswordHasher;
import org.telecare.accounts.credentials.PasswordPolicy;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.http.UserAccounts;
import org.telecare.audit.AuditQuery;
import org.telecare.audit.AuditTrail;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.conformance.TestBackends;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * Sign-in by SMS code (SEC-2) against a real HTTP receiver standing in for the hospital's SMS
 * platform: codes arrive, are single-use, expire, and are rate limited per login; the route
 * does not reveal which logins exist; a failing gateway is a clear 502. Run on both backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SmsSignInContract {
    private static final Pattern CODE = Pattern.compile("(\\d{6})");

    protected abstract List<String> recipe(Path dir);

    Vertx vertx;
    StorageBackend backend;
    ApiTestServer server;
    HttpServer smsPlatform;
    final LinkedBlockingQueue<JsonObject> delivered = new LinkedBlockingQueue<>();
    final AtomicInteger platformStatus = new AtomicInteger(200);
    final MutableClock clock = new MutableClock();
    final NodeServices services = new NodeServices();
    int port;
    ApiClient admin;

    @BeforeAll
    void start() throws Exception {
        Path scratch = Files.createTempDirectory("sms");
        vertx = Vertx.vertx();
        smsPlatform = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            if (platformStatus.get() == 200) {
                delivered.add(b.toJsonObject().put("authorization", req.getHeader("authorization")));
            }
            req.response().setStatusCode(platformStatus.get()).end();
        })).listen(0, "127.0.0.1"));
        backend = TestBackends.open(vertx, recipe(scratch.resolve("store")));
        AccountsModule module = new AccountsModule(clock, new KnownCaptchaRandom());
        await(backend.migrate(module.migrations()));
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.defaults());
        await(new UserAccounts(vertx, new AccountDirectory(backend.records()), hasher,
                new PasswordCheck(PasswordPolicy.defaults(), hasher), clock)
                .create("admin", "Administrator", Optional.empty(), Optional.empty(), "",
                        Set.of(AccountPermissions.ADMIN), AccountsContract.ADMIN_FIRST));
        Router[] api = new Router[1];
        server = ApiTestServer.start(vertx, router -> api[0] = router);
        port = server.port();
        await(module.start(new ModuleContext(vertx, "test-node", api[0], backend,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), new JsonObject()
                .put("signInBurst", 10_000).put("captchaAfterFailures", 50).put("maxFailures", 50)
                .put("sms", new JsonObject().put("gateway", "http").put("token", "s3cret")
                        .put("url", "http://127.0.0.1:" + smsPlatform.actualPort() + "/send"))
                .put("fieldKeys", new JsonObject().put("current", "t1").put("keys", new JsonObject()
                        .put("t1", org.telecare.accounts.sensitive.FieldKeys.generateKeyBase64()))),
                scratch, services)));
        admin = new ApiClient(port);
        assertThat(admin.login("admin", AccountsContract.ADMIN_FIRST).status()).isEqualTo(200);
        assertThat(admin.post("/auth/password", new JsonObject().put("current", AccountsContract.ADMIN_FIRST)
                .put("new", AccountsContract.ADMIN_PASSWORD)).status()).isEqualTo(204);
        String hospital = admin.post("/admin/hospitals", new JsonObject().put("name", "县医院").put("city", "宁德"))
                .json().getString("id");
        ApiTestServer.Reply user = admin.post("/admin/users", new JsonObject().put("login", "sms-doc").put("name", "林医生")
                .put("hospitalId", hospital).put("phone", "138 0013 8000").put("roles", new JsonArray().add("doctor")));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        assertThat(admin.post("/admin/users", new JsonObject().put("login", "no-phone").put("name", "无手机")
                .put("hospitalId", hospital).put("roles", new JsonArray().add("doctor"))).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        await(smsPlatform.close());
        await(backend.close());
        await(vertx.close());
    }

    private String nextCode() throws Exception {
        JsonObject sms = delivered.poll(10, TimeUnit.SECONDS);
        assertThat(sms).as("an SMS reached the platform").isNotNull();
        assertThat(sms.getString("to")).isEqualTo("13800138000");
        assertThat(sms.getString("purpose")).isEqualTo("sign-in-code");
        assertThat(sms.getString("authorization")).isEqualTo("Bearer s3cret");
        Matcher m = CODE.matcher(sms.getString("text"));
        assertThat(m.find()).as(sms.getString("text")).isTrue();
        return m.group(1);
    }

    private ApiTestServer.Reply signIn(ApiClient c, String login, String code) throws Exception {
        return c.post("/auth/login", new JsonObject().put("username", login).put("smsCode", code));
    }

    @Test
    @Order(1)
    void aCodeArrivesSignsInOnceAndIsSpent() throws Exception {
        ApiClient c = new ApiClient(port);
        ApiTestServer.Reply asked = c.post("/auth/sms/request", new JsonObject().put("username", "sms-doc"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(asked.json().getInteger("resendAfterSeconds")).isEqualTo(60);
        String code = nextCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(signIn(c, "sms-doc", wrong).status()).isEqualTo(401);
        ApiTestServer.Reply in = signIn(c, "sms-doc", code);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().getJsonObject("user").getString("login")).isEqualTo("sms-doc");
        assertThat(signIn(new ApiClient(port), "sms-doc", code).status()).as("single use").isEqualTo(401);
        assertThat(c.post("/auth/login", new JsonObject().put("username", "sms-doc").put("smsCode", code)
                .put("password", "x")).status()).as("one first factor, not both").isEqualTo(400);
    }

    @Test
    @Order(2)
    void codesAreRateLimitedPerLoginAndExpire() throws Exception {
        clock.advance(Duration.ofMinutes(61)); // a fresh hour for this login
        ApiClient c = new ApiClient(port);
        assertThat(c.post("/auth/sms/request", new JsonObject().put("username", "sms-doc")).status()).isEqualTo(202);
        String code = nextCode();
        ApiTestServer.Reply again = c.post("/auth/sms/request", new JsonObject().put("username", "SMS-doc"));
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.errorCode()).isEqualTo(AccountErrors.SMS_TOO_SOON);
        assertThat(delivered).isEmpty();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(signIn(c, "sms-doc", code).status()).as("expired").isEqualTo(401);

        // Four more an hour (five in all), then none until the hour has passed.
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(c.post("/auth/sms/request", new JsonObject().put("username", "sms-doc")).status()).isEqualTo(202);
            nextCode();
        }
        clock.advance(Duration.ofSeconds(61));
        ApiTestServer.Reply sixth = c.post("/auth/sms/request", new JsonObject().put("username", "sms-doc"));
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isGreaterThan(60);
    }

    @Test
    @Order(3)
    void wrongCodesBurnTheCode() throws Exception {
        clock.advance(Duration.ofMinutes(61));
        ApiClient c = new ApiClient(port);
        assertThat(c.post("/auth/sms/request", new JsonObject().put("username", "sms-doc")).status()).isEqualTo(202);
        String code = nextCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(c, "sms-doc", wrong).status()).isEqualTo(401);
        }
        assertThat(signIn(c, "sms-doc", code).status()).as("burnt after five wrong tries").isEqualTo(401);
    }

    @Test
    @Order(4)
    void theAnswerDoesNotRevealAccountsAndNothingIsSentForThem() throws Exception {
        ApiClient c = new ApiClient(port);
        for (String login : List.of("nobody-here", "no-phone")) {
            ApiTestServer.Reply r = c.post("/auth/sms/request", new JsonObject().put("username", login));
            assertThat(r.status()).as(login).isEqualTo(202);
            assertThat(signIn(c, login, "123456").status()).isEqualTo(401);
        }
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(c.post("/auth/sms/request", new JsonObject()).status()).isEqualTo(400);
        assertThat(c.post("/auth/sms/request", new JsonObject().put("username", "x".repeat(500))).status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aFailingGatewayIsA502AndEverythingIsAudited() throws Exception {
        clock.advance(Duration.ofMinutes(61));
        platformStatus.set(500);
        try {
            ApiTestServer.Reply r = new ApiClient(port).post("/auth/sms/request", new JsonObject().put("username", "sms-doc"));
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.errorCode()).isEqualTo(AccountErrors.SMS_NOT_SENT);
        } finally {
            platformStatus.set(200);
        }
        AuditTrail trail = services.require(AuditTrail.class);
        // Audit writes do not hold up the answer; give the last ones a moment.
        List<String> outcomes = List.of();
        for (int i = 0; i < 100 && !outcomes.contains("gateway-failed"); i++) {
            Thread.sleep(i == 0 ? 0 : 100);
            outcomes = await(trail.search(AuditQuery.between(java.time.Instant.now().minus(Duration.ofHours(1)),
                    java.time.Instant.now().plus(Duration.ofHours(1))).withActionPrefix("auth.sms.request").withLimit(1000)))
                    .entries().stream().map(e -> e.event().detail().getString("outcome")).toList();
        }
        assertThat(outcomes).contains("sent", "too-soon", "unknown-login", "no-phone", "gateway-failed");
    }
}
