package org.telecare.dimse.interop;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.AssociationException;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.SopClasses;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.dimse.interop.TestSupport.await;

/** Our SCU (C-ECHO, C-STORE) against DCMTK's {@code storescp}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScuInteropTest {
    @TempDir
    static Path tmp;
    static Vertx vertx;
    static Process storescp;
    static int port;
    static Path received;
    static DicomClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        received = Files.createDirectories(tmp.resolve("received"));
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        storescp = Dcmtk.start(tmp.resolve("storescp.log"), "storescp", "--max-pdu", "4096", "-aet", "STORESCP", "-od", received.toString(),
                String.valueOf(port));
        client = new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("TELECARE_SCU").withTimers(5_000, 0));
        waitUntilListening();
    }

    @AfterAll
    static void stop() {
        if (storescp != null) {
            storescp.destroy();
        }
        await(vertx.close());
    }

    private static void waitUntilListening() throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                ScuAssociation a = await(client.connect("127.0.0.1", port, "STORESCP", List.of(Offer.verification())), 10);
                await(a.release());
                return;
            } catch (AssociationException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("storescp did not start listening: " + Files.readString(tmp.resolve("storescp.log")));
    }

    @Test
    void echo() {
        ScuAssociation a = await(client.connect("127.0.0.1", port, "STORESCP", List.of(Offer.verification())));
        assertThat(a.info().peerImplementationClassUid()).isNotBlank();
        assertThat(await(a.echo())).isEqualTo(Status.SUCCESS);
        assertThat(await(a.echo())).isEqualTo(Status.SUCCESS);
        await(a.release());
        await(a.closeFuture());
    }

    @Test
    void storeFromMemoryAndFromFile() throws IOException {
        Path explicit = TestFiles.secondaryCapture(tmp, "1.2.826.0.1.3680043.10.20.1", 80_000, "+te");
        Path implicit = TestFiles.secondaryCapture(tmp, "1.2.826.0.1.3680043.10.20.2", 30_000, "+ti");
        ScuAssociation a = await(client.connect("127.0.0.1", port, "STORESCP", List.of(
                Offer.of(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN),
                Offer.of(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN))));

        Status s1 = await(a.store(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.826.0.1.3680043.10.20.1",
                TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, Payload.of(Buffer.buffer(TestFiles.dataSet(explicit)))));
        Status s2 = await(a.storeFile(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.826.0.1.3680043.10.20.2",
                TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, implicit, TestFiles.dataSetOffset(implicit)));
        await(a.release());

        assertThat(a.info().peerMaxPduLength()).as("fragments had to fit storescp's 4 KiB PDUs").isEqualTo(4096);
        assertThat(s1).isEqualTo(Status.SUCCESS);
        assertThat(s2).isEqualTo(Status.SUCCESS);
        assertThat(TestFiles.dataSet(receivedFile("1.2.826.0.1.3680043.10.20.1"))).isEqualTo(TestFiles.dataSet(explicit));
        assertThat(TestFiles.dataSet(receivedFile("1.2.826.0.1.3680043.10.20.2"))).isEqualTo(TestFiles.dataSet(implicit));
        Dcmtk.Result dump = Dcmtk.run(30, "dcmdump", receivedFile("1.2.826.0.1.3680043.10.20.2").toString());
        assertThat(dump.output()).contains("LittleEndianImplicit").contains("[1.2.826.0.1.3680043.10.20.2]");
    }

    @Test
    void storeWithoutAcceptedContextFailsBeforeSending() {
        ScuAssociation a = await(client.connect("127.0.0.1", port, "STORESCP", List.of(Offer.verification())));
        assertThatThrownBy(() -> await(a.store(SopClasses.CT_IMAGE_STORAGE, "1.2.3", TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                Payload.of(Buffer.buffer(new byte[]{1, 2})))))
                .hasMessageContaining("no accepted presentation context");
        await(a.release());
    }

    private static Path receivedFile(String uid) throws IOException {
        try (Stream<Path> files = Files.list(received)) {
            return files.filter(p -> p.getFileName().toString().contains(uid)).findFirst()
                    .orElseThrow(() -> new AssertionError("storescp stored no file for " + uid));
        }
    }
}
