package org.telecare.dimse.interop;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.StoreHandler;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** DCMTK {@code storescu} against our Storage SCP: the bytes stored are the file's data set. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreInteropTest {
    @TempDir
    static Path tmp;
    static Vertx vertx;
    static DicomServer server;
    static FileStoreHandler handler;
    static Path files;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        files = Files.createDirectories(tmp.resolve("files"));
        handler = new FileStoreHandler(vertx, Files.createDirectories(tmp.resolve("stored")));
        // A small max PDU so that every instance arrives in many P-DATA fragments.
        AssociationConfig config = AssociationConfig.defaults().withPort("127.0.0.1", 0).withMaxPduLength(4096);
        server = await(DicomServer.start(vertx, config, new ServiceRegistry().store(handler, SopClasses.STORAGE)));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void explicitLittleEndianFileArrivesByteForByte() {
        Path f = TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.2.1", 50_000, "+te");
        storescu(f);
        assertStored(f, "1.2.826.0.1.3680043.10.2.1", TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void implicitLittleEndianFileArrivesByteForByte() {
        Path f = TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.2.2", 50_000, "+ti");
        storescu(f);
        assertStored(f, "1.2.826.0.1.3680043.10.2.2", TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void severalFilesOnOneAssociation() {
        List<Path> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.3." + i, 5_000 + i * 7_000, i % 2 == 0 ? "+te" : "+ti"));
        }
        Dcmtk.Result r = Dcmtk.run(60, "storescu", concat(List.of("-v", "-aec", "TELECARE", "127.0.0.1",
                String.valueOf(server.port())), sent));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output().split("Requesting Association", -1)).hasSize(2);
        for (int i = 0; i < 4; i++) {
            assertStored(sent.get(i), "1.2.826.0.1.3680043.10.3." + i, null);
        }
    }

    @Test
    void severalAssociationsAtOnce() {
        List<CompletableFuture<Dcmtk.Result>> runs = new ArrayList<>();
        List<Path> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path f = TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.4." + i, 100_000, "+te");
            sent.add(f);
            runs.add(CompletableFuture.supplyAsync(() -> Dcmtk.run(60, "storescu", "-aec", "TELECARE", "127.0.0.1",
                    String.valueOf(server.port()), f.toString())));
        }
        for (int i = 0; i < 4; i++) {
            Dcmtk.Result r = runs.get(i).join();
            assertThat(r.ok()).as(r.output()).isTrue();
            assertStored(sent.get(i), "1.2.826.0.1.3680043.10.4." + i, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    @Test
    void handlerFailureIsTheStoreResponseAndTheAssociationGoesOn() throws IOException {
        StoreHandler refusing = request -> new StoreHandler.StoreSink() {
            public Future<Void> write(Buffer fragment) {
                return Future.succeededFuture();
            }

            public Future<Status> complete() {
                return Future.failedFuture(new DimseServiceException(Status.OUT_OF_RESOURCES, "disk full"));
            }

            public void abort(Throwable cause) {
            }
        };
        DicomServer full = await(DicomServer.start(vertx, AssociationConfig.defaults().withPort("127.0.0.1", 0),
                new ServiceRegistry().store(refusing, SopClasses.STORAGE)));
        Path a = TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.6.1", 2_000, "+te");
        Path b = TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.6.2", 2_000, "+te");
        Dcmtk.Result r = Dcmtk.run(30, "storescu", "-v", "--no-halt", "-aec", "TELECARE", "127.0.0.1", String.valueOf(full.port()),
                a.toString(), b.toString());
        assertThat(r.output().split("Received Store Response \\(Refused: OutOfResources", -1)).as(r.output()).hasSize(3);
        assertThat(r.output()).contains("Releasing Association");
    }

    @Test
    void unsupportedSopClassIsNotNegotiated() throws IOException {
        Path f = TestFiles.secondaryCapture(files, "1.2.826.0.1.3680043.10.5.1", 1_000, "+te");
        // Rewrite the SOP class to one not in the registry (Raw Data Storage) and send it with -R.
        Path dump = files.resolve("1.2.826.0.1.3680043.10.5.1.dump");
        Files.writeString(dump, Files.readString(dump).replace("1.2.840.10008.5.1.4.1.1.7]", "1.2.840.10008.5.1.4.1.1.66]"));
        Path raw = files.resolve("raw.dcm");
        assertThat(Dcmtk.run(30, "dump2dcm", "-q", "+te", dump.toString(), raw.toString()).ok()).isTrue();
        Dcmtk.Result r = Dcmtk.run(30, "storescu", "-R", "-aec", "TELECARE", "127.0.0.1", String.valueOf(server.port()),
                raw.toString());
        assertThat(r.ok()).isFalse();
        assertThat(r.output()).contains("No Acceptable Presentation Contexts");
        assertThat(handler.begun).doesNotContain("1.2.826.0.1.3680043.10.5.1");
    }

    private static void storescu(Path f) {
        Dcmtk.Result r = Dcmtk.run(60, "storescu", "-v", "-aec", "TELECARE", "127.0.0.1", String.valueOf(server.port()),
                f.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Received Store Response (Success)");
    }

    private static void assertStored(Path sent, String uid, String expectedTs) {
        assertThat(handler.stored).contains(uid);
        if (expectedTs != null) {
            assertThat(handler.transferSyntaxes.get(uid)).isEqualTo(expectedTs);
        }
        try {
            assertThat(Files.readAllBytes(handler.fileOf(uid))).isEqualTo(TestFiles.dataSet(sent));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String[] concat(List<String> args, List<Path> paths) {
        List<String> all = new ArrayList<>(args);
        paths.forEach(p -> all.add(p.toString()));
        return all.toArray(String[]::new);
    }
}
