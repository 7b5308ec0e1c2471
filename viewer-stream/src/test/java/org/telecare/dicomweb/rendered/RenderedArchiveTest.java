package org.telecare.dicomweb.rendered;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
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
import org.telecare.archive.ArchiveModule;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.pixel.Codecs;
import org.telecare.pixel.Dcmj2pnm;
import org.telecare.pixel.PixelImages;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node as it runs: the archive module (which mounts the rendered routes) receives
 * compressed objects from DCMTK's storescu, and their rendered frames equal what dcmj2pnm makes
 * of the uncompressed originals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedArchiveTest {
    Vertx vertx;
    EmbeddedStorage storage;
    HttpServer http;
    ArchiveModule module;
    Path dir;
    final HttpClient client = HttpClient.newHttpClient();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("rendered-archive");
        storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "n1", false);
        module = new ArchiveModule();
        await(storage.migrate(module.migrations()));
        NodeServices services = new NodeServices();
        services.provide(AccessGuard.class, new WadoRoutesTest.TestGuard());
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> { });
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        JsonObject config = new JsonObject().put("hospitalId", "hosp-a")
                .put("dicom", new JsonObject().put("aeTitle", "TELECARE").put("host", "127.0.0.1").put("port", 0));
        await(module.start(new ModuleContext(vertx, "n1", api, storage, new SimpleMeterRegistry(), config,
                dir.resolve("data"), services)));
        http = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    }

    @AfterAll
    void stop() throws Exception {
        await(vertx.close());
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort()
                        + "/api/v1/dicomweb/studies/" + PixelImages.STUDY + path))
                .header("X-Test-User", "doctor-a").header("Accept", "image/png").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void compressedObjectsSentByStorescuRenderLikeDcmj2pnmRendersTheOriginals() throws Exception {
        Path ct = PixelImages.write(dir.resolve("ct.dcm"), PixelImages.ct12("2.25.7201", 48, 64));
        Path multi = PixelImages.write(dir.resolve("multi.dcm"), PixelImages.ct16Signed("2.25.7202", 24, 32, 3));
        Path rgb = PixelImages.write(dir.resolve("rgb.dcm"), PixelImages.rgb8("2.25.7203", 30, 40));
        Path jls = Codecs.dcmtk(ct, dir.resolve("ct-jls.dcm"), "dcmcjpls");
        Path rle = Codecs.dcmtk(multi, dir.resolve("multi-rle.dcm"), "dcmcrle");
        Path lossless = Codecs.dcmtk(rgb, dir.resolve("rgb-jpll.dcm"), "dcmcjpeg", "+e1");
        // Each file in its own compressed transfer syntax, proposed as a modality sending it would.
        int port = module.dicomServer().orElseThrow().port();
        for (String[] sent : new String[][] {{jls.toString(), "-xt"}, {rle.toString(), "-xr"}, {lossless.toString(), "-xs"}}) {
            Dcmtk.Result r = Dcmtk.run("storescu", sent[1], "-aet", "CT01", "-aec", "TELECARE", "127.0.0.1",
                    Integer.toString(port), sent[0]);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr() + r.stdout()).doesNotContain("convert");
        }

        String series = "/series/" + PixelImages.SERIES + "/instances/";
        assertSame(get(series + "2.25.7201/rendered"), Dcmj2pnm.render(ct, dir.resolve("ct.pnm"), "+Wi", "1"));
        assertSame(get(series + "2.25.7202/frames/3/rendered?window=0,3000"),
                Dcmj2pnm.render(multi, dir.resolve("multi.pnm"), "+F", "3", "+Ww", "0", "3000"));
        assertSame(get(series + "2.25.7203/rendered"), Dcmj2pnm.render(rgb, dir.resolve("rgb.pnm")));
        HttpResponse<byte[]> thumbnail = get("/thumbnail");
        assertThat(thumbnail.statusCode()).as(new String(thumbnail.body())).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(128);
    }

    static void assertSame(HttpResponse<byte[]> r, Dcmj2pnm.Pnm ref) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(ref.width());
        assertThat(img.getHeight()).isEqualTo(ref.height());
        int[] ours = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        assertThat(ours).hasSize(ref.samples().length);
        for (int i = 0; i < ours.length; i++) {
            assertThat(Math.abs(ours[i] - ref.samples()[i])).as("sample " + i).isLessThanOrEqualTo(1);
        }
    }
}
