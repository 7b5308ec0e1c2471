package org.telecare.archive.routing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.archive.ArchiveNode;
import org.telecare.archive.OrthancPeer;
import org.telecare.archive.TestObjects;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dimse.interop.Dcmtk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-routing (ARC-3) against real peers: Orthanc as the destination (the forwarded data sets
 * arrive byte for byte), DCMTK's storescp as a destination that is down first and comes up later,
 * a job that runs out of attempts and is retried by hand, and jobs that outlive a node restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RoutingOrthancTest {
    @TempDir
    static Path dir;
    OrthancPeer orthanc;
    ArchiveNode node;
    final List<Process> storescps = new ArrayList<>();
    static final JsonObject RETRY = new JsonObject().put("initialMillis", 100).put("maxMillis", 400)
            .put("maxAttempts", 8).put("pollMillis", 100).put("leaseMillis", 5000);

    @BeforeAll
    void start() throws Exception {
        int dicom = OrthancPeer.freePort();
        int http = OrthancPeer.freePort();
        node = ArchiveNode.start(dir.resolve("node"), new JsonObject().put("hospitalId", "hosp-a")
                .put("remotes", new JsonArray().add(new JsonObject().put("aeTitle", OrthancPeer.AE_TITLE)
                        .put("host", "127.0.0.1").put("port", dicom)))
                .put("routing", new JsonArray().add(new JsonObject().put("name", "ct-to-orthanc")
                        .put("destination", OrthancPeer.AE_TITLE).put("modality", "CT")))
                .put("routingRetry", RETRY));
        orthanc = OrthancPeer.start(dir.resolve("orthanc"), dicom, http, "TELECARE", node.dicomPort());
    }

    @AfterAll
    void stop() throws Exception {
        storescps.forEach(Process::destroy);
        if (orthanc != null) {
            orthanc.close();
        }
        node.close();
    }

    static void storescu(ArchiveNode to, String callingAe, Path... files) {
        List<String> args = new ArrayList<>(List.of("-aet", callingAe, "-aec", "TELECARE", "127.0.0.1",
                Integer.toString(to.dicomPort())));
        for (Path f : files) {
            args.add(f.toString());
        }
        Dcmtk.Result r = Dcmtk.run(60, "storescu", args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    /** Polls (bounded: 600 × 100 ms) until the condition holds. */
    static void eventually(String what, Check check) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never happened: " + what);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static JsonArray jobs(ArchiveNode n, String query) {
        var r = n.call("GET", "/archive/routing/jobs" + query, "viewer-a", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("jobs");
    }

    static Optional<JsonObject> job(ArchiveNode n, String query, Predicate<JsonObject> which) {
        return jobs(n, query).stream().map(JsonObject.class::cast).filter(which).findFirst();
    }

    Process storescp(String aeTitle, int port, Path out) throws Exception {
        Files.createDirectories(out);
        Process p = Dcmtk.start(out.resolveSibling(aeTitle + ".log"), "storescp", "-aet", aeTitle, "-od", out.toString(),
                Integer.toString(port));
        storescps.add(p);
        return p;
    }

    static boolean received(Path out, String sop) throws Exception {
        try (var files = Files.list(out)) {
            return files.anyMatch(f -> f.getFileName().toString().contains(sop));
        }
    }

    @Test
    void matchingInstancesReachOrthancByteForByteOthersStayHome() throws Exception {
        Path in = dir.resolve("in-ct");
        String study = "2.25.8100";
        Path ct1 = TestObjects.write(in, study, "2.25.8101", "2.25.8102.1", "CT", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path ct2 = TestObjects.write(in, study, "2.25.8101", "2.25.8102.2", "CT", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Path ct3 = TestObjects.write(in, study, "2.25.8101", "2.25.8102.3", "CT", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path mr = TestObjects.write(in, study, "2.25.8103", "2.25.8104.1", "MR", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        storescu(node, "CT01", ct1, ct2, ct3, mr);

        for (Path f : List.of(ct1, ct2, ct3)) {
            String sop = f.getFileName().toString().replace(".dcm", "");
            eventually(sop + " at Orthanc", () -> orthanc.instanceId(sop).isPresent());
            byte[] theirs = orthanc.file(orthanc.instanceId(sop).orElseThrow());
            assertThat(TestObjects.dataSet(theirs)).as(sop).isEqualTo(TestObjects.dataSet(f));
        }
        eventually("the ORTHANC queue drained", () -> jobs(node, "?destination=ORTHANC").isEmpty());
        assertThat(orthanc.instanceId("2.25.8104.1")).as("MR matches no rule").isEmpty();
        assertThat(node.metrics.get("telecare.archive.routing.sent").counter().count()).isGreaterThanOrEqualTo(3);

        // the same objects again: nothing new is stored, so nothing is forwarded again
        double sent = node.metrics.get("telecare.archive.routing.sent").counter().count();
        storescu(node, "CT01", ct1);
        assertThat(jobs(node, "?destination=ORTHANC")).isEmpty();
        assertThat(node.metrics.get("telecare.archive.routing.sent").counter().count()).isEqualTo(sent);
    }

    @Test
    void aDestinationThatIsDownGetsTheJobOnceItComesUp() throws Exception {
        int port = OrthancPeer.freePort();
        assertThat(node.call("PUT", "/archive/remotes/LATER", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": " + port + "}").statusCode()).isEqualTo(201);
        assertThat(node.call("PUT", "/archive/routing/rules/to-later", "admin-a",
                "{\"destination\": \"LATER\", \"callingAe\": \"MOD_LATER\", \"sopClass\": \"" + Fixtures.SC_IMAGE + "\"}")
                .statusCode()).isEqualTo(201);
        Path f = TestObjects.write(dir.resolve("in-later"), "2.25.8200", "2.25.8201", "2.25.8202.1", "OT",
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        storescu(node, "MOD_LATER", f);
        eventually("a failed attempt recorded", () -> job(node, "?destination=LATER", j -> j.getInteger("attempts") >= 1
                && j.containsKey("lastError")).isPresent());
        JsonObject pending = job(node, "?destination=LATER", j -> true).orElseThrow();
        assertThat(pending.getString("lastError")).contains("LATER");
        assertThat(pending.getString("state")).isIn("pending", "sending");

        Path out = dir.resolve("later-out");
        storescp("LATER", port, out);
        eventually("delivered to storescp", () -> received(out, "2.25.8202.1"));
        eventually("the LATER queue drained", () -> jobs(node, "?destination=LATER").isEmpty());
        try (var files = Files.list(out)) {
            Path got = files.filter(p -> p.getFileName().toString().contains("2.25.8202.1")).findFirst().orElseThrow();
            assertThat(TestObjects.dataSet(got)).isEqualTo(TestObjects.dataSet(f));
        }
        assertThat(node.call("DELETE", "/archive/routing/rules/to-later", "admin-a", null).statusCode()).isEqualTo(204);
    }

    @Test
    void aJobOutOfAttemptsIsFailedVisibleAndRetriedByHand() throws Exception {
        int port = OrthancPeer.freePort();
        assertThat(node.call("PUT", "/archive/remotes/NOWHERE", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": " + port + "}").statusCode()).isEqualTo(201);
        assertThat(node.call("PUT", "/archive/routing/rules/to-nowhere", "admin-a",
                "{\"destination\": \"NOWHERE\", \"callingAe\": \"MOD_NOWHERE\"}").statusCode()).isEqualTo(201);
        Path f = TestObjects.write(dir.resolve("in-nowhere"), "2.25.8300", "2.25.8301", "2.25.8302.1", "OT",
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        storescu(node, "MOD_NOWHERE", f);
        eventually("the job failed", () -> job(node, "?state=failed&destination=NOWHERE", j -> true).isPresent());
        JsonObject failed = job(node, "?state=failed&destination=NOWHERE", j -> true).orElseThrow();
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getInteger("attempts")).isEqualTo(8);
        assertThat(failed.getString("sopInstanceUid")).isEqualTo("2.25.8302.1");
        assertThat(node.call("GET", "/archive/routing/jobs/" + failed.getString("id"), "viewer-a", null).body())
                .contains("\"failed\"");
        assertThat(node.metrics.get("telecare.archive.routing.failed").counter().count()).isGreaterThanOrEqualTo(1);
        eventually("the failed gauge counts it", () -> node.metrics.get("telecare.archive.routing.queue")
                .tag("state", "failed").gauge().value() >= 1);

        Path out = dir.resolve("nowhere-out");
        storescp("NOWHERE", port, out);
        assertThat(node.call("POST", "/archive/routing/jobs/" + failed.getString("id") + "/retry", "viewer-a", null)
                .statusCode()).as("retry is a write").isEqualTo(403);
        var retried = node.call("POST", "/archive/routing/jobs/" + failed.getString("id") + "/retry", "admin-a", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        eventually("delivered after the manual retry", () -> received(out, "2.25.8302.1"));
        eventually("the NOWHERE queue drained", () -> jobs(node, "?destination=NOWHERE").isEmpty());
        assertThat(node.audit).anyMatch(l -> l.startsWith("admin-a write routing-job " + failed.getString("id")));
        assertThat(node.call("POST", "/archive/routing/jobs/4e4f-0000000000000-00/retry", "admin-a", null)
                .statusCode()).isEqualTo(404);
        assertThat(node.call("POST", "/archive/routing/jobs/zz/retry", "admin-a", null).statusCode()).isEqualTo(404);
        assertThat(node.call("DELETE", "/archive/routing/rules/to-nowhere", "admin-a", null).statusCode()).isEqualTo(204);
    }

    @Test
    void pendingJobsSurviveANodeRestart() throws Exception {
        int port = OrthancPeer.freePort();
        Path home = dir.resolve("restart-node");
        JsonObject config = new JsonObject()
                .put("remotes", new JsonArray().add(new JsonObject().put("aeTitle", "DOWN2").put("host", "127.0.0.1")
                        .put("port", port)))
                .put("routing", new JsonArray().add(new JsonObject().put("name", "all").put("destination", "DOWN2")))
                .put("routingRetry", RETRY.copy().put("maxAttempts", 1000));
        Path f = TestObjects.write(dir.resolve("in-restart"), "2.25.8400", "2.25.8401", "2.25.8402.1", "OT",
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try (ArchiveNode first = ArchiveNode.start(home, config)) {
            storescu(first, "MOD_R", f);
            eventually("a failed attempt", () -> job(first, "", j -> j.getInteger("attempts") >= 1).isPresent());
        }
        Path out = dir.resolve("restart-out");
        storescp("DOWN2", port, out);
        try (ArchiveNode second = ArchiveNode.start(home, config)) {
            eventually("delivered after the restart", () -> received(out, "2.25.8402.1"));
            eventually("the queue drained", () -> jobs(second, "").isEmpty());
        }
    }

    @Test
    void rulesApiRefusesBadInputWithTheFieldNamed() {
        var list = node.call("GET", "/archive/routing/rules", "viewer-a", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("ct-to-orthanc").contains("\"source\":\"config\"");
        String[][] cases = {
                {"/archive/routing/rules/r1", "{\"destination\": \"ORTHANC\", \"when\": \"always\"}", "when"},
                {"/archive/routing/rules/r1", "{\"destination\": \"NOSUCHAE\"}", "destination"},
                {"/archive/routing/rules/r1", "{}", "destination"},
                {"/archive/routing/rules/r1", "{\"destination\": \"ORTHANC\", \"modality\": \"ct;drop\"}", "modality"},
                {"/archive/routing/rules/r1", "{\"destination\": \"ORTHANC\", \"sopClass\": \"1.2.x\"}", "sopClass"},
                {"/archive/routing/rules/r1", "{\"destination\": \"ORTHANC\", \"callingAe\": 7}", "callingAe"},
                {"/archive/routing/rules/r1", "{\"name\": \"r2\", \"destination\": \"ORTHANC\"}", "name"},
                {"/archive/routing/rules/bad%20name", "{\"destination\": \"ORTHANC\"}", "rule name"},
        };
        for (String[] c : cases) {
            var r = node.call("PUT", c[0], "admin-a", c[1]);
            assertThat(r.statusCode()).as(c[1] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(c[1]).contains(c[2]);
        }
        assertThat(node.call("PUT", "/archive/routing/rules/r1", "viewer-a", "{\"destination\": \"ORTHANC\"}")
                .statusCode()).isEqualTo(403);
        assertThat(node.call("GET", "/archive/routing/rules", "admin-a", null).body()).doesNotContain("\"r1\"");
        assertThat(node.call("GET", "/archive/routing/jobs?state=lost", "admin-a", null).statusCode()).isEqualTo(400);
        assertThat(node.call("DELETE", "/archive/routing/rules/r1", "admin-a", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aDestinationTakingOnlyImplicitVrGetsTheObjectReEncoded() throws Exception {
        int port = OrthancPeer.freePort();
        Path out = dir.resolve("implicit-out");
        Files.createDirectories(out);
        // +xi: storescp accepts implicit VR little endian only
        storescps.add(Dcmtk.start(out.resolveSibling("implicit.log"), "storescp", "+xi", "-aet", "IMPLICIT",
                "-od", out.toString(), Integer.toString(port)));
        assertThat(node.call("PUT", "/archive/remotes/IMPLICIT", "admin-a",
                "{\"host\": \"127.0.0.1\", \"port\": " + port + "}").statusCode()).isEqualTo(201);
        assertThat(node.call("PUT", "/archive/routing/rules/to-implicit", "admin-a",
                "{\"destination\": \"IMPLICIT\", \"callingAe\": \"MOD_IMPL\"}").statusCode()).isEqualTo(201);
        Path f = TestObjects.write(dir.resolve("in-implicit"), "2.25.8500", "2.25.8501", "2.25.8502.1", "OT",
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        storescu(node, "MOD_IMPL", f);
        eventually("delivered in implicit VR", () -> received(out, "2.25.8502.1"));
        Path got;
        try (var files = Files.list(out)) {
            got = files.filter(x -> x.getFileName().toString().contains("2.25.8502.1")).findFirst().orElseThrow();
        }
        var sent = org.telecare.dicom.io.DicomReader.readFile(f, org.telecare.dicom.io.ReadOptions.DEFAULT);
        assertThat(org.telecare.dicom.io.Part10.readFileMetaInfo(got).transferSyntaxUid())
                .isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(TestObjects.dataSet(got)).as("the same data set, implicit VR").isEqualTo(
                org.telecare.dicom.io.DicomWriter.toBytes(sent.dataset(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        assertThat(node.call("DELETE", "/archive/routing/rules/to-implicit", "admin-a", null).statusCode()).isEqualTo(204);
    }
}
