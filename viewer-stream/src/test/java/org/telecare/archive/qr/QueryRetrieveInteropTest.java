package org.telecare.archive.qr;

import org.telecare.dicom.io.Part10;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.archive.ArchiveModule;
import org.telecare.archive.remote.RemoteAe;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.wado.WadoRoutesTest;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.interop.Dcmtk;
import org.telecare.dimse.interop.TestFiles;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.FindOperation;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.SopClasses;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.storage.embedded.EmbeddedStorage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/**
 * The archive's Query/Retrieve SCP as the node runs it (ARC-2), against DCMTK: objects go in with
 * storescu, findscu queries every level of both models, movescu sends to DCMTK storescp and getscu
 * retrieves on its own association, byte for byte; refusals and failures get the statuses of
 * PS3.4 Annex C and the archive keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryRetrieveInteropTest {
    static final String S1 = "2.25.81001";
    static final String S1_SERIES_A = "2.25.81001.1";
    static final String S1_SERIES_B = "2.25.81001.2";
    static final String S2 = "2.25.82001";
    static final String S3 = "2.25.83001";
    static final String S3_SERIES = "2.25.83001.1";
    static final int BULK = 40;

    Vertx vertx;
    Path dir;
    ArchiveModule module;
    int port;
    final Map<String, Path> sent = new java.util.HashMap<>();
    final List<Process> peers = new ArrayList<>();
    int storescpPort;
    Path storescpDir;
    Path storescpLog;
    Path implicitOnlyDir;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("qr-interop");
        storescpDir = Files.createDirectories(dir.resolve("storescp"));
        implicitOnlyDir = Files.createDirectories(dir.resolve("implicit-only"));
        storescpPort = freePort();
        int refuserPort = freePort();
        int implicitOnlyPort = freePort();
        storescpLog = dir.resolve("storescp.log");
        peers.add(Dcmtk.start(storescpLog, "storescp", "-d", "+B", "-aet", "DEST", "-od", storescpDir.toString(),
                String.valueOf(storescpPort)));
        peers.add(Dcmtk.start(dir.resolve("refuser.log"), "storescp", "--refuse", "-aet", "REFUSER",
                String.valueOf(refuserPort)));
        peers.add(Dcmtk.start(dir.resolve("implicit.log"), "storescp", "+xi", "+B", "-aet", "IMPLONLY",
                "-od", implicitOnlyDir.toString(), String.valueOf(implicitOnlyPort)));
        for (int p : List.of(storescpPort, refuserPort, implicitOnlyPort)) {
            waitUntilListening(p);
        }

        EmbeddedStorage storage = EmbeddedStorage.open(vertx, dir.resolve("data"), "n1", false);
        module = new ArchiveModule();
        await(storage.migrate(module.migrations()));
        NodeServices services = new NodeServices();
        services.provide(AccessGuard.class, new WadoRoutesTest.TestGuard());
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> { });
        // Move destinations are the archive's known remote AEs (modules.archive.remotes).
        io.vertx.core.json.JsonArray remotes = new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("aeTitle", "DEST").put("host", "127.0.0.1").put("port", storescpPort))
                .add(new JsonObject().put("aeTitle", "REFUSER").put("host", "127.0.0.1").put("port", refuserPort))
                .add(new JsonObject().put("aeTitle", "IMPLONLY").put("host", "127.0.0.1").put("port", implicitOnlyPort));
        JsonObject config = new JsonObject().put("hospitalId", "hosp-a").put("remotes", remotes)
                .put("dicom", new JsonObject().put("aeTitle", "TELECARE").put("host", "127.0.0.1").put("port", 0));
        await(module.start(new ModuleContext(vertx, "n1", Router.router(vertx), storage, new SimpleMeterRegistry(),
                config, dir.resolve("data"), services)));
        port = module.dicomServer().orElseThrow().port();

        // S1: 张三, CT, January 2024; series A two explicit VR instances, series B one implicit VR.
        write(S1, S1_SERIES_A, "2.25.81001.1.1", "Zhang^San=张^三", "PQR1", "20240105", "CT", 1, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        write(S1, S1_SERIES_A, "2.25.81001.1.2", "Zhang^San=张^三", "PQR1", "20240105", "CT", 2, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        write(S1, S1_SERIES_B, "2.25.81001.2.1", "Zhang^San=张^三", "PQR1", "20240105", "CT", 1, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        // S2: another patient, MR, March 2024.
        write(S2, "2.25.82001.1", "2.25.82001.1.1", "Doe^John", "PQR2", "20240320", "MR", 1, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        // S3: many instances in one series, for the cancel.
        for (int i = 1; i <= BULK; i++) {
            write(S3, S3_SERIES, S3_SERIES + "." + i, "Roe^Richard", "PQR3", "20240610", "OT", i, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }
        List<String> args = new ArrayList<>(List.of("-aet", "MODALITY", "-aec", "TELECARE", "127.0.0.1", String.valueOf(port)));
        sent.values().forEach(p -> args.add(p.toString()));
        Dcmtk.Result r = Dcmtk.run(90, "storescu", args.toArray(String[]::new));
        assertThat(r.ok()).as(r.output()).isTrue();
    }

    @AfterAll
    void stop() {
        peers.forEach(Process::destroy);
        if (vertx != null) {
            await(vertx.close());
        }
    }

    // ---- C-FIND --------------------------------------------------------------------------

    @Test
    void studyRootStudyLevelByWildcardNameReturnsTheRequestedAttributes() throws IOException {
        Found f = find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=Zhang*", "-k", "StudyInstanceUID",
                "-k", "ModalitiesInStudy", "-k", "NumberOfStudyRelatedInstances", "-k", "StudyDate", "-k", "PatientWeight");
        assertThat(f.output()).contains("Received Final Find Response (Success)");
        assertThat(f.matches()).hasSize(1);
        Attributes m = f.matches().getFirst();
        assertThat(m.getString(Tag.STUDY_INSTANCE_UID)).hasValue(S1);
        assertThat(m.getString(0x00080061)).hasValue("CT");
        assertThat(m.getString(0x00201208)).hasValue("3");
        assertThat(m.getString(Tag.STUDY_DATE)).hasValue("20240105");
        assertThat(m.getString(0x00080054)).as("RetrieveAETitle").hasValue("TELECARE");
        assertThat(m.getString(0x00080052)).hasValue("STUDY");
        assertThat(m.contains(0x00101030)).as("an unsupported key comes back, empty").isTrue();
        assertThat(m.getString(0x00101030)).isEmpty();
        assertThat(m.getString(Tag.PATIENT_NAME)).hasValue("Zhang^San=张^三");
        assertThat(m.getStrings(Tag.SPECIFIC_CHARACTER_SET)).containsExactly("ISO_IR 192");
    }

    @Test
    void aConstraintOnAnUnsupportedKeyIsAPendingWarning() throws IOException {
        Found f = find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S2, "-k", "PatientWeight=70");
        assertThat(f.matches()).hasSize(1);
        assertThat(f.output()).contains("Pending: WarningUnsupportedOptionalKeys").contains("Received Final Find Response (Success)");
    }

    @Test
    void dateRangesAndUidListsMatch() throws IOException {
        assertThat(studies(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=20240101-20240131",
                "-k", "StudyInstanceUID"))).containsExactly(S1);
        assertThat(studies(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=20240301-",
                "-k", "StudyInstanceUID"))).containsExactlyInAnyOrder(S2, S3);
        assertThat(studies(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S1 + "\\" + S2)))
                .containsExactlyInAnyOrder(S1, S2);
    }

    @Test
    void patientRootPatientLevelCountsTheStudies() throws IOException {
        Found f = find("-P", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=PQR*", "-k", "PatientName",
                "-k", "NumberOfPatientRelatedStudies");
        assertThat(f.output()).contains("Received Final Find Response (Success)");
        assertThat(f.matches()).extracting(m -> m.getString(Tag.PATIENT_ID).orElseThrow())
                .containsExactlyInAnyOrder("PQR1", "PQR2", "PQR3");
        assertThat(f.matches()).allSatisfy(m -> assertThat(m.getString(0x00201200)).hasValue("1"));
    }

    @Test
    void patientRootStudyLevelNeedsThePatientId() throws IOException {
        assertThat(studies(find("-P", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=PQR2", "-k", "StudyInstanceUID")))
                .containsExactly(S2);
        Found missing = find("-P", "-d", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID");
        assertThat(missing.matches()).isEmpty();
        assertThat(missing.output()).containsPattern("DIMSE Status\\s*: 0xa900").contains("[STUDY level needs one PatientID");
    }

    @Test
    void seriesAndImageLevelsInBothModels() throws IOException {
        Found series = find("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + S1,
                "-k", "SeriesInstanceUID", "-k", "Modality", "-k", "NumberOfSeriesRelatedInstances");
        assertThat(series.matches()).extracting(m -> m.getString(Tag.SERIES_INSTANCE_UID).orElseThrow())
                .containsExactly(S1_SERIES_A, S1_SERIES_B);
        assertThat(series.matches().getFirst().getString(0x00201209)).hasValue("2");
        assertThat(series.matches().getFirst().getString(Tag.MODALITY)).hasValue("CT");

        Found images = find("-P", "-k", "QueryRetrieveLevel=IMAGE", "-k", "PatientID=PQR1", "-k", "StudyInstanceUID=" + S1,
                "-k", "SeriesInstanceUID=" + S1_SERIES_A, "-k", "SOPInstanceUID", "-k", "InstanceNumber", "-k", "SOPClassUID");
        assertThat(images.matches()).extracting(m -> m.getString(Tag.SOP_INSTANCE_UID).orElseThrow())
                .containsExactly("2.25.81001.1.1", "2.25.81001.1.2");
        assertThat(images.matches().getFirst().getString(Tag.SOP_CLASS_UID)).hasValue(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE);

        Found hierarchical = find("-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + S1, "-k", "SOPInstanceUID");
        assertThat(hierarchical.output()).contains("Error: DataSetDoesNotMatchSOPClass");
    }

    @Test
    void studyRootHasNoPatientLevel() throws IOException {
        Found f = find("-S", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID");
        assertThat(f.matches()).isEmpty();
        assertThat(f.output()).contains("Error: DataSetDoesNotMatchSOPClass");
    }

    @Test
    void aMalformedKeyIsRefusedWithAComment() throws IOException {
        Found f = find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=2024-01-01");
        assertThat(f.output()).contains("Error: DataSetDoesNotMatchSOPClass").contains("StudyDate");
    }

    @Test
    void aChineseNameIsFoundAndAnsweredInUtf8OrGb18030() throws IOException {
        Found utf8 = find("-S", "-k", "SpecificCharacterSet=ISO_IR 192", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "PatientName=*张*", "-k", "StudyInstanceUID");
        assertThat(studies(utf8)).containsExactly(S1);
        assertThat(utf8.matches().getFirst().getString(Tag.PATIENT_NAME)).hasValue("Zhang^San=张^三");

        // A GB18030 workstation: the query's bytes are GB18030, and so is the answer.
        Attributes q = new Attributes();
        q.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "GB18030");
        q.putString(0x00080052, VR.CS, "STUDY");
        q.putString(Tag.PATIENT_NAME, VR.PN, "*=张^三");
        q.putBytes(Tag.STUDY_INSTANCE_UID, VR.UI, new byte[0]);
        Path query = dir.resolve("gb18030-query.dcm");
        DicomWriter.writeFile(query, FileMetaInfo.create("1.2.840.10008.5.1.4.1.2.2.1", "2.25.1",
                TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN), q);
        Found gb = find("-S", query.toString());
        assertThat(studies(gb)).containsExactly(S1);
        Attributes m = gb.matches().getFirst();
        assertThat(m.getStrings(Tag.SPECIFIC_CHARACTER_SET)).containsExactly("GB18030");
        assertThat(m.getString(Tag.PATIENT_NAME)).hasValue("Zhang^San=张^三");
        assertThat(new String(m.getBytes(Tag.PATIENT_NAME).orElseThrow(), java.nio.charset.Charset.forName("GB18030")).strip())
                .isEqualTo("Zhang^San=张^三");
    }

    @Test
    void aCancelledFindEndsWithCancelAndFewerMatches() {
        DicomClient client = new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("FINDER").withTimers(10_000, 0));
        ScuAssociation a = await(client.connect("127.0.0.1", port, "TELECARE",
                List.of(Offer.of(SopClasses.STUDY_ROOT_QR_FIND, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN))));
        Attributes q = new Attributes();
        q.putString(0x00080052, VR.CS, "IMAGE");
        q.putString(Tag.STUDY_INSTANCE_UID, VR.UI, S3);
        q.putString(Tag.SERIES_INSTANCE_UID, VR.UI, S3_SERIES);
        q.putBytes(Tag.SOP_INSTANCE_UID, VR.UI, new byte[0]);
        AtomicInteger matches = new AtomicInteger();
        FindOperation op;
        try {
            op = a.find(SopClasses.STUDY_ROOT_QR_FIND, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                    Buffer.buffer(DicomWriter.toBytes(q, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), m -> matches.incrementAndGet());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // C-CANCEL right behind the request (PS3.7 §9.3.2.3): the SCP must stop before its last match.
        await(op.cancel());
        assertThat(await(op.status())).as("after %s matches", matches).isEqualTo(Status.CANCEL);
        assertThat(matches.get()).isLessThan(BULK);
        await(a.release());
    }

    // ---- C-MOVE --------------------------------------------------------------------------

    @Test
    void movescuSendsTheStudyByteForByteWithTheMoveOriginator() throws IOException {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-S", "-aet", "MOVER", "-aec", "TELECARE", "-aem", "DEST",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S1, "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0x0000").containsPattern("Completed Suboperations\\s*: 3");
        for (String sop : List.of("2.25.81001.1.1", "2.25.81001.1.2", "2.25.81001.2.1")) {
            assertThat(TestFiles.dataSet(receivedIn(storescpDir, sop))).as(sop).isEqualTo(TestFiles.dataSet(sent.get(sop)));
        }
        assertThat(Files.readString(storescpLog)).containsPattern("Move Originator AE Title\\s*: MOVER");
    }

    @Test
    void seriesAndImageLevelMovesWithUidLists() throws IOException {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-P", "-aec", "TELECARE", "-aem", "DEST",
                "-k", "QueryRetrieveLevel=IMAGE", "-k", "PatientID=PQR3", "-k", "StudyInstanceUID=" + S3,
                "-k", "SeriesInstanceUID=" + S3_SERIES, "-k", "SOPInstanceUID=" + S3_SERIES + ".7\\" + S3_SERIES + ".9",
                "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0x0000").containsPattern("Completed Suboperations\\s*: 2");
        assertThat(TestFiles.dataSet(receivedIn(storescpDir, S3_SERIES + ".9"))).isEqualTo(TestFiles.dataSet(sent.get(S3_SERIES + ".9")));

        Dcmtk.Result series = Dcmtk.run(60, "movescu", "-d", "-S", "-aec", "TELECARE", "-aem", "DEST",
                "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + S1, "-k", "SeriesInstanceUID=" + S1_SERIES_B,
                "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(series)).containsPattern("DIMSE Status\\s*: 0x0000").containsPattern("Completed Suboperations\\s*: 1");
    }

    @Test
    void aPatientLevelMoveSendsEveryStudyOfThePatient() throws IOException {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-P", "-aec", "TELECARE", "-aem", "DEST",
                "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=PQR2", "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0x0000").containsPattern("Completed Suboperations\\s*: 1");
        assertThat(TestFiles.dataSet(receivedIn(storescpDir, "2.25.82001.1.1"))).isEqualTo(TestFiles.dataSet(sent.get("2.25.82001.1.1")));
    }

    @Test
    void anUnknownDestinationIsA801() {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-S", "-aec", "TELECARE", "-aem", "NOWHERE",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S1, "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0xa801");
    }

    @Test
    void aStudyThatDoesNotExistMovesNothingAndSucceeds() {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-S", "-aec", "TELECARE", "-aem", "DEST",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=2.25.999999", "127.0.0.1", String.valueOf(port));
        // PS3.4 C.4.2.3.1: with no sub-operations to perform, none remain: Success, all counts zero.
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0x0000").containsPattern("Completed Suboperations\\s*: 0")
                .containsPattern("Failed Suboperations\\s*: 0");
    }

    @Test
    void aRetrieveWithoutItsUniqueKeyIsRefused() {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-S", "-aec", "TELECARE", "-aem", "DEST",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0xa900");
    }

    @Test
    void aDestinationThatRefusesTheAssociationFailsTheMoveAndTheArchiveKeepsServing() throws IOException {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-S", "-aec", "TELECARE", "-aem", "REFUSER",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S2, "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0xa702").containsPattern("Failed Suboperations\\s*: 1")
                .contains("REFUSER");
        assertThat(Dcmtk.run(30, "echoscu", "-aec", "TELECARE", "127.0.0.1", String.valueOf(port)).ok()).isTrue();
        assertThat(studies(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S2))).containsExactly(S2);
    }

    /** A destination that takes only Implicit VR gets the explicit VR instances re-encoded, the other as stored. */
    @Test
    void instancesInASyntaxTheDestinationRefusedAreReencodedForIt() throws IOException {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-d", "-S", "-aec", "TELECARE", "-aem", "IMPLONLY",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S1, "127.0.0.1", String.valueOf(port));
        assertThat(finalMove(r)).containsPattern("DIMSE Status\\s*: 0x0000").containsPattern("Completed Suboperations\\s*: 3");
        assertThat(TestFiles.dataSet(receivedIn(implicitOnlyDir, "2.25.81001.2.1")))
                .isEqualTo(TestFiles.dataSet(sent.get("2.25.81001.2.1")));
        for (String sop : List.of("2.25.81001.1.1", "2.25.81001.1.2")) {
            Path got = receivedIn(implicitOnlyDir, sop);
            assertThat(Part10.readFileMetaInfo(got).transferSyntaxUid()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
            assertThat(Dcmtk.run(30, "dcmdump", got.toString()).output()).contains(sop).contains("Zhang^San");
        }
    }

    // ---- C-GET ---------------------------------------------------------------------------

    @Test
    void getscuReceivesTheSeriesByteForByte() throws IOException {
        Path out = Files.createDirectories(dir.resolve("got"));
        Dcmtk.Result r = Dcmtk.run(60, "getscu", "-v", "-S", "+B", "-aec", "TELECARE", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + S1, "-k", "SeriesInstanceUID=" + S1_SERIES_A,
                "127.0.0.1", String.valueOf(port));
        assertThat(r.output()).contains("Received C-GET Response (Success)")
                .containsPattern("Number of Completed Suboperations\\s*: 2");
        for (String sop : List.of("2.25.81001.1.1", "2.25.81001.1.2")) {
            assertThat(TestFiles.dataSet(receivedIn(out, sop))).as(sop).isEqualTo(TestFiles.dataSet(sent.get(sop)));
        }
    }

    /**
     * getscu offers one context per storage class, which we accept in Explicit VR Little Endian;
     * the instance stored in Implicit VR is re-encoded for it.
     */
    @Test
    void getscuOfAStudyStoredInTwoSyntaxesGetsEveryInstance() throws IOException {
        Path out = Files.createDirectories(dir.resolve("got-study"));
        Dcmtk.Result r = Dcmtk.run(60, "getscu", "-v", "-S", "-aec", "TELECARE", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + S1, "127.0.0.1", String.valueOf(port));
        assertThat(r.output()).contains("Received C-GET Response (Success)")
                .containsPattern("Number of Completed Suboperations\\s*: 3");
        Path reencoded = receivedIn(out, "2.25.81001.2.1");
        assertThat(Part10.readFileMetaInfo(reencoded).transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(Dcmtk.run(30, "dcmdump", reencoded.toString()).output()).contains("2.25.81001.2.1");
    }

    // ---- helpers -------------------------------------------------------------------------

    record Found(String output, List<Attributes> matches) {
    }

    private final AtomicInteger finds = new AtomicInteger();

    /** Runs findscu with {@code -X}: each match lands in a file, read back with our codec. */
    Found find(String... args) throws IOException {
        Path out = Files.createDirectories(dir.resolve("find" + finds.incrementAndGet()));
        List<String> cmd = new ArrayList<>(List.of("-v", "-X", "-od", out.toString(), "-aec", "TELECARE"));
        List<String> tail = new ArrayList<>(List.of(args));
        // a query file (the last argument, when it is a path) goes after host and port
        String file = !tail.isEmpty() && tail.getLast().endsWith(".dcm") ? tail.removeLast() : null;
        cmd.addAll(tail);
        cmd.add("127.0.0.1");
        cmd.add(String.valueOf(port));
        if (file != null) {
            cmd.add(file);
        }
        Dcmtk.Result r = Dcmtk.run(60, "findscu", cmd.toArray(String[]::new));
        List<Attributes> matches = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("rsp")).sorted().toList()) {
                matches.add(DicomReader.readFile(p, ReadOptions.DEFAULT).dataset());
            }
        }
        return new Found(r.output(), matches);
    }

    /** What movescu {@code -d} printed of the final C-MOVE response. */
    static String finalMove(Dcmtk.Result r) {
        int at = r.output().lastIndexOf("Received Final Move Response");
        assertThat(at).as(r.output()).isNotNegative();
        return r.output().substring(at);
    }

    static List<String> studies(Found f) {
        return f.matches().stream().map(m -> m.getString(Tag.STUDY_INSTANCE_UID).orElse("")).toList();
    }

    private void write(String study, String series, String sop, String name, String patientId, String date,
                       String modality, int number, TransferSyntax ts) throws IOException {
        Attributes ds = new Attributes();
        ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        ds.putString(Tag.SOP_CLASS_UID, VR.UI, SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE);
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, sop);
        ds.putString(Tag.STUDY_DATE, VR.DA, date);
        ds.putString(0x00080030, VR.TM, "101500");
        ds.putString(Tag.ACCESSION_NUMBER, VR.SH, "ACC" + patientId);
        ds.putString(Tag.MODALITY, VR.CS, modality);
        ds.putString(Tag.PATIENT_NAME, VR.PN, name);
        ds.putString(Tag.PATIENT_ID, VR.LO, patientId);
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, study);
        ds.putString(Tag.SERIES_INSTANCE_UID, VR.UI, series);
        ds.putInts(0x00200011, VR.IS, series.endsWith(".2") ? 2 : 1);
        ds.putInts(0x00200013, VR.IS, number);
        ds.putInts(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
        ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME2");
        ds.putInts(Tag.ROWS, VR.US, 16);
        ds.putInts(Tag.COLUMNS, VR.US, 16);
        ds.putInts(Tag.BITS_ALLOCATED, VR.US, 8);
        ds.putInts(Tag.BITS_STORED, VR.US, 8);
        ds.putInts(Tag.HIGH_BIT, VR.US, 7);
        ds.putInts(Tag.PIXEL_REPRESENTATION, VR.US, 0);
        byte[] pixels = new byte[256];
        new java.util.Random(sop.hashCode()).nextBytes(pixels);
        ds.putBytes(Tag.PIXEL_DATA, VR.OB, pixels);
        Path f = dir.resolve(sop + ".dcm");
        DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, ts), ds);
        sent.put(sop, f);
    }

    static Path receivedIn(Path dir, String sop) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(sop)).findFirst()
                    .orElseThrow(() -> new AssertionError(sop + " did not arrive in " + dir));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void waitUntilListening(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }
}
