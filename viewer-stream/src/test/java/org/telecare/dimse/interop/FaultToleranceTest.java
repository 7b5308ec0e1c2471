package org.telecare.dimse.interop;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AReleaseRq;
import org.telecare.dimse.pdu.PDataTf;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.PduEncoder;
import org.telecare.dimse.pdu.Pdv;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/**
 * Broken peers (garbage, wrong or truncated or oversized PDUs, A-ABORT mid-store, silence) while
 * a healthy {@code echoscu} keeps associating: each fault is contained in its own association.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultToleranceTest {
    static final int MAX_PDU = 16384;

    @TempDir
    static Path tmp;
    static Vertx vertx;
    static DicomServer server;
    static FileStoreHandler store;
    static Path storeDir;

    final AtomicBoolean running = new AtomicBoolean();
    final AtomicInteger echoes = new AtomicInteger();
    final Queue<String> echoFailures = new ConcurrentLinkedQueue<>();
    Thread echoLoop;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        storeDir = Files.createDirectories(tmp.resolve("stored"));
        store = new FileStoreHandler(vertx, storeDir);
        AssociationConfig config = AssociationConfig.defaults().withPort("127.0.0.1", 0).withMaxPduLength(MAX_PDU)
                .withTimers(500, 1_500);
        server = await(DicomServer.start(vertx, config, new ServiceRegistry().store(store, SopClasses.STORAGE)));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @BeforeEach
    void startHealthyEchoes() {
        running.set(true);
        echoLoop = Thread.ofPlatform().daemon().start(() -> {
            for (int i = 0; i < 1_000 && running.get(); i++) {
                Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aec", "TELECARE", "127.0.0.1", String.valueOf(server.port()));
                if (r.ok()) {
                    echoes.incrementAndGet();
                } else {
                    echoFailures.add(r.output());
                }
            }
        });
    }

    @AfterEach
    void healthyEchoesKeptSucceeding() throws InterruptedException {
        int before = echoes.get();
        for (int i = 0; i < 600 && echoes.get() < before + 2 && echoFailures.isEmpty(); i++) {
            Thread.sleep(50);
        }
        running.set(false);
        echoLoop.join(60_000);
        assertThat(echoFailures).as("concurrent healthy echoscu runs").isEmpty();
        assertThat(echoes.get()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void garbageBytesAreAnsweredWithAbortUnrecognizedPdu() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNRECOGNIZED_PDU));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void unknownPduTypeIsAbortedAsUnrecognized() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(new byte[]{0x0A, 0, 0, 0, 0, 2, 0, 0});
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNRECOGNIZED_PDU));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void wrongPduForTheStateIsAbortedAsUnexpected() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(new AReleaseRq());
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void truncatedPduThenCloseLeavesNothingOpen() throws InterruptedException {
        byte[] rq = PduEncoder.encode(RawPeer.associateRq("TELECARE", SopClasses.VERIFICATION, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN));
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(Arrays.copyOf(rq, rq.length / 2));
        }
        assertConnectionsDrain();
    }

    @Test
    void pDataLargerThanOurMaximumIsAborted() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.associateRq("TELECARE", SopClasses.VERIFICATION, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
            int length = MAX_PDU + 100;
            peer.send(new byte[]{0x04, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void abortInTheMiddleOfAStoreStoresNothing() throws Exception {
        String uid = "1.2.826.0.1.3680043.10.30.1";
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.associateRq("TELECARE", SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE,
                    TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
            byte[] cmd = RawPeer.command(new Dimse.CStoreRq(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, uid), true);
            peer.send(PDataTf.of(new Pdv(1, true, true, cmd)));
            for (int i = 0; i < 5; i++) {
                peer.send(PDataTf.of(new Pdv(1, false, false, new byte[4000])));
            }
            peer.send(AAbort.user());
            assertThat(peer.closedByServer()).isTrue();
        }
        for (int i = 0; i < 200 && !store.aborted.contains(uid); i++) {
            Thread.sleep(50);
        }
        assertThat(store.begun).contains(uid);
        assertThat(store.aborted).contains(uid);
        assertThat(store.stored).doesNotContain(uid);
        try (Stream<Path> files = Files.list(storeDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(uid));
        }
    }

    @Test
    void peerStallingInTheMiddleOfADataSetIsAbortedWhenIdle() throws Exception {
        String uid = "1.2.826.0.1.3680043.10.30.2";
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.associateRq("TELECARE", SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE,
                    TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
            byte[] cmd = RawPeer.command(new Dimse.CStoreRq(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, uid), true);
            peer.send(PDataTf.of(new Pdv(1, true, true, cmd)));
            peer.send(PDataTf.of(new Pdv(1, false, false, new byte[1000])));
            // ... and nothing more: the idle timer ends it.
            assertThat(peer.read()).isInstanceOf(AAbort.class);
        }
        for (int i = 0; i < 200 && !store.aborted.contains(uid); i++) {
            Thread.sleep(50);
        }
        assertThat(store.aborted).contains(uid);
        assertThat(store.stored).doesNotContain(uid);
    }

    @Test
    void commandOnAContextThatWasNotAcceptedIsAborted() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.associateRq("TELECARE", SopClasses.VERIFICATION, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
            peer.send(PDataTf.of(new Pdv(5, true, true, RawPeer.command(new Dimse.CEchoRq(1, SopClasses.VERIFICATION), false))));
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU_PARAMETER));
        }
    }

    @Test
    void silentClientIsDroppedWhenArtimExpires() {
        try (RawPeer peer = new RawPeer(server.port())) {
            // PS3.8 §9.1.5: no A-ASSOCIATE-RQ within ARTIM: the transport is closed, no PDU sent.
            assertThat(peer.read()).isNull();
        }
    }

    @Test
    void idleAssociationIsAborted() {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.associateRq("TELECARE", SopClasses.VERIFICATION, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN));
            assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
            Pdu next = peer.read();
            assertThat(next).isInstanceOf(AAbort.class);
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    private static void assertConnectionsDrain() throws InterruptedException {
        // Only the echo loop's own association (at most one) may remain.
        for (int i = 0; i < 200 && server.activeConnections() > 1; i++) {
            Thread.sleep(50);
        }
        assertThat(server.activeConnections()).isLessThanOrEqualTo(1);
    }

}
