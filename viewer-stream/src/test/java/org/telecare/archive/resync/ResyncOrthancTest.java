package org.telecare.archive.resync;

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
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartParser;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manual re-sync (ARC-9) from Orthanc: the study is uploaded to Orthanc over its REST API, then
 * pulled into telecare by C-MOVE (Orthanc connects back to our storage SCP) or by C-GET (per AE,
 * {@code retrieve: get}), and read back over WADO-RS with the data sets as Orthanc had them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ResyncOrthancTest {
    @TempDir
    static Path dir;
    OrthancPeer orthanc;
    ArchiveNode node;

    @BeforeAll
    void start() throws Exception {
        int dicom = OrthancPeer.freePort();
        int http = OrthancPeer.freePort();
        node = ArchiveNode.start(dir.resolve("node"), new JsonObject().put("hospitalId", "hosp-a")
                .put("callers", "known")
                .put("remotes", new JsonArray()
                        .add(new JsonObject().put("aeTitle", OrthancPeer.AE_TITLE).put("host", "127.0.0.1").put("port", dicom))
                        .add(new JsonObject().put("aeTitle", "ORTHANC_GET").put("host", "127.0.0.1").put("port", dicom)
                                .put("retrieve", "get"))));
        orthanc = OrthancPeer.start(dir.resolve("orthanc"), dicom, http, "TELECARE", node.dicomPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
        node.close();
    }

    /** With {@code mixed}, every other object in implicit VR little endian. */
    private List<Path> upload(String study, int count, boolean mixed) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path f = TestObjects.write(dir.resolve("upload"), study, study + ".1", study + ".1." + i, "OT",
                    i % 2 == 0 || !mixed ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            HttpResponse<String> r = orthanc.post("/instances", Files.readAllBytes(f));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            files.add(f);
        }
        return files;
    }

    private JsonObject awaitEnd(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> r = node.call("GET", "/archive/resync/" + id, "admin-a", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonObject j = new JsonObject(r.body());
            if (!j.getString("state").equals("running")) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("re-sync " + id + " did not end");
    }

    private void resyncAndReadBack(String remote, String study, int count, boolean mixed) throws Exception {
        List<Path> files = upload(study, count, mixed);
        assertThat(node.getBytes("/dicomweb/studies/" + study + "/metadata", "doctor-a").statusCode()).isEqualTo(404);

        HttpResponse<String> started = node.call("POST", "/archive/resync", "admin-a",
                new JsonObject().put("remoteAe", remote).put("studyInstanceUid", study).encode());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonObject job = new JsonObject(started.body());
        JsonObject end = awaitEnd(job.getString("id"));
        assertThat(end.getString("state")).as(end.encode()).isEqualTo("completed");
        assertThat(end.getInteger("completed")).as(end.encode()).isEqualTo(count);
        assertThat(end.getInteger("failed")).isZero();
        assertThat(end.getString("status")).isEqualTo("0000");
        assertThat(end.getString("retrieve")).isEqualTo(remote.equals("ORTHANC_GET") ? "get" : "move");

        HttpResponse<byte[]> wado = node.getBytes("/dicomweb/studies/" + study, "doctor-a");
        assertThat(wado.statusCode()).isEqualTo(200);
        List<byte[]> parts = parts(wado);
        assertThat(parts).hasSize(count);
        for (Path f : files) {
            byte[] want = TestObjects.dataSet(f);
            boolean found = false;
            for (byte[] p : parts) {
                found |= java.util.Arrays.equals(TestObjects.dataSet(p), want);
            }
            assertThat(found).as("%s came back byte for byte", f.getFileName()).isTrue();
        }
        assertThat(node.audit).anyMatch(l -> l.startsWith("admin-a write study " + study + " true"));
    }

    @Test
    void reSyncByCMoveBringsTheStudyThroughTheStoragePath() throws Exception {
        resyncAndReadBack(OrthancPeer.AE_TITLE, "2.25.9100", 3, true);
        // again: the duplicate policy (keep-first) makes it a no-op that still completes
        HttpResponse<String> again = node.call("POST", "/archive/resync", "admin-a",
                "{\"remoteAe\": \"ORTHANC\", \"studyInstanceUid\": \"2.25.9100\"}");
        JsonObject end = awaitEnd(new JsonObject(again.body()).getString("id"));
        assertThat(end.getString("state")).isEqualTo("completed");
        assertThat(end.getInteger("completed")).isEqualTo(3);
    }

    @Test
    void reSyncByCGetWhenTheAeIsConfiguredSo() throws Exception {
        // Orthanc's C-GET sends in the transfer syntax it picks from our offer (explicit VR first), so
        // an implicit VR object would come back re-encoded: upload explicit VR ones to compare bytes.
        resyncAndReadBack("ORTHANC_GET", "2.25.9200", 2, false);
    }

    @Test
    void aStudyTheRemoteDoesNotHaveEndsWithNothingRetrieved() throws Exception {
        HttpResponse<String> started = node.call("POST", "/archive/resync", "admin-a",
                "{\"remoteAe\": \"ORTHANC\", \"studyInstanceUid\": \"2.25.9999\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonObject end = awaitEnd(new JsonObject(started.body()).getString("id"));
        assertThat(end.getInteger("completed")).as(end.encode()).isZero();
    }

    @Test
    void badRequestsAreRefusedWithTheFieldNamed() {
        String[][] cases = {
                {"{\"remoteAe\": \"NOSUCH\", \"studyInstanceUid\": \"1.2.3\"}", "remoteAe"},
                {"{\"remoteAe\": \"ORTHANC\", \"studyInstanceUid\": \"1.2.abc\"}", "studyInstanceUid"},
                {"{\"remoteAe\": \"ORTHANC\"}", "studyInstanceUid"},
                {"{\"remoteAe\": \"ORTHANC\", \"studyInstanceUid\": \"1.2.3\", \"force\": true}", "force"},
                {"{\"remoteAe\": 12, \"studyInstanceUid\": \"1.2.3\"}", "remoteAe"},
                {"[1]", "JSON object"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = node.call("POST", "/archive/resync", "admin-a", c[0]);
            assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(c[0]).contains(c[1]);
        }
        assertThat(node.call("POST", "/archive/resync", "viewer-a",
                "{\"remoteAe\": \"ORTHANC\", \"studyInstanceUid\": \"1.2.3\"}").statusCode()).isEqualTo(403);
        assertThat(node.call("GET", "/archive/resync/no-such-job", "admin-a", null).statusCode()).isEqualTo(404);
    }

    static List<byte[]> parts(HttpResponse<byte[]> r) {
        ContentType type = ContentType.parse(r.headers().firstValue("content-type").orElseThrow());
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream[] current = new ByteArrayOutputStream[1];
        MultipartParser p = new MultipartParser(type.boundary(), new MultipartParser.Parts() {
            public void started(Map<String, String> headers) {
                current[0] = new ByteArrayOutputStream();
            }

            public void data(io.vertx.core.buffer.Buffer chunk) {
                current[0].writeBytes(chunk.getBytes());
            }

            public void ended() {
                out.add(current[0].toByteArray());
            }
        });
        p.feed(io.vertx.core.buffer.Buffer.buffer(r.body()));
        p.end();
        return out;
    }
}
