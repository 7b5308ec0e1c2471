package org.telecare.dimse.interop;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.GetHandler;
import org.telecare.dimse.service.RetrieveResult;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** DCMTK {@code getscu} against our C-GET contract: sub-operation C-STOREs on the same association (role selection). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GetInteropTest {
    static final String UID = "1.2.826.0.1.3680043.10.70.1";
    @TempDir
    static Path tmp;
    static Vertx vertx;
    static DicomServer server;
    static Path instance;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        instance = TestFiles.secondaryCapture(tmp, UID, 40_000, "+te");
        Buffer dataSet = Buffer.buffer(TestFiles.dataSet(instance));
        GetHandler get = (request, responder) -> responder.progress(SubOperations.pending(1, 0, 0, 0))
                .compose(v -> responder.store(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, UID,
                        TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, Payload.of(dataSet)))
                .map(status -> status.isOk() ? RetrieveResult.of(1, 0, 0) : RetrieveResult.of(0, 1, 0));
        server = await(DicomServer.start(vertx, AssociationConfig.defaults().withPort("127.0.0.1", 0),
                new ServiceRegistry().get(get, SopClasses.STUDY_ROOT_QR_GET)));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void getscuReceivesTheInstanceByteForByte() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("got"));
        Dcmtk.Result r = Dcmtk.run(30, "getscu", "-v", "-S", "-xe", "-aec", "TELECARE", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.826.0.1.3680043.10.1",
                "127.0.0.1", String.valueOf(server.port()));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Sending C-STORE Response (Success)").contains("Received C-GET Response (Success)")
                .contains("Number of Completed Suboperations : 1");
        Path got;
        try (Stream<Path> files = Files.list(out)) {
            got = files.filter(p -> p.getFileName().toString().contains(UID)).findFirst()
                    .orElseThrow(() -> new AssertionError("getscu stored nothing: " + r.output()));
        }
        assertThat(TestFiles.dataSet(got)).isEqualTo(TestFiles.dataSet(instance));
    }
}
