package org.telecare.archive;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.interop.RawPeer;
import org.telecare.dimse.message.CommandSet;
import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.message.DimseCodec;
import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AReleaseRq;
import org.telecare.dimse.pdu.PDataTf;
import org.telecare.dimse.pdu.Pdu;
import org.telecare.dimse.pdu.PduEncoder;
import org.telecare.dimse.pdu.Pdv;
import org.telecare.dimse.pdu.PresentationContextAc;
import org.telecare.dimse.service.SopClasses;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.storage.embedded.EmbeddedStorage;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on the archive's DICOM port (issue #4, ARC-1): each fault is answered with the right
 * reason in its own association, nothing of the faulty object reaches the blob store, the index
 * or the spool, while a healthy {@code storescu} keeps storing other objects at the same time, and
 * every one of those is in the index afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ArchiveFaultTest {
    static final String HEALTHY_STUDY = "2.25.8801";
    static final String FAULT_STUDY = "2.25.8802";
    static final int HEALTHY_FILES = 60;

    Vertx vertx;
    Path dir;
    ArchiveModule module;
    InstanceCatalog catalog;
    int port;
    final List<Path> healthyFiles = new ArrayList<>();
    final AtomicInteger nextHealthy = new AtomicInteger();
    final AtomicInteger healthyStored = new AtomicInteger();
    final Queue<String> healthyFailures = new ConcurrentLinkedQueue<>();
    final AtomicBoolean running = new AtomicBoolean();
    Thread healthyLoop;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("archive-faults");
        EmbeddedStorage storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "n1", false, true);
        module = new ArchiveModule();
        await(storage.migrate(module.migrations()));
        NodeServices services = new NodeServices();
        services.provide(AccessGuard.class, new WadoRoutesTest.TestGuard());
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> { });
        JsonObject config = new JsonObject().put("hospitalId", "hosp-a")
                .put("dicom", new JsonObject().put("aeTitle", "TELECARE").put("host", "127.0.0.1").put("port", 0));
        await(module.start(new ModuleContext(vertx, "n1", Router.router(vertx), storage, new SimpleMeterRegistry(),
                config, dir.resolve("data"), services)));
        catalog = services.require(InstanceCatalog.class);
        port = module.dicomServer().orElseThrow().port();
        for (int i = 0; i < HEALTHY_FILES; i++) {
            Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
            ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, HEALTHY_STUDY);
            ds.putString(0x0020000E, VR.UI, "2.25.8801.1");
            ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, "2.25.8801.2." + i);
            Path f = dir.resolve("healthy" + i + ".dcm");
            DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
            healthyFiles.add(f);
        }
    }

    @AfterAll
    void stop() throws Exception {
        await(vertx.close());
    }

    /** A storescu at a time, each with the next two healthy objects, for as long as the fault runs. */
    @BeforeEach
    void startHealthyTraffic() {
        running.set(true);
        healthyLoop = Thread.ofPlatform().daemon().start(() -> {
            while (running.get() && nextHealthy.get() + 2 <= HEALTHY_FILES) {
                int i = nextHealthy.getAndAdd(2);
                try {
                    Dcmtk.Result r = Dcmtk.run("storescu", "-aet", "MODALITY", "-aec", "TELECARE", "127.0.0.1",
                            Integer.toString(port), healthyFiles.get(i).toString(), healthyFiles.get(i + 1).toString());
                    if (r.exitCode() == 0) {
                        healthyStored.addAndGet(2);
                    } else {
                        healthyFailures.add(r.stderr());
                    }
                } catch (Exception e) {
                    healthyFailures.add(e.toString());
                }
            }
        });
    }

    @AfterEach
    void healthyTrafficKeptSucceedingAndNothingOfTheFaultWasKept() throws Exception {
        int before = healthyStored.get();
        for (int i = 0; i < 600 && healthyStored.get() < before + 2 && nextHealthy.get() + 2 <= HEALTHY_FILES; i++) {
            Thread.sleep(50);
        }
        running.set(false);
        healthyLoop.join(60_000);
        assertThat(healthyFailures).as("concurrent healthy storescu runs").isEmpty();
        List<StoredInstance> healthy = await(catalog.instances(HEALTHY_STUDY, Optional.empty(), Optional.empty()));
        assertThat(healthy).as("every healthy object acknowledged is indexed").hasSize(healthyStored.get());
        assertThat(await(catalog.instances(FAULT_STUDY, Optional.empty(), Optional.empty())))
                .as("nothing of a faulty object is indexed").isEmpty();
        // The spool is emptied once each association's object is filed or refused.
        for (int i = 0; i < 100 && spoolFiles() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(spoolFiles()).as("spool files left behind").isZero();
        assertThat(blobFiles()).as("blobs: one per healthy object, none of a faulty one").isEqualTo(healthy.size());
    }

    long spoolFiles() throws Exception {
        Path spool = dir.resolve("data/spool");
        if (!Files.exists(spool)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(spool)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    long blobFiles() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("data/blobs"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("data/blobs/tmp"))).count();
        }
    }

    /** A faulty object's data set: parseable or not, with the fault study's UIDs. */
    static byte[] dataSet(String sopInstanceUid) throws Exception {
        Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, FAULT_STUDY);
        ds.putString(0x0020000E, VR.UI, "2.25.8802.1");
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, sopInstanceUid);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return out.toByteArray();
    }

    RawPeer associated(String abstractSyntax) {
        RawPeer peer = new RawPeer(port);
        peer.send(RawPeer.associateRq("TELECARE", abstractSyntax, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
        Pdu ac = peer.read();
        assertThat(ac).isInstanceOf(AAssociateAc.class);
        return peer;
    }

    /** Sends a C-STORE with this data set in PDVs of at most 8 KiB and returns the response. */
    static Dimse.CStoreRsp store(RawPeer peer, String sopInstanceUid, byte[] dataSet) throws Exception {
        peer.send(PDataTf.of(new Pdv(1, true, true, RawPeer.command(
                new Dimse.CStoreRq(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, sopInstanceUid), true))));
        for (int at = 0; at < dataSet.length; at += 8192) {
            int end = Math.min(dataSet.length, at + 8192);
            peer.send(PDataTf.of(new Pdv(1, false, end == dataSet.length, Arrays.copyOfRange(dataSet, at, end))));
        }
        Pdu rsp = peer.read();
        assertThat(rsp).isInstanceOf(PDataTf.class);
        return (Dimse.CStoreRsp) DimseCodec.decode(CommandSet.decode(((PDataTf) rsp).pdvs().getFirst().data()));
    }

    @Test
    void garbageBytesAreAbortedAsAnUnrecognizedPdu() {
        try (RawPeer peer = new RawPeer(port)) {
            peer.send("\u0016\u0003\u0001 TLS hello or a web browser".getBytes());
            // Sta13 (PS3.8 §9.2): the provider aborts and waits, under ARTIM, for us to close.
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNRECOGNIZED_PDU));
        }
    }

    @Test
    void aWrongPduForTheStateIsAbortedAsUnexpected() {
        try (RawPeer peer = associated(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)) {
            peer.send(PduEncoder.encode(RawPeer.associateRq("TELECARE", SopClasses.VERIFICATION,
                    TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN)));
            // Sta13 (PS3.8 §9.2): the provider aborts and waits, under ARTIM, for us to close.
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_UNEXPECTED_PDU));
        }
    }

    @Test
    void anOversizedPduIsAbortedAsAnInvalidParameter() {
        try (RawPeer peer = associated(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)) {
            int length = 64 * 1024 * 1024;
            peer.send(new byte[]{0x04, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            // Sta13 (PS3.8 §9.2): the provider aborts and waits, under ARTIM, for us to close.
            assertThat(peer.read()).isEqualTo(AAbort.provider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
        }
    }

    @Test
    void aTruncatedPduThenACloseStoresNothing() throws Exception {
        byte[] data = dataSet("2.25.8802.2.1");
        try (RawPeer peer = associated(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)) {
            peer.send(PDataTf.of(new Pdv(1, true, true, RawPeer.command(
                    new Dimse.CStoreRq(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "2.25.8802.2.1"), true))));
            byte[] pdu = PduEncoder.encode(PDataTf.of(new Pdv(1, false, true, data)));
            peer.send(Arrays.copyOf(pdu, pdu.length / 2));
        }
    }

    @Test
    void anAbortInTheMiddleOfAnObjectStoresNothing() throws Exception {
        byte[] data = dataSet("2.25.8802.2.2");
        try (RawPeer peer = associated(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)) {
            peer.send(PDataTf.of(new Pdv(1, true, true, RawPeer.command(
                    new Dimse.CStoreRq(1, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "2.25.8802.2.2"), true))));
            peer.send(PDataTf.of(new Pdv(1, false, false, Arrays.copyOf(data, data.length / 2))));
            peer.send(AAbort.user());
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void aDataSetThatDoesNotParseIsRefusedAndTheAssociationGoesOn() throws Exception {
        byte[] good = dataSet("2.25.8802.2.3");
        byte[] cut = Arrays.copyOf(good, good.length - 100);
        try (RawPeer peer = associated(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)) {
            Dimse.CStoreRsp rsp = store(peer, "2.25.8802.2.3", cut);
            assertThat(rsp.status().code() & 0xF000).as("failure status, cannot understand").isEqualTo(0xC000);
            byte[] garbage = new byte[5000];
            Arrays.fill(garbage, (byte) 0xFF);
            assertThat(store(peer, "2.25.8802.2.4", garbage).status().code() & 0xF000).isEqualTo(0xC000);
            peer.send(new AReleaseRq());
            assertThat(peer.read()).isNotNull();
        }
    }

    @Test
    void aDataSetWhoseUidsContradictTheCommandIsRefused() throws Exception {
        try (RawPeer peer = associated(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)) {
            Dimse.CStoreRsp rsp = store(peer, "2.25.8802.2.5", dataSet("2.25.8802.2.6"));
            assertThat(rsp.status().code()).as("data set does not match SOP class / instance").isEqualTo(0xA900);
        }
    }

    @Test
    void anUnknownSopClassIsNotAccepted() {
        try (RawPeer peer = new RawPeer(port)) {
            peer.send(RawPeer.associateRq("TELECARE", "1.2.826.0.1.3680043.10.99.1.1",
                    TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
            Pdu pdu = peer.read();
            assertThat(pdu).isInstanceOf(AAssociateAc.class);
            assertThat(((AAssociateAc) pdu).presentationContexts().getFirst().result())
                    .isEqualTo(PresentationContextAc.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED);
            peer.send(new AReleaseRq());
        }
    }
}
