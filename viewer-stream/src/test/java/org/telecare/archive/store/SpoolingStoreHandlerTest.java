package org.telecare.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dimse.association.AePolicy;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects arrive over real associations (DCMTK's storescu and our SCU), are spooled as Part 10
 * files whose data set is exactly the bytes sent, parsed and checked; only sound objects reach the
 * sink, whose status is what the sender gets; no spool file outlives its C-STORE.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpoolingStoreHandlerTest {
    static final String SC = SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE;
    static final String EVLE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    static Vertx vertx;
    static DicomServer server;
    static Path dir;
    static Path spool;
    static final Map<String, Path> kept = new ConcurrentHashMap<>();
    static final Map<String, ReceivedObject> received = new ConcurrentHashMap<>();
    static volatile Status sinkAnswer = Status.SUCCESS;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("spool-test");
        spool = dir.resolve("spool");
        ArchiveSink sink = object -> vertx.executeBlocking(() -> {
            Path copy = dir.resolve("kept-" + object.sopInstanceUid() + ".dcm");
            Files.copy(object.part10(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            kept.put(object.sopInstanceUid(), copy);
            received.put(object.sopInstanceUid(), object);
            if (sinkAnswer.code() != 0) {
                throw new DimseServiceException(sinkAnswer, "the archive is full");
            }
            return Status.SUCCESS;
        });
        server = vertx.executeBlocking(() -> new SpoolingStoreHandler(vertx, spool, sink, Clock.systemUTC()))
                .compose(h -> DicomServer.start(vertx, AssociationConfig.defaults().withAeTitle("ARCHIVE")
                        .withPort("127.0.0.1", 0), new ServiceRegistry().store(h, SopClasses.STORAGE)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static Attributes object(String uid, String name) {
        Attributes ds = Fixtures.withNativePixels(Fixtures.allVrs());
        ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, uid);
        ds.putString(Tag.PATIENT_NAME, VR.PN, name);
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, "2.25.100");
        ds.putString(0x0020000E, VR.UI, "2.25.101");
        return ds;
    }

    static long spooled() throws Exception {
        try (Stream<Path> s = Files.list(spool)) {
            return s.count();
        }
    }

    @Test
    void storescuObjectsAreKeptByteForByteWithOurMetaHeader() throws Exception {
        Path file = dir.resolve("in.dcm");
        Attributes ds = object("2.25.200", "王^小明");
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
        Dcmtk.Result r = Dcmtk.run("storescu", "-aet", "CT01", "-aec", "ARCHIVE", "127.0.0.1",
                Integer.toString(server.port()), file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        Path copy = kept.get("2.25.200");
        assertThat(copy).isNotNull();
        long ours = Part10.readFileMetaInfo(copy).datasetOffset();
        long theirs = Part10.readFileMetaInfo(file).datasetOffset();
        byte[] a = Files.readAllBytes(copy);
        byte[] b = Files.readAllBytes(file);
        assertThat(java.util.Arrays.copyOfRange(a, (int) ours, a.length))
                .isEqualTo(java.util.Arrays.copyOfRange(b, (int) theirs, b.length));
        ReceivedObject o = received.get("2.25.200");
        assertThat(o.sourceAe()).isEqualTo("CT01");
        assertThat(o.dataset().getString(Tag.PATIENT_NAME)).contains("王^小明");
        assertThat(o.meta().attributes().getString(0x00020016)).contains("CT01");
        assertThat(o.size()).isEqualTo(a.length);
        assertThat(spooled()).isZero();
    }

    @Test
    void unparseableOrMismatchedObjectsAreRefusedAndNeverReachTheSink() throws Exception {
        ScuAssociation a = await(new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("BADDEV"))
                .connect("127.0.0.1", server.port(), "ARCHIVE", List.of(Offer.of(SC, EVLE))));
        try {
            byte[] garbage = new byte[5000];
            new java.util.Random(3).nextBytes(garbage);
            Status notDicom = await(a.store(SC, "2.25.300", EVLE, Payload.of(Buffer.buffer(garbage))));
            assertThat(notDicom.code()).isEqualTo(0xC000);

            byte[] other = DicomWriter.toBytes(object("2.25.999", "x"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            Status mismatch = await(a.store(SC, "2.25.301", EVLE, Payload.of(Buffer.buffer(other))));
            assertThat(mismatch.code()).isEqualTo(0xA900);

            Attributes noStudy = object("2.25.302", "x");
            noStudy.remove(Tag.STUDY_INSTANCE_UID);
            Status missing = await(a.store(SC, "2.25.302", EVLE,
                    Payload.of(Buffer.buffer(DicomWriter.toBytes(noStudy, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))));
            assertThat(missing.code()).isEqualTo(0xC000);

            byte[] fine = DicomWriter.toBytes(object("2.25.303", "李^四"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertThat(await(a.store(SC, "2.25.303", EVLE, Payload.of(Buffer.buffer(fine))))).isEqualTo(Status.SUCCESS);
        } finally {
            await(a.release());
        }
        assertThat(received).doesNotContainKeys("2.25.300", "2.25.301", "2.25.302", "2.25.999").containsKey("2.25.303");
        assertThat(spooled()).isZero();
    }

    @Test
    void theSinksRefusalIsWhatTheSenderGets() throws Exception {
        sinkAnswer = Status.OUT_OF_RESOURCES;
        try {
            ScuAssociation a = await(new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("MR02"))
                    .connect("127.0.0.1", server.port(), "ARCHIVE", List.of(Offer.of(SC, EVLE))));
            byte[] fine = DicomWriter.toBytes(object("2.25.400", "x"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            Status s = await(a.store(SC, "2.25.400", EVLE, Payload.of(Buffer.buffer(fine))));
            assertThat(s.code()).isEqualTo(0xA700);
            await(a.release());
        } finally {
            sinkAnswer = Status.SUCCESS;
        }
        assertThat(spooled()).isZero();
    }
}
