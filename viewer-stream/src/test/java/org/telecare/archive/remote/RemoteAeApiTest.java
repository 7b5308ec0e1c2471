package org.telecare.archive.remote;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.access.Permission;
import org.telecare.archive.ArchiveNode;
import org.telecare.dimse.interop.Dcmtk;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote AE registry and its admin API, and the caller policy {@code known} (ARC-2) with
 * DCMTK's echoscu and storescu as callers: a registered title associates, an unknown one gets
 * A-ASSOCIATE-RJ "calling AE title not recognized" (PS3.8 Table 9-21), and registering it over
 * the API lets it in at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RemoteAeApiTest {
    @TempDir
    static Path dir;
    ArchiveNode node;

    @BeforeAll
    void start() {
        node = ArchiveNode.start(dir.resolve("node"), new JsonObject().put("hospitalId", "hosp-a")
                .put("callers", "known")
                .put("remotes", new JsonArray().add(new JsonObject().put("aeTitle", "CT01").put("host", "127.0.0.1")
                        .put("port", 104).put("description", "CT in room 3"))));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private Dcmtk.Result echoscu(String callingAe) {
        return Dcmtk.run(30, "echoscu", "-aet", callingAe, "-aec", "TELECARE", "127.0.0.1",
                Integer.toString(node.dicomPort()));
    }

    @Test
    void configuredAesAreListedAndThePermissionsDeclared() {
        HttpResponse<String> r = node.call("GET", "/archive/remotes", "viewer-a", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject ct = new JsonObject(r.body()).getJsonArray("remotes").stream().map(JsonObject.class::cast)
                .filter(j -> j.getString("aeTitle").equals("CT01")).findFirst().orElseThrow();
        assertThat(ct.getInteger("port")).isEqualTo(104);
        assertThat(ct.getString("source")).isEqualTo("config");
        assertThat(ct.getString("retrieve")).isEqualTo("move");
        assertThat(node.call("GET", "/archive/remotes", "nobody-a", null).statusCode()).isEqualTo(403);
        assertThat(node.call("GET", "/archive/remotes", null, null).statusCode()).isEqualTo(401);
        assertThat(node.permissions.knows(Permission.of("archive.remotes.read"))).isTrue();
        assertThat(node.permissions.knows(Permission.of("archive.remotes.write"))).isTrue();
    }

    @Test
    void knownCallersAssociateUnknownOnesAreRejectedUntilRegistered() {
        Dcmtk.Result known = echoscu("CT01");
        assertThat(known.exitCode()).as(known.output()).isZero();

        Dcmtk.Result unknown = echoscu("STRANGER");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("Calling AE Title Not Recognized");

        HttpResponse<String> put = node.call("PUT", "/archive/remotes/STRANGER", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": 11112}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(echoscu("STRANGER").exitCode()).isZero();
        assertThat(node.audit).anyMatch(l -> l.startsWith("admin-a write remote-ae STRANGER true"));

        assertThat(node.call("DELETE", "/archive/remotes/STRANGER", "admin-a", null).statusCode()).isEqualTo(204);
        assertThat(node.call("DELETE", "/archive/remotes/STRANGER", "admin-a", null).statusCode()).isEqualTo(404);
        assertThat(node.audit).anyMatch(l -> l.startsWith("admin-a delete remote-ae STRANGER true"));
        Dcmtk.Result again = Dcmtk.run(30, "storescu", "-aet", "STRANGER", "-aec", "TELECARE", "127.0.0.1",
                Integer.toString(node.dicomPort()), "--no-halt", "/dev/null");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("Calling AE Title Not Recognized");
    }

    @Test
    void checkHostAlsoWantsTheRegisteredAddress() {
        Path other = dir.resolve("checkhost");
        try (ArchiveNode strict = ArchiveNode.start(other, new JsonObject()
                .put("callers", new JsonObject().put("accept", "known").put("checkHost", true))
                .put("remotes", new JsonArray()
                        .add(new JsonObject().put("aeTitle", "HERE").put("host", "127.0.0.1").put("port", 104))
                        .add(new JsonObject().put("aeTitle", "ELSEWHERE").put("host", "192.0.2.7").put("port", 104))))) {
            String port = Integer.toString(strict.dicomPort());
            Dcmtk.Result here = Dcmtk.run(30, "echoscu", "-aet", "HERE", "-aec", "TELECARE", "127.0.0.1", port);
            assertThat(here.exitCode()).as(here.output()).isZero();
            Dcmtk.Result elsewhere = Dcmtk.run(30, "echoscu", "-aet", "ELSEWHERE", "-aec", "TELECARE", "127.0.0.1", port);
            assertThat(elsewhere.exitCode()).isNotZero();
            assertThat(elsewhere.output()).contains("Calling AE Title Not Recognized");
        }
    }

    @Test
    void badInputIsRefusedWithTheFieldNamedAndChangesNothing() {
        String[][] cases = {
                {"/archive/remotes/PACS2", "{\"host\": \"h\", \"port\": 104, \"colour\": \"red\"}", "colour"},
                {"/archive/remotes/PACS2", "{\"host\": \"h\", \"port\": 70000}", "port"},
                {"/archive/remotes/PACS2", "{\"host\": \"h\", \"port\": \"104\"}", "port"},
                {"/archive/remotes/PACS2", "{\"port\": 104}", "host"},
                {"/archive/remotes/PACS2", "{\"host\": \"h; rm -rf\", \"port\": 104}", "host"},
                {"/archive/remotes/PACS2", "{\"aeTitle\": \"OTHER\", \"host\": \"h\", \"port\": 104}", "aeTitle"},
                {"/archive/remotes/PACS2", "{\"host\": \"h\", \"port\": 104, \"retrieve\": \"fetch\"}", "retrieve"},
                {"/archive/remotes/A_TITLE_LONGER_THAN_16", "{\"host\": \"h\", \"port\": 104}", "aeTitle"},
                {"/archive/remotes/BACK%5CSLASH", "{\"host\": \"h\", \"port\": 104}", "aeTitle"},
                {"/archive/remotes/PACS2", "{\"host\": \"h\", \"port\": 104", "JSON"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = node.call("PUT", c[0], "admin-a", c[1]);
            assertThat(r.statusCode()).as(c[1] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(c[1]).contains(c[2]);
        }
        assertThat(node.call("PUT", "/archive/remotes/PACS2", "viewer-a", "{\"host\": \"h\", \"port\": 104}")
                .statusCode()).isEqualTo(403);
        assertThat(node.call("GET", "/archive/remotes", "admin-a", null).body()).doesNotContain("PACS2");
        assertThat(node.call("POST", "/archive/remotes/NOSUCH/echo", "admin-a", null).statusCode()).isEqualTo(404);
    }

    @Test
    void echoReportsStatusAndRoundTrip() throws Exception {
        int nothing;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothing = s.getLocalPort();
        }
        assertThat(node.call("PUT", "/archive/remotes/SELF", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": " + node.dicomPort() + "}").statusCode()).isEqualTo(201);
        assertThat(node.call("PUT", "/archive/remotes/DOWN", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": " + nothing + ", \"retrieve\": \"get\"}").statusCode()).isEqualTo(201);
        // SELF is a known caller too, so our own C-ECHO (calling TELECARE) must be let in: register TELECARE
        assertThat(node.call("PUT", "/archive/remotes/TELECARE", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": " + node.dicomPort() + "}").statusCode()).isEqualTo(201);
        HttpResponse<String> wrong = node.call("POST", "/archive/remotes/SELF/echo", "admin-a", null);
        JsonObject w = new JsonObject(wrong.body());
        assertThat(w.getBoolean("ok")).as("our AE answers to TELECARE, not SELF: %s", w).isFalse();

        JsonObject ok = new JsonObject(node.call("POST", "/archive/remotes/TELECARE/echo", "admin-a", null).body());
        assertThat(ok.getBoolean("ok")).as(ok.encode()).isTrue();
        assertThat(ok.getString("status")).isEqualTo("0000");
        assertThat(ok.getLong("roundTripMs")).isNotNull().isNotNegative();

        JsonObject down = new JsonObject(node.call("POST", "/archive/remotes/DOWN/echo", "admin-a", null).body());
        assertThat(down.getBoolean("ok")).isFalse();
        assertThat(down.getString("error")).isNotBlank();
        assertThat(node.call("POST", "/archive/remotes/DOWN/echo", "viewer-a", null).statusCode()).isEqualTo(403);
    }

    @Test
    void badConfigurationStopsTheStartWithTheKeyNamed() {
        assertThatThrownBy(() -> ArchiveNode.start(dir.resolve("bad1"), new JsonObject().put("remotes",
                new JsonArray().add(new JsonObject().put("aeTitle", "X").put("host", "h").put("port", 0)))))
                .hasMessageContaining("modules.archive.remotes[0]").hasMessageContaining("port");
        assertThatThrownBy(() -> ArchiveNode.start(dir.resolve("bad2"), new JsonObject().put("callers", "some")))
                .hasMessageContaining("modules.archive.callers");
        assertThatThrownBy(() -> ArchiveNode.start(dir.resolve("bad3"), new JsonObject()
                .put("routingRetry", new JsonObject().put("tries", 3))))
                .hasMessageContaining("routingRetry.tries");
        assertThatThrownBy(() -> ArchiveNode.start(dir.resolve("bad4"), new JsonObject().put("routing",
                new JsonArray().add(new JsonObject().put("name", "r").put("destination", "NOWHERE")))))
                .hasMessageContaining("NOWHERE").hasMessageContaining("not a known remote AE");
    }
}
