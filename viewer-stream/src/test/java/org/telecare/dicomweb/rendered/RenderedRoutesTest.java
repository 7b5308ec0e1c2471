package org.telecare.dicomweb.rendered;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.catalog.StudyFacts;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.pixel.Codecs;
import org.telecare.pixel.Dcmj2pnm;
import org.telecare.pixel.PixelImages;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.embedded.EmbeddedStorage;
import org.telecare.web.ApiFailureHandler;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendered resources over real HTTP from a real blob store: objects compressed by DCMTK,
 * answers compared with dcmj2pnm, bad objects answered with errors while the node keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedRoutesTest {
    static final String STUDY = PixelImages.STUDY;
    static final String SERIES = PixelImages.SERIES;
    static final String SERIES_2 = "2.25.702";

    Vertx vertx;
    EmbeddedStorage storage;
    HttpServer server;
    RenderPool pool;
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    final List<StoredInstance> stored = new ArrayList<>();
    final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Path ct;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    void store(Path file, String series) throws Exception {
        BlobInfo blob = await(storage.blobs().putFile(file));
        Attributes ds = PixelImages.read(file);
        stored.add(new StoredInstance(STUDY, series, ds.getString(Tag.SOP_INSTANCE_UID).orElseThrow(),
                ds.getString(Tag.SOP_CLASS_UID).orElseThrow(), PixelImages.transferSyntax(file).uid(), blob.id(),
                blob.size(), Part10.readFileMetaInfo(file).datasetOffset()));
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("rendered");
        storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "test", false);
        // Series 1: CT (native), 3-frame RLE, report without pixels (middle), JPEG baseline RGB, JPEG-LS, truncated JPEG.
        ct = PixelImages.write(dir.resolve("ct.dcm"), PixelImages.ct12("2.25.7001", 40, 64));
        store(ct, SERIES);
        Path multi = PixelImages.write(dir.resolve("multi.dcm"), PixelImages.ct16Signed("2.25.7002", 20, 30, 3));
        store(Codecs.dcmtk(multi, dir.resolve("multi-rle.dcm"), "dcmcrle"), SERIES);
        Attributes report = PixelImages.mono2("2.25.7003", 4, 4);
        report.remove(Tag.PIXEL_DATA);
        store(PixelImages.write(dir.resolve("report.dcm"), report), SERIES);
        Path rgb = PixelImages.write(dir.resolve("rgb.dcm"), PixelImages.rgb8("2.25.7004", 32, 48));
        store(Codecs.dcmtk(rgb, dir.resolve("rgb-jpeg.dcm"), "dcmcjpeg", "+eb", "+un"), SERIES);
        // High-Throughput JPEG 2000 has no decoder here.
        Attributes htj2k = PixelImages.mono2("2.25.7005", 8, 8);
        htj2k.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}));
        Path htj2kFile = dir.resolve("htj2k.dcm");
        DicomWriter.writeFile(htj2kFile, FileMetaInfo.forDataset(htj2k, TransferSyntax.of("1.2.840.10008.1.2.4.201")), htj2k);
        store(htj2kFile, SERIES);
        Path grey = PixelImages.write(dir.resolve("grey.dcm"), PixelImages.mono2("2.25.7006", 64, 64));
        Attributes broken = PixelImages.read(Codecs.dcmtk(grey, dir.resolve("grey-jpeg.dcm"), "dcmcjpeg", "+eb", "+un"));
        byte[] whole = ((org.telecare.dicom.data.ByteValue) ((Fragments) broken.get(Tag.PIXEL_DATA).value()).fragments()
                .getFirst()).bytes();
        broken.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(java.util.Arrays.copyOf(whole, (whole.length / 2) & ~1)));
        Path brokenFile = dir.resolve("broken.dcm");
        DicomWriter.writeFile(brokenFile, FileMetaInfo.forDataset(broken, TransferSyntax.JPEG_BASELINE), broken);
        store(brokenFile, SERIES);
        // Series 2: a report first, then an image: the thumbnail skips the report.
        Attributes report2 = report.copy();
        report2.putString(Tag.SOP_INSTANCE_UID, VR.UI, "2.25.7010");
        store(PixelImages.write(dir.resolve("report2.dcm"), report2), SERIES_2);
        store(PixelImages.write(dir.resolve("mono1.dcm"), PixelImages.mono1("2.25.7011", 30, 60)), SERIES_2);

        InstanceCatalog catalog = new InstanceCatalog() {
            public Future<Optional<StudyFacts>> study(String uid) {
                return Future.succeededFuture(uid.equals(STUDY) ? Optional.of(new StudyFacts(STUDY, Optional.of("hosp-a"),
                        Optional.of("PID-1"), Set.of(), Optional.of("ACC-1"), Set.of("CT"), Optional.of("CT01"),
                        Optional.of(Instant.parse("2026-01-02T00:00:00Z")))) : Optional.empty());
            }

            public Future<List<StoredInstance>> instances(String study, Optional<String> series, Optional<String> sop) {
                return Future.succeededFuture(stored.stream().filter(s -> s.studyUid().equals(study))
                        .filter(s -> series.map(s.seriesUid()::equals).orElse(true))
                        .filter(s -> sop.map(s.sopInstanceUid()::equals).orElse(true)).toList());
            }

            public Future<List<JsonObject>> metadata(String study, Optional<String> series, Optional<String> sop) {
                return Future.succeededFuture(List.of());
            }
        };
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        StudyAccess access = new StudyAccess(catalog, (r, a, res) -> policies.decide(r, a, res, Instant.now()),
                (who, ip, action, type, id, d) -> log.add(who.login() + " " + type + " " + id + " " + (d.allowed() ? "allowed" : "denied")));
        pool = new RenderPool(vertx, 1, 8);
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        new RenderedRoutes(catalog, storage.blobs(), access, pool, dir.resolve("scratch")).mount(api, new WadoRoutesTest.TestGuard());
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    }

    @AfterAll
    void stop() throws Exception {
        await(server.close());
        pool.close();
        await(storage.close());
        await(vertx.close());
    }

    HttpResponse<byte[]> get(String path, String user, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/api/v1/dicomweb/studies/" + STUDY + path));
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String instance(String series, String sop) {
        return "/series/" + series + "/instances/" + sop;
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void renderedPngWithWindowMatchesDcmtk() throws Exception {
        HttpResponse<byte[]> r = get(instance(SERIES, "2.25.7001") + "/rendered?window=1000,2000,linear", "doc-a", "image/png");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("image/png");
        BufferedImage img = image(r);
        int[] ours = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        Dcmj2pnm.Pnm ref = Dcmj2pnm.render(ct, dir.resolve("ct-ref.pnm"), "+Ww", "1000", "2000");
        assertThat(img.getWidth()).isEqualTo(ref.width());
        for (int i = 0; i < ours.length; i++) {
            assertThat(Math.abs(ours[i] - ref.samples()[i])).as("sample " + i).isLessThanOrEqualTo(1);
        }
        assertThat(log).contains("doc-a instance 2.25.7001 allowed");
    }

    @Test
    void framesAreRenderedOneByOne() throws Exception {
        String base = instance(SERIES, "2.25.7002") + "/frames/";
        BufferedImage f1 = image(get(base + "1/rendered", "doc-a", "image/png"));
        HttpResponse<byte[]> r2 = get(base + "2/rendered", "doc-a", "image/png");
        assertThat(r2.statusCode()).as(body(r2)).isEqualTo(200);
        BufferedImage f2 = image(r2);
        assertThat(f2.getWidth()).isEqualTo(30);
        assertThat(f2.getRaster().getPixels(0, 0, 30, 20, (int[]) null))
                .isNotEqualTo(f1.getRaster().getPixels(0, 0, 30, 20, (int[]) null));
        HttpResponse<byte[]> missing = get(base + "9/rendered", "doc-a", "image/png");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing)).contains("frame 9 of 3");
        assertThat(get(base + "1,2/rendered", "doc-a", null).statusCode()).isEqualTo(400);
    }

    @Test
    void jpegIsTheDefaultAndViewportAndQualityApply() throws Exception {
        HttpResponse<byte[]> r = get(instance(SERIES, "2.25.7004") + "/rendered?viewport=24,&quality=50", "doc-a", null);
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("image/jpeg");
        BufferedImage img = image(r);
        assertThat(img.getWidth()).isEqualTo(24);
        assertThat(img.getHeight()).isEqualTo(16);
        // The baseline JPEG's YCbCr came back as colour: the left column is dark red-free, the top right red.
        int[] topRight = img.getRaster().getPixel(23, 0, (int[]) null);
        assertThat(topRight[0]).isGreaterThan(200);
    }

    @Test
    void thumbnailsAtEveryLevel() throws Exception {
        HttpResponse<byte[]> inst = get(instance(SERIES, "2.25.7001") + "/thumbnail", "doc-a", "image/png");
        assertThat(inst.statusCode()).as(body(inst)).isEqualTo(200);
        assertThat(image(inst).getWidth()).isEqualTo(128);
        assertThat(image(inst).getHeight()).isEqualTo(80);
        HttpResponse<byte[]> frame = get(instance(SERIES, "2.25.7002") + "/frames/3/thumbnail?viewport=15,15", "doc-a", null);
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(image(frame).getWidth()).isEqualTo(15);
        HttpResponse<byte[]> series = get("/series/" + SERIES_2 + "/thumbnail", "doc-a", "image/png");
        assertThat(series.statusCode()).as(body(series)).isEqualTo(200);
        assertThat(image(series).getWidth()).as("the MONOCHROME1 image, not the report").isEqualTo(128);
        assertThat(image(series).getHeight()).isEqualTo(64);
        HttpResponse<byte[]> study = get("/thumbnail", "doc-a", "image/png");
        assertThat(study.statusCode()).as(body(study)).isEqualTo(200);
        assertThat(log).contains("doc-a series " + SERIES_2 + " allowed", "doc-a study " + STUDY + " allowed");
    }

    @Test
    void requestsThatCannotBeAnsweredAreClientErrors() throws Exception {
        String ct = instance(SERIES, "2.25.7001") + "/rendered";
        assertThat(get(ct, "doc-a", "application/dicom").statusCode()).isEqualTo(406);
        assertThat(get(ct, "doc-a", "image/png;q=0, image/gif").statusCode()).isEqualTo(406);
        assertThat(get(ct, "doc-a", "image/gif, image/png").headers().firstValue("content-type")).contains("image/png");
        for (String bad : List.of("window=abc,1", "window=40", "window=40,0", "window=40,400,cubic", "viewport=10,10,0,0,5,5",
                "viewport=0,0", "viewport=99999,1", "quality=0", "quality=x")) {
            HttpResponse<byte[]> r = get(ct + "?" + bad, "doc-a", null);
            assertThat(r.statusCode()).as(bad + ": " + body(r)).isEqualTo(400);
            assertThat(body(r)).contains("3020");
        }
        HttpResponse<byte[]> report = get(instance(SERIES, "2.25.7003") + "/rendered", "doc-a", null);
        assertThat(report.statusCode()).isEqualTo(400);
        assertThat(body(report)).contains("no Pixel Data");
        assertThat(get(instance(SERIES, "2.25.7999") + "/rendered", "doc-a", null).statusCode()).isEqualTo(404);
        assertThat(get(instance(SERIES, "not-a-uid") + "/rendered", "doc-a", null).statusCode()).isEqualTo(400);
    }

    @Test
    void accessIsCheckedLikeWado() throws Exception {
        String ct = instance(SERIES, "2.25.7001") + "/rendered";
        assertThat(get(ct, null, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> other = get(ct, "doc-b", null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(get("/thumbnail", "doc-b", null).statusCode()).isEqualTo(403);
        assertThat(log).contains("doc-b instance 2.25.7001 denied");
    }

    @Test
    void damagedAndUndecodableObjectsAreServerErrorsAndTheNodeKeepsServing() throws Exception {
        HttpResponse<byte[]> undecodable = get(instance(SERIES, "2.25.7005") + "/rendered", "doc-a", null);
        assertThat(undecodable.statusCode()).as(body(undecodable)).isEqualTo(501);
        assertThat(body(undecodable)).contains("3023", "1.2.840.10008.1.2.4.201");
        HttpResponse<byte[]> broken = get(instance(SERIES, "2.25.7006") + "/rendered", "doc-a", null);
        assertThat(broken.statusCode()).as(body(broken)).isEqualTo(500);
        assertThat(body(broken)).contains("3024", "2.25.7006");
        assertThat(get(instance(SERIES, "2.25.7001") + "/rendered", "doc-a", null).statusCode()).isEqualTo(200);
        try (var scratch = Files.list(dir.resolve("scratch"))) {
            assertThat(scratch.toList()).as("scratch files are removed").isEmpty();
        }
        assertThat(pool.pending()).isZero();
    }

    @Test
    void aFullPoolRefusesRatherThanQueues() throws Exception {
        RenderPool small = new RenderPool(vertx, 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = small.submit(() -> release.await(60, TimeUnit.SECONDS));
        Future<Boolean> second = small.submit(() -> true);
        assertThat(second.failed()).isTrue();
        assertThat(second.cause()).isInstanceOfSatisfying(org.telecare.web.ApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        release.countDown();
        assertThat(await(first)).isTrue();
        assertThat(await(small.submit(() -> true))).isTrue();
        small.close();
    }
}
