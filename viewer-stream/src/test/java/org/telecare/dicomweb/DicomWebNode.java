package org.telecare.dicomweb;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.archive.ArchiveModule;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive module as the node runs it, for DICOMweb tests: embedded storage, the storage SCP
 * on an ephemeral port, the HTTP API on another, the test guard (header {@code X-Test-User}) and
 * the own-hospital baseline with VIP protected. Objects from AE {@code REMOTE_B} belong to
 * hospital B; everything else (STOW-RS included) to hospital A.
 */
public final class DicomWebNode implements AutoCloseable {
    public final Vertx vertx = Vertx.vertx();
    public final Path dir;
    public final EmbeddedStorage storage;
    public final ArchiveModule module = new ArchiveModule();
    public final NodeServices services = new NodeServices();
    public final HttpServer http;
    /** {@code login action type id allowed reason} per audit record. */
    public final List<String> audit = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    public DicomWebNode() throws Exception {
        dir = Files.createTempDirectory("dicomweb");
        storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "n1", false);
        await(storage.migrate(module.migrations()));
        services.provide(AccessGuard.class, new WadoRoutesTest.TestGuard());
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> audit.add(who.login() + " "
                + action.code() + " " + type + " " + id + " " + d.allowed() + " " + d.reason()));
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
    }

    public static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + http.actualPort() + (path.startsWith("/api/") ? "" : "/api/v1") + path;
    }

    public HttpResponse<byte[]> get(String path, String user, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String path, String user, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (user != null) {
            b.header("X-Test-User", user);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> put(String path, String user, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).header("X-Test-User", user)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart/related body: a preamble, each part with its type, the close delimiter. */
    public static byte[] multipart(String boundary, List<String> types, List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("This is a preamble, which a reader ignores.\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < parts.size(); i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Type: " + types.get(i) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(parts.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** STOW-RS of Part 10 files as {@code application/dicom} parts, with a quoted boundary; asserts 200. */
    public void stow(String user, byte[]... files) throws Exception {
        String boundary = "stow boundary:1";
        HttpResponse<byte[]> r = post("/dicomweb/studies", user,
                "multipart/related; type=\"application/dicom\"; boundary=\"" + boundary + "\"",
                multipart(boundary, java.util.Collections.nCopies(files.length, "application/dicom"), List.of(files)));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    /** A small secondary capture image of the given patient, study, series and instance. */
    public static Attributes image(String patientId, String name, String study, String series, String sop) {
        Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
        ds.remove(0x7FE00001);
        ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        ds.putString(Tag.PATIENT_ID, VR.LO, patientId);
        ds.putString(Tag.PATIENT_NAME, VR.PN, name);
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, study);
        ds.putString(0x0020000E, VR.UI, series);
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, sop);
        return ds;
    }

    public Path write(Attributes ds, TransferSyntax ts) throws Exception {
        Path f = Files.createTempFile(dir, "obj", ".dcm");
        DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, ts), ds);
        return f;
    }

    public byte[] part10(Attributes ds) throws Exception {
        return Files.readAllBytes(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /** C-STORE with DCMTK's storescu from the given calling AE. */
    public void storescu(String callingAe, Path... files) throws Exception {
        List<String> args = new ArrayList<>(List.of("-aet", callingAe, "-aec", "TELECARE", "127.0.0.1",
                Integer.toString(module.dicomServer().orElseThrow().port())));
        for (Path f : files) {
            args.add(f.toString());
        }
        Dcmtk.Result r = Dcmtk.run("storescu", args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    /** The parts of a multipart answer, with each part's Content-Type added to {@code types}. */
    public static List<byte[]> parts(HttpResponse<byte[]> r, List<String> types) {
        ContentType type = ContentType.parse(r.headers().firstValue("content-type").orElseThrow());
        assertThat(type.type()).isEqualTo("multipart/related");
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream[] current = new ByteArrayOutputStream[1];
        MultipartParser p = new MultipartParser(type.boundary(), new MultipartParser.Parts() {
            public void started(Map<String, String> headers) {
                types.add(headers.get("content-type"));
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

    public List<Path> spoolFiles() throws Exception {
        try (var s = Files.list(dir.resolve("data/spool"))) {
            return s.toList();
        }
    }
}
