package org.telecare.accounts.dictionary;

import org.telecare.accounts.ApiTestServer;
import org.telecare.accounts.ApiTestServer.Reply;
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
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.http.AccountEvents;
import org.telecare.audit.AuditEntry;
import org.telecare.audit.AuditQuery;
import org.telecare.audit.AuditSchema;
import org.telecare.audit.AuditTrail;
import org.telecare.storage.RecordKey;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.conformance.TestBackends;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * Dictionaries over real HTTP on a real backend: the built-in seeds (once, and never over an
 * administrator's edits), create/replace and ordering, validation, unknown dictionaries,
 * permissions, disabling, and the audit trail. Run on both backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DictionaryContract {
    protected abstract List<String> recipe(Path dir);

    Vertx vertx;
    StorageBackend backend;
    AuditTrail audit;
    ApiTestServer server;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base;
    Instant startedAt = Instant.now();


    @BeforeAll
    void start() throws Exception {
        Path scratch = Files.createTempDirectory("dictionary");
        vertx = Vertx.vertx();
        backend = TestBackends.open(vertx, recipe(scratch.resolve("store")));
        List<SchemaMigration> migrations = new ArrayList<>(AuditSchema.migrations());
        migrations.add(Dictionaries.MIGRATION);
        await(backend.migrate(migrations), Duration.ofMinutes(2));
        audit = AuditTrail.create(vertx, backend, "test-node", null);
        Dictionaries dictionaries = new Dictionaries(backend.records());
        await(dictionaries.seed());

        server = ApiTestServer.start(vertx, api ->
                new DictionaryRoutes(dictionaries, new AccountEvents(audit)).mount(api, new TestGuard(), TestGuard.WRITE));
        base = server.base();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        await(backend.close());
        await(vertx.close());
    }

    Reply call(String method, String path, Object body, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).timeout(Duration.ofSeconds(30))
                .header(TestGuard.USER_HEADER, user);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(
                    body instanceof JsonObject j ? j.encode() : body.toString()));
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), res.body());
    }

    Reply call(String method, String path, Object body) throws Exception {
        return call(method, path, body, "admin");
    }

    JsonArray entries(String dictionary) throws Exception {
        Reply r = call("GET", "/dictionaries/" + dictionary, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getString("id")).isEqualTo(dictionary);
        return r.json().getJsonArray("entries");
    }

    static List<String> codes(JsonArray entries) {
        return entries.stream().map(o -> ((JsonObject) o).getString("code")).toList();
    }

    static JsonObject find(JsonArray entries, String code) {
        return entries.stream().map(o -> (JsonObject) o).filter(e -> e.getString("code").equals(code)).findFirst()
                .orElseThrow();
    }

    List<String> ids() throws Exception {
        Reply r = call("GET", "/dictionaries", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    // ---- seeds ---------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theBuiltInDictionariesAreSeeded() throws Exception {
        assertThat(ids()).containsExactly("gender", "title");
        JsonArray gender = entries("gender");
        assertThat(codes(gender)).containsExactly("1", "2", "0", "9");
        assertThat(find(gender, "1").getString("label")).isEqualTo("男性");
        assertThat(find(gender, "2").getString("labelEn")).isEqualTo("Female");
        assertThat(find(gender, "0").getString("label")).isEqualTo("未知的性别");
        assertThat(find(gender, "9").getString("label")).isEqualTo("未说明的性别");
        assertThat(gender).allSatisfy(e -> assertThat(((JsonObject) e).getBoolean("enabled")).isTrue());

        JsonArray title = entries("title");
        assertThat(title.stream().map(o -> ((JsonObject) o).getString("label")).toList()).containsExactlyInAnyOrder(
                "主任医师", "副主任医师", "主治医师", "住院医师", "医士", "主任技师", "副主任技师", "主管技师", "技师",
                "主任护师", "副主任护师", "主管护师", "护师", "护士");
        assertThat(title).allSatisfy(e -> assertThat(((JsonObject) e).getString("labelEn")).isNotBlank());
        assertThat(codes(title)).startsWith("231", "232", "233", "234", "235");
        Reply list = call("GET", "/dictionaries", null, "doctor");
        assertThat(new JsonArray(list.body()).getJsonObject(0).getBoolean("builtIn")).isTrue();
    }

    @Test
    @Order(2)
    void seedingAgainNeitherDuplicatesNorOverwritesAdministratorsEdits() throws Exception {
        Reply edited = call("PATCH", "/dictionaries/gender/9", new JsonObject().put("label", "未说明").put("sortOrder", 5));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(call("PATCH", "/dictionaries/title/235", new JsonObject().put("enabled", false)).status()).isEqualTo(200);
        assertThat(call("PUT", "/dictionaries/title/X1", new JsonObject().put("label", "研究员").put("sortOrder", 900))
                .status()).isEqualTo(201);

        // As if every node restarted, twice.
        await(new Dictionaries(backend.records()).seed());
        await(new Dictionaries(backend.records()).seed());

        JsonArray gender = entries("gender");
        assertThat(codes(gender)).containsExactly("9", "1", "2", "0");
        assertThat(find(gender, "9").getString("label")).isEqualTo("未说明");
        JsonArray title = entries("title");
        assertThat(title).hasSize(15);
        assertThat(find(title, "235").getBoolean("enabled")).isFalse();
        assertThat(find(title, "X1").getString("label")).isEqualTo("研究员");
        assertThat(ids()).containsExactly("gender", "title");
    }

    @Test
    @Order(3)
    void anInterruptedSeedIsCompletedAtTheNextStart() throws Exception {
        await(backend.records().delete(Dictionaries.ENTRIES, RecordKey.of("gender", "0")));
        assertThat(codes(entries("gender"))).doesNotContain("0");
        await(new Dictionaries(backend.records()).seed());
        JsonArray gender = entries("gender");
        assertThat(codes(gender)).containsExactly("9", "1", "2", "0");
        assertThat(find(gender, "9").getString("label")).as("the edit survives").isEqualTo("未说明");
    }

    // ---- administration ------------------------------------------------------------------------

    @Test
    @Order(10)
    void entriesArePutAndListedBySortOrderThenCode() throws Exception {
        Reply created = call("PUT", "/dictionaries/blood-type/B", new JsonObject().put("label", "B型").put("labelEn", "B")
                .put("sortOrder", 20));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).isEqualTo(new JsonObject().put("dictionary", "blood-type").put("code", "B")
                .put("label", "B型").put("labelEn", "B").put("sortOrder", 20).put("enabled", true));
        assertThat(call("PUT", "/dictionaries/blood-type/A", new JsonObject().put("label", "A型").put("sortOrder", 20))
                .status()).isEqualTo(201);
        assertThat(call("PUT", "/dictionaries/blood-type/O", new JsonObject().put("label", "O型").put("sortOrder", 10))
                .status()).isEqualTo(201);
        assertThat(call("PUT", "/dictionaries/blood-type/AB", new JsonObject().put("label", "AB型")).status())
                .isEqualTo(201);
        assertThat(codes(entries("blood-type"))).containsExactly("AB", "O", "A", "B");

        Reply replaced = call("PUT", "/dictionaries/blood-type/AB", new JsonObject().put("label", "AB型血")
                .put("sortOrder", 30).put("labelEn", "AB"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonArray entries = entries("blood-type");
        assertThat(codes(entries)).containsExactly("O", "A", "B", "AB");
        assertThat(find(entries, "AB").getString("label")).isEqualTo("AB型血");
        assertThat(find(entries, "A").containsKey("labelEn")).isFalse();
        assertThat(ids()).containsExactly("blood-type", "gender", "title");
        Reply list = call("GET", "/dictionaries", null);
        assertThat(new JsonArray(list.body()).getJsonObject(0).getBoolean("builtIn")).isFalse();

        Reply clearEn = call("PATCH", "/dictionaries/blood-type/B", new JsonObject().putNull("labelEn"));
        assertThat(clearEn.status()).as(clearEn.body()).isEqualTo(200);
        assertThat(clearEn.json().containsKey("labelEn")).isFalse();
        assertThat(clearEn.json().getString("label")).isEqualTo("B型");
    }

    @Test
    @Order(11)
    void invalidInputIsRefusedWith400NamingTheField() throws Exception {
        JsonObject ok = new JsonObject().put("label", "x");
        assertBad(call("PUT", "/dictionaries/gender/" + "c".repeat(33), ok), "code");
        assertBad(call("PUT", "/dictionaries/gender/a%20b", ok), "code");
        assertBad(call("PUT", "/dictionaries/gender/a%2Fb", ok), "code");
        assertBad(call("PUT", "/dictionaries/Gender/1", ok), "id");
        assertBad(call("PUT", "/dictionaries/g/1", ok), "id");
        assertBad(call("PUT", "/dictionaries/" + "g".repeat(33) + "/1", ok), "id");
        assertBad(call("PUT", "/dictionaries/gender/7", new JsonObject()), "label");
        assertBad(call("PUT", "/dictionaries/gender/7", new JsonObject().put("label", " ")), "label");
        assertBad(call("PUT", "/dictionaries/gender/7", new JsonObject().put("label", "x".repeat(65))), "label");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("labelEn", "x".repeat(65))), "labelEn");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("sortOrder", 10000)), "sortOrder");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("sortOrder", -1)), "sortOrder");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("sortOrder", "5")), "sortOrder");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("sortOrder", 1.5)), "sortOrder");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("enabled", "no")), "enabled");
        assertBad(call("PUT", "/dictionaries/gender/7", ok.copy().put("sort", 1)), "sort");
        assertBad(call("PATCH", "/dictionaries/gender/1", new JsonObject()), "enabled");
        assertBad(call("PATCH", "/dictionaries/gender/1", new JsonObject().put("label", "")), "label");
        assertBad(call("PATCH", "/dictionaries/gender/1", new JsonObject().put("code", "3")), "code");
        assertThat(call("PUT", "/dictionaries/gender/7", "[1]").status()).isEqualTo(400);
        assertThat(call("PUT", "/dictionaries/gender/7", "{not json").status()).isEqualTo(400);

        assertThat(call("PUT", "/dictionaries/blood-type/" + "c".repeat(32), ok.copy().put("sortOrder", 9999)).status())
                .isEqualTo(201);
        assertThat(call("PUT", "/dictionaries/" + "g".repeat(32) + "/a.b_c-D", ok.copy().put("label", "x".repeat(64))
                .put("sortOrder", 0)).status()).isEqualTo(201);
        assertThat(codes(entries("gender"))).doesNotContain("7");
    }

    private static void assertBad(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.message()).contains("'" + field + "'");
    }

    @Test
    @Order(12)
    void unknownDictionariesAndEntriesAre404() throws Exception {
        Reply r = call("GET", "/dictionaries/nosuch", null);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo(AccountErrors.NOT_FOUND);
        assertThat(call("GET", "/dictionaries/No-Such", null).status()).isEqualTo(404);
        Reply entry = call("PATCH", "/dictionaries/gender/77", new JsonObject().put("enabled", false));
        assertThat(entry.status()).as(entry.body()).isEqualTo(404);
        assertThat(call("PATCH", "/dictionaries/nosuch/1", new JsonObject().put("enabled", false)).status())
                .isEqualTo(404);
        assertThat(call("GET", "/dictionaries/nosuch", null).status()).as("a PATCH creates nothing").isEqualTo(404);
        assertThat(call("DELETE", "/dictionaries/gender/1", null).status()).as("there is no delete").isIn(404, 405);
        assertThat(codes(entries("gender"))).contains("1");
    }

    @Test
    @Order(13)
    void anyoneSignedInReadsButOnlyTheWritePermissionChanges() throws Exception {
        assertThat(call("GET", "/dictionaries", null, "doctor").status()).isEqualTo(200);
        assertThat(call("GET", "/dictionaries/gender", null, "doctor").status()).isEqualTo(200);
        Reply put = call("PUT", "/dictionaries/gender/5", new JsonObject().put("label", "x"), "doctor");
        assertThat(put.status()).as(put.body()).isEqualTo(403);
        Reply patch = call("PATCH", "/dictionaries/gender/1", new JsonObject().put("enabled", false), "doctor");
        assertThat(patch.status()).isEqualTo(403);
        assertThat(call("GET", "/dictionaries/gender", null, "nobody").status()).isEqualTo(401);
        assertThat(call("GET", "/dictionaries", null, "nobody").status()).isEqualTo(401);
        JsonArray gender = entries("gender");
        assertThat(codes(gender)).doesNotContain("5");
        assertThat(find(gender, "1").getBoolean("enabled")).isTrue();
    }

    @Test
    @Order(14)
    void disabledEntriesStayListedMarkedDisabled() throws Exception {
        Reply off = call("PATCH", "/dictionaries/gender/0", new JsonObject().put("enabled", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().getBoolean("enabled")).isFalse();
        assertThat(off.json().getString("label")).isEqualTo("未知的性别");
        for (String user : List.of("admin", "doctor")) {
            Reply r = call("GET", "/dictionaries/gender", null, user);
            JsonArray gender = r.json().getJsonArray("entries");
            assertThat(codes(gender)).containsExactly("9", "1", "2", "0");
            assertThat(find(gender, "0").getBoolean("enabled")).isFalse();
            assertThat(find(gender, "1").getBoolean("enabled")).isTrue();
        }
        assertThat(call("PATCH", "/dictionaries/gender/0", new JsonObject().put("enabled", true)).json()
                .getBoolean("enabled")).isTrue();
    }

    @Test
    @Order(30)
    void changesAreAudited() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<AuditEntry> entries = List.of();
        while (System.nanoTime() < deadline) {
            entries = await(audit.search(AuditQuery.between(startedAt.minusSeconds(60), Instant.now().plusSeconds(60))
                    .withActionPrefix("admin.dictionary.").withLimit(1000))).entries();
            List<String> targets = entries.stream().map(e -> e.event().action() + " " + e.event().targetId()).toList();
            if (targets.contains("admin.dictionary.put blood-type/AB")
                    && targets.contains("admin.dictionary.update gender/0")) {
                break;
            }
            Thread.sleep(200);
        }
        List<String> targets = entries.stream().map(e -> e.event().action() + " " + e.event().targetId()).toList();
        assertThat(targets).contains("admin.dictionary.put blood-type/AB", "admin.dictionary.put title/X1",
                "admin.dictionary.update gender/9", "admin.dictionary.update gender/0");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("u-admin");
            assertThat(e.event().targetType()).isEqualTo("dictionary-entry");
        });
        assertThat(targets).as("refused and invalid requests change nothing and record no change")
                .doesNotContain("admin.dictionary.put gender/5", "admin.dictionary.put gender/7");
    }
}
