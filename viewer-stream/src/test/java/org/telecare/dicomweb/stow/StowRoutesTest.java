package org.telecare.dicomweb.stow;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.index.DuplicatePolicy;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.ingest.IndexingSink;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicomweb.DicomWebNode;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.web.ApiFailureHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dicomweb.DicomWebNode.await;
import static org.telecare.dicomweb.DicomWebNode.image;
import static org.telecare.dicomweb.DicomWebNode.multipart;

/**
 * STOW-RS into the archive module as the node runs it: what is stored comes back over WADO-RS
 * byte for byte; bad parts fail with their PS3.18 reasons and the rest is stored; a body that is
 * malformed, truncated or too large stores nothing; storing needs archive.store (ARC-4, SEC-4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowRoutesTest {
    static final String TYPE = "multipart/related; type=\"application/dicom\"; boundary=";
    DicomWebNode node;

    @BeforeAll
    void start() throws Exception {
        node = new DicomWebNode();
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    static JsonObject json(HttpResponse<byte[]> r) {
        return new JsonObject(Buffer.buffer(r.body()));
    }

    static JsonArray items(JsonObject response, String tag) {
        JsonObject seq = response.getJsonObject(tag);
        return seq == null ? new JsonArray() : seq.getJsonArray("Value");
    }

    static String text(JsonObject item, String tag) {
        return item.getJsonObject(tag).getJsonArray("Value").getString(0);
    }

    @Test
    void storedInstancesComeBackOverWadoByteForByteAndTheAnswerReferencesThem() throws Exception {
        byte[] a = node.part10(image("P-1", "Li^Lei=李^雷", "2.25.800", "2.25.801", "2.25.802"));
        byte[] b = node.part10(image("P-1", "Li^Lei=李^雷", "2.25.800", "2.25.801", "2.25.803"));
        // A quoted boundary with a space and a colon, a preamble, CRLF framing.
        HttpResponse<byte[]> r = node.post("/dicomweb/studies", "store-a", TYPE + "\"my boundary:42\"",
                multipart("my boundary:42", List.of("application/dicom", "application/dicom; transfer-syntax=1.2.840.10008.1.2.1"),
                        List.of(a, b)));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/dicom+json");
        JsonObject answer = json(r);
        assertThat(text(answer, "00081190")).endsWith("/api/v1/dicomweb/studies/2.25.800");
        JsonArray stored = items(answer, "00081199");
        assertThat(stored).hasSize(2);
        assertThat(text(stored.getJsonObject(0), "00081150")).isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        assertThat(text(stored.getJsonObject(0), "00081155")).isEqualTo("2.25.802");
        assertThat(text(stored.getJsonObject(1), "00081190"))
                .endsWith("/api/v1/dicomweb/studies/2.25.800/series/2.25.801/instances/2.25.803");
        assertThat(answer.containsKey("00081198")).isFalse();

        HttpResponse<byte[]> back = node.get("/dicomweb/studies/2.25.800/series/2.25.801/instances/2.25.803", "doctor-a");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(DicomWebNode.parts(back, new ArrayList<>())).singleElement().isEqualTo(b);
        assertThat(node.audit).anyMatch(s -> s.startsWith("store-a write study 2.25.800 true"));
        assertThat(node.spoolFiles()).isEmpty();
    }

    @Test
    void badPartsFailWithTheirReasonsAndTheOthersAreStored() throws Exception {
        byte[] good = node.part10(image("P-2", "Wang^Wu", "2.25.810", "2.25.811", "2.25.812"));
        byte[] garbage = "this is no DICOM file at all".getBytes(StandardCharsets.US_ASCII);
        Attributes foreign = image("P-2", "Wang^Wu", "2.25.810", "2.25.811", "2.25.813");
        foreign.putString(Tag.SOP_CLASS_UID, VR.UI, "1.2.3.999");
        byte[] unsupported = node.part10(foreign);
        // A Part 10 file whose data set stops mid-value.
        byte[] truncatedOther = node.part10(image("P-2", "Wang^Wu", "2.25.810", "2.25.811", "2.25.814"));
        truncatedOther = Arrays.copyOf(truncatedOther, truncatedOther.length - 40);
        HttpResponse<byte[]> r = node.post("/dicomweb/studies", "store-a", TYPE + "b1",
                multipart("b1", List.of("application/dicom", "text/plain", "application/dicom", "application/dicom",
                        "application/dicom"), List.of(good, garbage, garbage, unsupported, truncatedOther)));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonObject answer = json(r);
        assertThat(items(answer, "00081199")).hasSize(1);
        JsonArray failed = items(answer, "00081198");
        assertThat(failed).hasSize(4);
        List<Integer> reasons = new ArrayList<>();
        failed.forEach(f -> reasons.add(((JsonObject) f).getJsonObject("00081197").getJsonArray("Value").getInteger(0)));
        assertThat(reasons).containsExactly(0xC000, 0xC000, 0x0122, 0xC000);
        assertThat(text(failed.getJsonObject(2), "00081155")).isEqualTo("2.25.813");
        assertThat(r.headers().allValues("warning")).anyMatch(w -> w.contains("text/plain"));
        assertThat(node.get("/dicomweb/studies/2.25.810/series/2.25.811/instances/2.25.814", "doctor-a").statusCode())
                .isEqualTo(404);
        assertThat(node.spoolFiles()).isEmpty();
    }

    @Test
    void instancesOfAnotherStudyThanTheTargetAreRefusedAndNoneStoredIs409() throws Exception {
        byte[] other = node.part10(image("P-3", "Zhao^Liu", "2.25.820", "2.25.821", "2.25.822"));
        HttpResponse<byte[]> r = node.post("/dicomweb/studies/2.25.829", "store-a", TYPE + "b2",
                multipart("b2", List.of("application/dicom"), List.of(other)));
        assertThat(r.statusCode()).isEqualTo(409);
        JsonObject failed = items(json(r), "00081198").getJsonObject(0);
        assertThat(failed.getJsonObject("00081197").getJsonArray("Value").getInteger(0)).isEqualTo(0xA900);
        assertThat(text(json(r), "00081190")).endsWith("/studies/2.25.829");
        assertThat(node.get("/dicomweb/studies/2.25.820", "doctor-a").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> right = node.post("/dicomweb/studies/2.25.820", "store-a", TYPE + "b2",
                multipart("b2", List.of("application/dicom"), List.of(other)));
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedOrTruncatedBodyStoresNothing() throws Exception {
        byte[] a = node.part10(image("P-4", "Sun^Qi", "2.25.830", "2.25.831", "2.25.832"));
        byte[] b = node.part10(image("P-4", "Sun^Qi", "2.25.830", "2.25.831", "2.25.833"));
        byte[] whole = multipart("b3", List.of("application/dicom", "application/dicom"), List.of(a, b));
        // Cut inside the second part: the first part arrived whole, but the client cannot know what was seen.
        byte[] cut = Arrays.copyOf(whole, whole.length - b.length / 2);
        HttpResponse<byte[]> r = node.post("/dicomweb/studies", "store-a", TYPE + "b3", cut);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("nothing stored").contains("no close delimiter");
        HttpResponse<byte[]> noBoundary = node.post("/dicomweb/studies", "store-a", TYPE + "b4", whole);
        assertThat(noBoundary.statusCode()).isEqualTo(400);
        assertThat(node.post("/dicomweb/studies", "store-a", "multipart/related; type=\"application/dicom\"", whole)
                .statusCode()).as("no boundary parameter").isEqualTo(400);
        assertThat(node.get("/dicomweb/studies/2.25.830", "doctor-a").statusCode()).isEqualTo(404);
        assertThat(node.get("/dicomweb/instances?SOPInstanceUID=2.25.832", "doctor-a").statusCode()).isEqualTo(204);
        assertThat(node.spoolFiles()).isEmpty();
        assertThat(node.post("/dicomweb/studies", "store-a", TYPE + "b3", whole).statusCode()).as("still running")
                .isEqualTo(200);
    }

    @Test
    void otherMediaTypesAre415AndStoringNeedsThePermission() throws Exception {
        byte[] a = node.part10(image("P-5", "Zhou^Ba", "2.25.840", "2.25.841", "2.25.842"));
        byte[] body = multipart("b5", List.of("application/dicom"), List.of(a));
        assertThat(node.post("/dicomweb/studies", "store-a", "application/dicom", a).statusCode()).isEqualTo(415);
        assertThat(node.post("/dicomweb/studies", "store-a", "multipart/related; type=\"application/dicom+json\"; boundary=b5",
                body).statusCode()).isEqualTo(415);
        assertThat(node.post("/dicomweb/studies", "store-a", null, body).statusCode()).isEqualTo(415);
        assertThat(node.post("/dicomweb/studies", "doctor-a", TYPE + "b5", body).statusCode())
                .as("a doctor without archive.store").isEqualTo(403);
        assertThat(node.post("/dicomweb/studies", null, TYPE + "b5", body).statusCode()).isEqualTo(401);
        assertThat(node.post("/dicomweb/studies/not-a-uid", "store-a", TYPE + "b5", body).statusCode()).isEqualTo(400);
        assertThat(node.get("/dicomweb/studies/2.25.840", "doctor-a").statusCode()).isEqualTo(404);
    }

    @Test
    void aStudyTheCallerMayNotWriteIsRefusedPerInstance() throws Exception {
        // Hospital B's study (from REMOTE_B): hospital A's uploader may not add to it.
        Path b = node.write(image("P-6", "Wu^Jiu", "2.25.850", "2.25.851", "2.25.852"),
                org.telecare.dicom.io.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        node.storescu("REMOTE_B", b);
        byte[] more = node.part10(image("P-6", "Wu^Jiu", "2.25.850", "2.25.851", "2.25.853"));
        HttpResponse<byte[]> r = node.post("/dicomweb/studies", "store-a", TYPE + "b6",
                multipart("b6", List.of("application/dicom"), List.of(more)));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(items(json(r), "00081198").getJsonObject(0).getJsonObject("00081197").getJsonArray("Value")
                .getInteger(0)).isEqualTo(0x0124);
        assertThat(node.audit).anyMatch(s -> s.startsWith("store-a write study 2.25.850 false"));
    }

    @Test
    void aResentInstanceWithOtherContentKeepsTheFirstAsCStoreDoes() throws Exception {
        Attributes first = image("P-7", "Zheng^Shi", "2.25.860", "2.25.861", "2.25.862");
        byte[] original = node.part10(first);
        node.stow("store-a", original);
        first.putString(0x00081030, VR.LO, "changed");
        node.stow("store-a", node.part10(first));
        HttpResponse<byte[]> back = node.get("/dicomweb/studies/2.25.860/series/2.25.861/instances/2.25.862", "doctor-a");
        assertThat(DicomWebNode.parts(back, new ArrayList<>())).singleElement().isEqualTo(original);
    }

    @Test
    void curlStoresAHandMadeBody() throws Exception {
        byte[] a = node.part10(image("P-8", "Feng^Shiyi", "2.25.870", "2.25.871", "2.25.872"));
        Path body = Files.write(node.dir.resolve("curl-body"), multipart("curl-b", List.of("application/dicom"), List.of(a)));
        Process p = new ProcessBuilder("curl", "-s", "-o", node.dir.resolve("curl-out").toString(), "-w", "%{http_code}",
                "-H", "X-Test-User: store-a", "-H", "Content-Type: " + TYPE + "curl-b", "-H", "Accept: application/dicom+json",
                "--data-binary", "@" + body, node.url("/dicomweb/studies")).redirectErrorStream(true).start();
        String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        assertThat(status).isEqualTo("200");
        assertThat(new JsonObject(Files.readString(node.dir.resolve("curl-out"))).getJsonObject("00081199")).isNotNull();
    }

    @Test
    void aBodyOverTheBoundIs413AndStoresNothing() throws Exception {
        // The same routes with a small bound, on their own router next to the module's.
        StudyAccess access = new StudyAccess(node.services.require(InstanceCatalog.class),
                node.services.require(DataAccess.class), node.services.require(DataAccessLog.class));
        IndexingSink sink = new IndexingSink(node.vertx, node.storage.blobs(), node.services.require(StudyIndex.class),
                DuplicatePolicy.KEEP_FIRST);
        Router root = Router.router(node.vertx);
        Router api = Router.router(node.vertx);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        new StowRoutes(node.vertx, node.dir.resolve("data/spool"), sink, access, Set.of("1.2.840.10008.5.1.4.1.1.7"),
                2048, Clock.systemUTC()).mount(api, new WadoRoutesTest.TestGuard());
        HttpServer small = await(node.vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
        byte[] big = node.part10(image("P-9", "Chu^Shisan", "2.25.880", "2.25.881", "2.25.882"));
        big = Arrays.copyOf(big, big.length); // about 1.5 kB each
        byte[] body = multipart("b9", List.of("application/dicom", "application/dicom", "application/dicom"),
                List.of(big, big, big));
        assertThat(body.length).isGreaterThan(2048);
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + small.actualPort() + "/api/v1/dicomweb/studies")).header("X-Test-User", "store-a")
                .header("Content-Type", TYPE + "b9").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(node.get("/dicomweb/studies/2.25.880", "doctor-a").statusCode()).isEqualTo(404);
        assertThat(node.spoolFiles()).isEmpty();
        await(small.close());
    }
}
