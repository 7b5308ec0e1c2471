package org.telecare.dimse.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.interop.FileStoreHandler;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.FindOperation;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** Our SCU against our SCP: C-FIND with matches and C-CANCEL, C-MOVE progress, C-GET sub-operation stores. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryRetrieveTest {
    static final String EVLE = TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;

    @TempDir
    static Path tmp;
    static Vertx vertx;
    static DicomServer server;
    static DicomClient client;
    static final Queue<Buffer> identifiersSeen = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        FindHandler find = (request, responder) -> {
            identifiersSeen.add(request.identifier());
            if (request.identifier().toString().equals("CANCEL-ME")) {
                Promise<Status> done = Promise.promise();
                responder.match(Buffer.buffer("first"));
                responder.onCancel(() -> done.tryComplete(Status.SUCCESS));
                return done.future();
            }
            if (request.identifier().toString().equals("FAIL")) {
                return Future.failedFuture(new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "bad level"));
            }
            return responder.match(Buffer.buffer("match-1"))
                    .compose(v -> responder.match(Buffer.buffer("match-2"), true))
                    .map(Status.SUCCESS);
        };
        MoveHandler move = (request, responder) -> {
            if (!request.moveDestination().equals("KNOWN_DEST")) {
                return Future.failedFuture(new DimseServiceException(Status.MOVE_DESTINATION_UNKNOWN));
            }
            return responder.progress(SubOperations.pending(2, 0, 0, 0))
                    .compose(v -> responder.progress(SubOperations.pending(1, 1, 0, 0)))
                    .map(RetrieveResult.of(1, 1, 0));
        };
        GetHandler get = (request, responder) -> responder.progress(SubOperations.pending(2, 0, 0, 0))
                .compose(v -> responder.store(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.826.0.1.3680043.10.40.1",
                        EVLE, Payload.of(Buffer.buffer("instance-one-bytes"))))
                .compose(s1 -> responder.store(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.826.0.1.3680043.10.40.2",
                        EVLE, Payload.of(Buffer.buffer("instance-two-bytes!"))).map(s2 ->
                        RetrieveResult.of((s1.isOk() ? 1 : 0) + (s2.isOk() ? 1 : 0), (s1.isOk() ? 0 : 1) + (s2.isOk() ? 0 : 1), 0)));
        ServiceRegistry registry = new ServiceRegistry()
                .find(find, SopClasses.STUDY_ROOT_QR_FIND)
                .move(move, SopClasses.STUDY_ROOT_QR_MOVE)
                .get(get, SopClasses.STUDY_ROOT_QR_GET);
        server = await(DicomServer.start(vertx, AssociationConfig.defaults().withPort("127.0.0.1", 0), registry));
        client = new DicomClient(vertx, AssociationConfig.defaults().withAeTitle("QR_SCU").withTimers(5_000, 0));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    ScuAssociation connect(Offer... offers) {
        return await(client.connect("127.0.0.1", server.port(), "TELECARE", List.of(offers)));
    }

    @Test
    void findStreamsMatchesThenSuccess() {
        ScuAssociation a = connect(Offer.of(SopClasses.STUDY_ROOT_QR_FIND, EVLE));
        Queue<String> matches = new ConcurrentLinkedQueue<>();
        FindOperation op = a.find(SopClasses.STUDY_ROOT_QR_FIND, EVLE, Buffer.buffer("PatientID=P1"), m -> matches.add(m.toString()));
        assertThat(await(op.status())).isEqualTo(Status.SUCCESS);
        assertThat(matches).containsExactly("match-1", "match-2");
        assertThat(identifiersSeen).anyMatch(b -> b.toString().equals("PatientID=P1"));
        await(a.release());
    }

    @Test
    void findFailureCarriesTheHandlersStatusAndComment() {
        ScuAssociation a = connect(Offer.of(SopClasses.STUDY_ROOT_QR_FIND, EVLE), Offer.verification());
        Status s = await(a.find(SopClasses.STUDY_ROOT_QR_FIND, EVLE, Buffer.buffer("FAIL"), m -> { }).status());
        assertThat(s.code()).isEqualTo(0xA900);
        assertThat(s.errorComment()).isEqualTo("bad level");
        assertThat(await(a.echo())).as("the association survives a failed operation").isEqualTo(Status.SUCCESS);
        await(a.release());
    }

    @Test
    void cancelEndsAFindWithStatusCancel() throws InterruptedException {
        ScuAssociation a = connect(Offer.of(SopClasses.STUDY_ROOT_QR_FIND, EVLE));
        CountDownLatch first = new CountDownLatch(1);
        FindOperation op = a.find(SopClasses.STUDY_ROOT_QR_FIND, EVLE, Buffer.buffer("CANCEL-ME"), m -> first.countDown());
        assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();
        await(op.cancel());
        assertThat(await(op.status())).isEqualTo(Status.CANCEL);
        await(a.release());
    }

    @Test
    void moveReportsProgressAndFinalCounts() {
        ScuAssociation a = connect(Offer.of(SopClasses.STUDY_ROOT_QR_MOVE, EVLE));
        Queue<SubOperations> progress = new ConcurrentLinkedQueue<>();
        RetrieveResult r = await(a.move(SopClasses.STUDY_ROOT_QR_MOVE, EVLE, "KNOWN_DEST", Buffer.buffer("StudyUID=1"), progress::add));
        assertThat(progress).containsExactly(SubOperations.pending(2, 0, 0, 0), SubOperations.pending(1, 1, 0, 0));
        assertThat(r.status()).isEqualTo(Status.SUBOPERATIONS_WARNING);
        assertThat(r.subOperations()).isEqualTo(new SubOperations(null, 1, 1, 0));

        RetrieveResult unknown = await(a.move(SopClasses.STUDY_ROOT_QR_MOVE, EVLE, "NOWHERE", Buffer.buffer("x"), p -> { }));
        assertThat(unknown.status().code()).isEqualTo(0xA801);
        await(a.release());
    }

    @Test
    void getDeliversInstancesOverTheSameAssociation() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("get"));
        FileStoreHandler receiver = new FileStoreHandler(vertx, dir);
        ScuAssociation a = await(client.connect("127.0.0.1", server.port(), "TELECARE", List.of(
                        Offer.of(SopClasses.STUDY_ROOT_QR_GET, EVLE),
                        Offer.of(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, EVLE).withScpRole()),
                new ServiceRegistry().store(receiver, List.of(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE)).requestHandler()));
        assertThat(a.info().roles().get(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE).scpRole()).isTrue();
        RetrieveResult r = await(a.get(SopClasses.STUDY_ROOT_QR_GET, EVLE, Buffer.buffer("StudyUID=1"), p -> { }));
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.subOperations()).isEqualTo(new SubOperations(null, 2, 0, 0));
        assertThat(Files.readString(receiver.fileOf("1.2.826.0.1.3680043.10.40.1"))).isEqualTo("instance-one-bytes");
        assertThat(Files.readString(receiver.fileOf("1.2.826.0.1.3680043.10.40.2"))).isEqualTo("instance-two-bytes!");
        await(a.release());
    }

    @Test
    void requestWithoutServiceGetsAFailureNotAnAbort() {
        // Storage contexts are accepted because the AE serves C-GET; storing to it is still refused.
        ScuAssociation a = connect(Offer.verification(), Offer.of(SopClasses.CT_IMAGE_STORAGE, EVLE));
        Status s = await(a.store(SopClasses.CT_IMAGE_STORAGE, "1.2.3", EVLE, Payload.of(Buffer.buffer("data"))));
        assertThat(s).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED);
        assertThat(await(a.echo())).isEqualTo(Status.SUCCESS);
        await(a.release());
    }
}
