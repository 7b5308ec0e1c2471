package org.telecare.archive;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartParser;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.storage.embedded.EmbeddedStorage;
import org.telecare.web.ApiFailureHandler;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive module as the node runs it: DCMTK's storescu sends into its DICOM port, and the
 * objects come back over WADO-RS byte for byte (data set as sent, behind our meta header), with
 * metadata from the index and the data policies deciding (ARC-1, ARC-4, SEC-4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveModuleTest {
    static final String STUDY = "2.25.7001";
    Vertx vertx;
    EmbeddedStorage storage;
    HttpServer http;
    ArchiveModule module;
    Path dir;
    final List<Path> sent = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newHttpClient();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("archive-module");
        storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "n1", false);
        module = new ArchiveModule();
        await(storage.migrate(module.migrations()));
        NodeServices services = new NodeServices();
        services.provide(AccessGuard.class, new WadoRoutesTest.TestGuard());
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> log.add(who.login() + " " + id + " "
                + d.allowed()));
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        JsonObject config = new JsonObject().put("hospitalId", "hosp-a")
                .put("sources", new JsonObject().put("REMOTE_B", "hosp-b"))
                .put("dicom", new JsonObject().put("aeTitle", "TELECARE").put("host", "127.0.0.1").put("port", 0));
        await(module.start(new ModuleContext(vertx, "n1", api, storage, new SimpleMeterRegistry(), config,
                dir.resolve("data"), services)));
        http = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
        for (int i = 0; i < 4; i++) {
            Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
            ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
            ds.putString(Tag.PATIENT_NAME, VR.PN, "Zhang^San=张^三");
            ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, STUDY);
            ds.putString(0x0020000E, VR.UI, "2.25.7002." + (i % 2));
            ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, "2.25.7003." + i);
            Path f = dir.resolve("in" + i + ".dcm");
            DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, i == 3 ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
            sent.add(f);
        }
    }

    @AfterAll
    void stop() throws Exception {
        await(vertx.close());
    }

    private HttpResponse<byte[]> get(String path, String user) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + "/api/v1" + path))
                .header("X-Test-User", user).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void whatStorescuSendsComesBackOverWadoRsAndItsMetadataFromTheIndex() throws Exception {
        int port = module.dicomServer().orElseThrow().port();
        List<String> args = new ArrayList<>(List.of("-aet", "CT01", "-aec", "TELECARE", "127.0.0.1", Integer.toString(port)));
        sent.forEach(p -> args.add(p.toString()));
        Dcmtk.Result r = Dcmtk.run("storescu", args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        // Sending the same objects again changes nothing and is still success.
        assertThat(Dcmtk.run("storescu", args.toArray(String[]::new)).exitCode()).isZero();

        HttpResponse<byte[]> study = get("/dicomweb/studies/" + STUDY, "doctor-a");
        assertThat(study.statusCode()).as(new String(study.body())).isEqualTo(200);
        List<byte[]> parts = parts(study);
        assertThat(parts).hasSize(4);
        for (Path f : sent) {
            byte[] src = Files.readAllBytes(f);
            byte[] theirs = Arrays.copyOfRange(src, (int) Part10.readFileMetaInfo(f).datasetOffset(), src.length);
            assertThat(parts).as(f.toString()).anySatisfy(p -> {
                long offset = Part10.readFileMetaInfo(new java.io.ByteArrayInputStream(p)).datasetOffset();
                assertThat(Arrays.copyOfRange(p, (int) offset, p.length)).isEqualTo(theirs);
            });
        }

        HttpResponse<byte[]> meta = get("/dicomweb/studies/" + STUDY + "/series/2.25.7002.0/metadata", "doctor-a");
        assertThat(meta.statusCode()).isEqualTo(200);
        JsonArray m = new JsonArray(Buffer.buffer(meta.body()));
        assertThat(m).hasSize(2);
        JsonObject first = m.getJsonObject(0);
        assertThat(first.getJsonObject("00100010").getJsonArray("Value").getJsonObject(0).getString("Ideographic"))
                .isEqualTo("张^三");
        assertThat(first.getJsonObject("7FE00010").getString("BulkDataURI")).contains("/bulk/7FE00010");

        assertThat(get("/dicomweb/studies/" + STUDY + "/metadata", "doctor-b").statusCode())
                .as("hospital B's doctor, hospital A's study").isEqualTo(403);
        assertThat(get("/dicomweb/studies/" + STUDY + "/series/2.25.9999/metadata", "doctor-a").statusCode())
                .isEqualTo(404);
        assertThat(log).contains("doctor-b " + STUDY + " false");
        try (var spool = Files.list(dir.resolve("data/spool"))) {
            assertThat(spool).isEmpty();
        }
    }

    @Test
    void aPatientMarkedVipIsProtectedUntilAPolicyNamesTheClass() throws Exception {
        Path f = dir.resolve("vip.dcm");
        Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
        ds.putString(Tag.PATIENT_ID, VR.LO, "VIP-001");
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, "2.25.7101");
        ds.putString(0x0020000E, VR.UI, "2.25.7102");
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, "2.25.7103");
        DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
        int port = module.dicomServer().orElseThrow().port();
        assertThat(Dcmtk.run("storescu", "-aet", "CT01", "-aec", "TELECARE", "127.0.0.1", Integer.toString(port),
                f.toString()).exitCode()).isZero();
        assertThat(get("/dicomweb/studies/2.25.7101/metadata", "doctor-a").statusCode()).isEqualTo(200);

        assertThat(put("/archive/patients/VIP-001/classes", "doctor-a", "{\"classes\": [\"VIP\"]}").statusCode())
                .as("classifying is a permission of its own").isEqualTo(403);
        assertThat(put("/archive/patients/VIP-001/classes", "admin-a", "{\"classes\": \"VIP\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<byte[]> marked = put("/archive/patients/VIP-001/classes", "admin-a", "{\"classes\": [\"VIP\"]}");
        assertThat(marked.statusCode()).as(new String(marked.body())).isEqualTo(200);
        HttpResponse<byte[]> now = get("/dicomweb/studies/2.25.7101/metadata", "doctor-a");
        assertThat(now.statusCode()).isEqualTo(403);
        assertThat(new String(now.body())).contains("VIP");
        assertThat(log).contains("admin-a VIP-001 true");

        assertThat(put("/archive/patients/VIP-001/classes", "admin-a", "{\"classes\": []}").statusCode()).isEqualTo(200);
        assertThat(get("/dicomweb/studies/2.25.7101/metadata", "doctor-a").statusCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> put(String path, String user, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + "/api/v1" + path))
                .header("X-Test-User", user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<byte[]> parts(HttpResponse<byte[]> r) {
        ContentType type = ContentType.parse(r.headers().firstValue("content-type").orElseThrow());
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream[] current = new ByteArrayOutputStream[1];
        MultipartParser p = new MultipartParser(type.boundary(), new MultipartParser.Parts() {
            public void started(Map<String, String> headers) {
                current[0] = new ByteArrayOutputStream();
            }

            public void data(Buffer chunk) {
                current[0].writeBytes(chunk.getBytes());
            }

            public void ended() {
                out.add(current[0].toByteArray());
            }
        });
        p.feed(Buffer.buffer(r.body()));
        p.end();
        return out;
    }
}
