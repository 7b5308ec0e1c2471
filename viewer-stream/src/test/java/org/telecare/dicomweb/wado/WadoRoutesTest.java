package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.catalog.StudyFacts;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartParser;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.embedded.EmbeddedStorage;
import org.telecare.web.ApiException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** WADO-RS over real HTTP from a real blob store, with the data policies deciding each answer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class WadoRoutesTest {
    static final String STUDY = "2.25.500";
    static final String SERIES = "2.25.501";
    static final String EVLE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    Vertx vertx;
    EmbeddedStorage storage;
    HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final List<byte[]> files = new ArrayList<>();
    final List<StoredInstance> stored = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        Path dir = Files.createTempDirectory("wado");
        storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "test", false);
        for (int i = 0; i < 3; i++) {
            Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
            String uid = "2.25.50" + (2 + i);
            ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, uid);
            if (i == 2) {
                byte[] big = new byte[3 * 1024 * 1024 + 11]; // several stream slices
                new java.util.Random(5).nextBytes(big);
                ds.putBytes(0x00091003, VR.UN, big);
            }
            Path f = dir.resolve(uid + ".dcm");
            DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
            BlobInfo blob = await(storage.blobs().putFile(f));
            files.add(Files.readAllBytes(f));
            stored.add(new StoredInstance(STUDY, SERIES, uid, Fixtures.SC_IMAGE, EVLE, blob.id(), blob.size(),
                    Part10.readFileMetaInfo(f).datasetOffset()));
        }
        InstanceCatalog catalog = new InstanceCatalog() {
            public Future<Optional<StudyFacts>> study(String uid) {
                return Future.succeededFuture(uid.equals(STUDY) ? Optional.of(new StudyFacts(STUDY, Optional.of("hosp-a"),
                        Optional.of("PID-1"), Set.of(), Optional.of("ACC-1"), Set.of("OT"), Optional.of("CT01"),
                        Optional.of(Instant.parse("2026-01-02T00:00:00Z")))) : Optional.empty());
            }

            public Future<List<StoredInstance>> instances(String study, Optional<String> series, Optional<String> sop) {
                return Future.succeededFuture(stored.stream().filter(s -> s.studyUid().equals(study))
                        .filter(s -> series.map(s.seriesUid()::equals).orElse(true))
                        .filter(s -> sop.map(s.sopInstanceUid()::equals).orElse(true)).toList());
            }

            public Future<List<JsonObject>> metadata(String study, Optional<String> series, Optional<String> sop) {
                return instances(study, series, sop).map(l -> l.stream().map(s -> new JsonObject()
                        .put("00080018", new JsonObject().put("vr", "UI").put("Value", new JsonArray().add(s.sopInstanceUid()))))
                        .toList());
            }
        };
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        StudyAccess access = new StudyAccess(catalog, (r, a, res) -> policies.decide(r, a, res, Instant.now()),
                (who, ip, action, type, id, d) -> log.add(who.login() + " " + action.code() + " " + type + " " + id
                        + " " + (d.allowed() ? "allowed" : "denied")));
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        new WadoRoutes(catalog, storage.blobs(), access).mount(api, new TestGuard());
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    }

    @AfterAll
    void stop() throws Exception {
        await(server.close());
        await(storage.close());
        await(vertx.close());
    }

    /**
     * A user per X-Test-User header: doctors of hospitals A and B (by the last letter), named
     * admin-… administrators who may classify patients and store, named store-… uploaders who may
     * store; no header, no user.
     */
    public static final class TestGuard implements AccessGuard {
        @Override
        public Handler<RoutingContext> authenticated() {
            return require();
        }

        @Override
        public Handler<RoutingContext> require(Permission... permissions) {
            return ctx -> {
                String who = ctx.request().getHeader("X-Test-User");
                if (who == null) {
                    ctx.fail(new ApiException(401, 2401, "sign in first"));
                    return;
                }
                Set<Permission> held = who.startsWith("admin")
                        ? Set.of(Permission.of("data.patients.classify"), Permission.of("archive.store"))
                        : who.startsWith("store") ? Set.of(Permission.of("archive.store")) : Set.of();
                if (!held.containsAll(Set.of(permissions))) {
                    ctx.fail(new ApiException(403, 2403, "lacks " + Set.of(permissions)));
                    return;
                }
                ctx.put(PRINCIPAL_KEY, new Principal("u-" + who, who, who, Optional.of(who.endsWith("a") ? "hosp-a" : "hosp-b"),
                        Optional.empty(), Set.of("doctor"), held, "s", false));
                ctx.next();
            };
        }
    }

    HttpResponse<byte[]> get(String path, String user, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1" + path));
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<byte[]> parts(HttpResponse<byte[]> r, List<String> partTypes) {
        ContentType type = ContentType.parse(r.headers().firstValue("content-type").orElseThrow());
        assertThat(type.type()).isEqualTo("multipart/related");
        assertThat(type.parameter("type")).contains("application/dicom");
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream[] current = new ByteArrayOutputStream[1];
        MultipartParser p = new MultipartParser(type.boundary(), new MultipartParser.Parts() {
            public void started(Map<String, String> headers) {
                partTypes.add(headers.get("content-type"));
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

    @Test
    void aStudyASeriesAndAnInstanceComeBackByteForByte() throws Exception {
        List<String> types = new ArrayList<>();
        HttpResponse<byte[]> study = get("/dicomweb/studies/" + STUDY, "doctor-a", null);
        assertThat(study.statusCode()).isEqualTo(200);
        List<byte[]> parts = parts(study, types);
        assertThat(parts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(parts.get(i)).isEqualTo(files.get(i));
        }
        assertThat(types).allMatch(t -> t.equals("application/dicom; transfer-syntax=" + EVLE));

        HttpResponse<byte[]> one = get("/dicomweb/studies/" + STUDY + "/series/" + SERIES + "/instances/2.25.504", "doctor-a",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EVLE);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(parts(one, new ArrayList<>())).singleElement().isEqualTo(files.get(2));
        assertThat(get("/dicomweb/studies/" + STUDY + "/series/" + SERIES, "doctor-a",
                "multipart/related; type=application/dicom; transfer-syntax=*").statusCode()).isEqualTo(200);
    }

    @Test
    void metadataComesFromTheCatalog() throws Exception {
        HttpResponse<byte[]> r = get("/dicomweb/studies/" + STUDY + "/series/" + SERIES + "/metadata", "doctor-a", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/dicom+json");
        JsonArray a = new JsonArray(Buffer.buffer(r.body()));
        assertThat(a).hasSize(3);
        assertThat(a.getJsonObject(0).getJsonObject("00080018").getJsonArray("Value").getString(0)).isEqualTo("2.25.502");
    }

    @Test
    void policiesDecideAndEveryDecisionIsLogged() throws Exception {
        assertThat(get("/dicomweb/studies/" + STUDY, null, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> other = get("/dicomweb/studies/" + STUDY + "/metadata", "doctor-b", null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(new String(other.body())).contains("another hospital");
        assertThat(log).contains("doctor-b read study " + STUDY + " denied");
        assertThat(get("/dicomweb/studies/" + STUDY + "/metadata", "doctor-a", null).statusCode()).isEqualTo(200);
        assertThat(log).contains("doctor-a read study " + STUDY + " allowed");
    }

    @Test
    void badRequestsGetTheRightStatus() throws Exception {
        assertThat(get("/dicomweb/studies/2.25.999", "doctor-a", null).statusCode()).isEqualTo(404);
        assertThat(get("/dicomweb/studies/" + STUDY + "/series/2.25.998", "doctor-a", null).statusCode()).isEqualTo(404);
        assertThat(get("/dicomweb/studies/not-a-uid", "doctor-a", null).statusCode()).isEqualTo(400);
        assertThat(get("/dicomweb/studies/1.2.3.%27%20OR%201=1", "doctor-a", null).statusCode()).isEqualTo(400);
        assertThat(get("/dicomweb/studies/" + STUDY, "doctor-a",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.50").statusCode())
                .as("no transcoding yet").isEqualTo(406);
        assertThat(get("/dicomweb/studies/" + STUDY, "doctor-a", "application/json").statusCode()).isEqualTo(406);
    }
}
