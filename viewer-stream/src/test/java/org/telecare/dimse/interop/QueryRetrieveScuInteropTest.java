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
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.RetrieveResult;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/**
 * Query/retrieve SCU against another archive (ARC-3): our C-FIND and C-MOVE against DCMTK's
 * {@code dcmqrscp}, which moves the study to our own storage SCP.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryRetrieveScuInteropTest {
    static final String STUDY = "1.2.826.0.1.3680043.10.1";
    static final String EVLE = TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;

    @TempDir
    static Path tmp;
    static Vertx vertx;
    static Process dcmqrscp;
    static int qrPort;
    static DicomServer destination;
    static FileStoreHandler received;
    static DicomClient client;
    static Path first;
    static Path second;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        received = new FileStoreHandler(vertx, Files.createDirectories(tmp.resolve("moved")));
        destination = await(DicomServer.start(vertx, AssociationConfig.defaults().withAeTitle("OURDEST")
                .withPort("127.0.0.1", 0), new ServiceRegistry().store(received, SopClasses.STORAGE)));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            qrPort = s.getLocalPort();
        }
        Path db = Files.createDirectories(tmp.resolve("db"));
        Path cfg = tmp.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, String.join("\n",
                "NetworkTCPPort  = " + qrPort, "MaxPDUSize      = 16384", "MaxAssociations = 16", "",
                "HostTable BEGIN", "ourdest = (OURDEST, 127.0.0.1, " + destination.port() + ")", "HostTable END", "",
                "VendorTable BEGIN", "VendorTable END", "",
                "AETable BEGIN", "QRSCP   " + db + "   RW (10, 1024mb)   ANY", "AETable END", ""));
        dcmqrscp = Dcmtk.start(tmp.resolve("dcmqrscp.log"), "dcmqrscp", "-c", cfg.toString(), String.valueOf(qrPort));
        client = new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("OURDEST").withTimers(5_000, 0));
        waitUntilListening();

        first = TestFiles.secondaryCapture(tmp, "1.2.826.0.1.3680043.10.80.1", 20_000, "+te");
        second = TestFiles.secondaryCapture(tmp, "1.2.826.0.1.3680043.10.80.2", 30_000, "+te");
        Dcmtk.Result r = Dcmtk.run(60, "storescu", "-aec", "QRSCP", "127.0.0.1", String.valueOf(qrPort),
                first.toString(), second.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
    }

    private static void waitUntilListening() throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                ScuAssociation a = await(client.connect("127.0.0.1", qrPort, "QRSCP", List.of(Offer.verification())), 10);
                await(a.release());
                return;
            } catch (AssociationException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("dcmqrscp did not start: " + Files.readString(tmp.resolve("dcmqrscp.log")));
    }

    @AfterAll
    static void stop() {
        if (dcmqrscp != null) {
            dcmqrscp.destroy();
        }
        await(vertx.close());
    }

    static Buffer identifier(String... lines) throws IOException {
        Path dump = Files.createTempFile(tmp, "query", ".dump");
        Files.writeString(dump, String.join("\n", lines) + "\n");
        Path ds = tmp.resolve(dump.getFileName() + ".ds");
        Dcmtk.Result r = Dcmtk.run(30, "dump2dcm", "-q", "-F", "+te", dump.toString(), ds.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
        return Buffer.buffer(Files.readAllBytes(ds));
    }

    @Test
    void findStudiesOfAPatient() throws IOException {
        ScuAssociation a = await(client.connect("127.0.0.1", qrPort, "QRSCP",
                List.of(Offer.of(SopClasses.STUDY_ROOT_QR_FIND, EVLE))));
        Queue<Buffer> matches = new ConcurrentLinkedQueue<>();
        Status s = await(a.find(SopClasses.STUDY_ROOT_QR_FIND, EVLE, identifier("(0008,0052) CS [STUDY]",
                "(0010,0020) LO [P1]", "(0020,000d) UI []"), matches::add).status());
        await(a.release());
        assertThat(s).isEqualTo(Status.SUCCESS);
        assertThat(matches).hasSize(1);
        assertThat(matches.peek().toString(java.nio.charset.StandardCharsets.ISO_8859_1)).contains(STUDY);
    }

    @Test
    void moveAStudyToOurStorageScp() throws IOException {
        ScuAssociation a = await(client.connect("127.0.0.1", qrPort, "QRSCP",
                List.of(Offer.of(SopClasses.STUDY_ROOT_QR_MOVE, EVLE))));
        Queue<SubOperations> progress = new ConcurrentLinkedQueue<>();
        RetrieveResult r = await(a.move(SopClasses.STUDY_ROOT_QR_MOVE, EVLE, "OURDEST",
                identifier("(0008,0052) CS [STUDY]", "(0020,000d) UI [" + STUDY + "]"), progress::add), 60);
        await(a.release());
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.subOperations().completed()).isEqualTo(2);
        assertThat(received.stored).contains("1.2.826.0.1.3680043.10.80.1", "1.2.826.0.1.3680043.10.80.2");
        assertThat(Files.readAllBytes(received.fileOf("1.2.826.0.1.3680043.10.80.1"))).isEqualTo(TestFiles.dataSet(first));
        assertThat(Files.readAllBytes(received.fileOf("1.2.826.0.1.3680043.10.80.2"))).isEqualTo(TestFiles.dataSet(second));
    }
}
