package org.telecare.dimse.interop;

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
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.FindHandler;
import org.telecare.dimse.service.MoveHandler;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dimse.interop.TestSupport.await;

/** DCMTK {@code findscu} / {@code movescu} against our query/retrieve SCP contracts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryInteropTest {
    @TempDir
    static Path tmp;
    static Vertx vertx;
    static DicomServer server;
    static Map<String, Buffer> matchByTs;
    static final Queue<String> cancelled = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        Path dump = tmp.resolve("match.dump");
        Files.writeString(dump, String.join("\n", "(0008,0052) CS [STUDY]", "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [P1]", "(0020,000d) UI [1.2.826.0.1.3680043.10.50.1]", ""));
        matchByTs = Map.of(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, dataSet(dump, "+te"),
                TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, dataSet(dump, "+ti"));
        FindHandler find = (request, responder) -> {
            Buffer match = matchByTs.get(request.transferSyntax());
            Promise<Status> done = Promise.promise();
            responder.onCancel(() -> {
                cancelled.add("find");
                done.tryComplete(Status.SUCCESS);
            });
            // Up to 50 identical matches, one after the other; a C-CANCEL stops them.
            sendMatches(responder, match, 50).onComplete(ar -> done.tryComplete(Status.SUCCESS));
            return done.future();
        };
        MoveHandler move = (request, responder) ->
                Future.failedFuture(new DimseServiceException(Status.MOVE_DESTINATION_UNKNOWN, request.moveDestination()));
        server = await(DicomServer.start(vertx, AssociationConfig.defaults().withPort("127.0.0.1", 0), new ServiceRegistry()
                .find(find, SopClasses.STUDY_ROOT_QR_FIND).move(move, SopClasses.STUDY_ROOT_QR_MOVE)));
    }

    private static Future<Void> sendMatches(org.telecare.dimse.service.Responder responder, Buffer match, int left) {
        if (left == 0 || responder.cancelled()) {
            return Future.succeededFuture();
        }
        // Paced like a database cursor, so that a C-CANCEL can arrive in between.
        return responder.match(match).compose(v -> vertx.timer(5)).compose(v -> sendMatches(responder, match, left - 1));
    }

    private static Buffer dataSet(Path dump, String xfer) {
        Path out = tmp.resolve("match" + xfer.substring(1) + ".ds");
        Dcmtk.Result r = Dcmtk.run(30, "dump2dcm", "-q", "-F", xfer, dump.toString(), out.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
        try {
            return Buffer.buffer(Files.readAllBytes(out));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void findscuReceivesTheMatchesAndSuccess() {
        Dcmtk.Result r = Dcmtk.run(30, "findscu", "-v", "-S", "-aec", "TELECARE", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "PatientID=P1", "-k", "PatientName", "127.0.0.1", String.valueOf(server.port()));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Doe^Jane").contains("Received Final Find Response (Success)");
        assertThat(r.output().split("Find Response: [0-9]+ \\(Pending\\)", -1)).hasSize(51);
    }

    @Test
    void findscuCancelEndsTheFindWithCancelStatus() {
        Dcmtk.Result r = Dcmtk.run(30, "findscu", "-v", "-S", "--cancel", "1", "-aec", "TELECARE",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=P1", "127.0.0.1", String.valueOf(server.port()));
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Sending Cancel Request").contains("Received Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)");
        assertThat(cancelled).contains("find");
    }

    @Test
    void movescuToAnUnknownDestinationIsRefused() {
        Dcmtk.Result r = Dcmtk.run(30, "movescu", "-v", "-S", "-aec", "TELECARE", "-aem", "NOWHERE",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1", String.valueOf(server.port()));
        assertThat(r.output()).contains("Move Response").contains("Received Final Move Response (Refused: MoveDestinationUnknown)");
    }
}
