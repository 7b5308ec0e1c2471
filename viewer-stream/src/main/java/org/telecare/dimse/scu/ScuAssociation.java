package org.telecare.dimse.scu;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import org.telecare.dimse.association.Association;
import org.telecare.dimse.association.AssociationInfo;
import org.telecare.dimse.association.PresentationContext;
import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.message.DimseExchange;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Priority;
import org.telecare.dimse.message.Received;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.service.RetrieveResult;
import org.telecare.dimse.service.SopClasses;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An established association, requestor side: the DIMSE-C operations (PS3.7 §9.1) as futures.
 * Operations may be started concurrently; their messages are sent one after the other.
 */
public final class ScuAssociation {
    private final Association association;
    private final DimseExchange exchange;

    ScuAssociation(Association association, DimseExchange exchange) {
        this.association = association;
        this.exchange = exchange;
    }

    public AssociationInfo info() {
        return association.info();
    }

    /** C-ECHO (PS3.7 §9.1.5). */
    public Future<Status> echo() {
        return context(SopClasses.VERIFICATION, null).compose(pc -> exchange.invoke(pc,
                new Dimse.CEchoRq(exchange.nextMessageId(), SopClasses.VERIFICATION), null, null))
                .map(r -> r.response().status());
    }

    /**
     * C-STORE (PS3.7 §9.1.1) of a data set in {@code transferSyntax}: bytes without Part 10
     * preamble and meta header.
     */
    public Future<Status> store(String sopClassUid, String sopInstanceUid, String transferSyntax, Payload dataSet) {
        return context(sopClassUid, transferSyntax).compose(pc -> exchange.invoke(pc,
                new Dimse.CStoreRq(exchange.nextMessageId(), sopClassUid, sopInstanceUid), dataSet, null))
                .map(r -> r.response().status());
    }

    /**
     * C-STORE as a sub-operation of a C-MOVE (PS3.7 §9.3.1.1, PS3.4 C.4.2.3): the request carries
     * the Move Originator AE Title (0000,1030) and Message ID (0000,1031) of that C-MOVE.
     */
    public Future<Status> store(String sopClassUid, String sopInstanceUid, String transferSyntax, Payload dataSet,
                                String moveOriginatorAeTitle, int moveOriginatorMessageId) {
        return context(sopClassUid, transferSyntax).compose(pc -> exchange.invoke(pc,
                new Dimse.CStoreRq(exchange.nextMessageId(), sopClassUid, sopInstanceUid, Priority.MEDIUM,
                        moveOriginatorAeTitle, moveOriginatorMessageId), dataSet, null))
                .map(r -> r.response().status());
    }

    /**
     * C-STORE of the data set found in a file from {@code dataSetOffset} to its end (for a Part 10
     * file: the offset just after the meta information group), streamed without loading it.
     */
    public Future<Status> storeFile(String sopClassUid, String sopInstanceUid, String transferSyntax, Path file,
                                    long dataSetOffset) {
        return context(sopClassUid, transferSyntax).compose(pc -> association.vertx().fileSystem()
                .open(file.toString(), new OpenOptions().setRead(true).setWrite(false))
                .compose(f -> {
                    f.setReadPos(dataSetOffset);
                    f.pause();
                    Future<Status> stored = exchange.invoke(pc, new Dimse.CStoreRq(exchange.nextMessageId(), sopClassUid,
                            sopInstanceUid), Payload.of((AsyncFile) f), null).map(r -> r.response().status());
                    return stored.eventually(() -> f.close());
                }));
    }

    /**
     * C-FIND (PS3.7 §9.1.2): each pending response's identifier goes to {@code onMatch}.
     *
     * @param transferSyntax the transfer syntax the identifier is encoded in
     */
    public FindOperation find(String sopClassUid, String transferSyntax, Buffer identifier, Consumer<Buffer> onMatch) {
        int messageId = exchange.nextMessageId();
        Future<PresentationContext> pc = context(sopClassUid, transferSyntax);
        Future<Status> status = pc.compose(p -> exchange.invoke(p, new Dimse.CFindRq(messageId, sopClassUid, Priority.MEDIUM),
                Payload.of(identifier), r -> {
                    if (r.dataSet() != null) {
                        onMatch.accept(r.dataSet());
                    }
                })).map(r -> r.response().status());
        return new FindOperation() {
            public Future<Status> status() {
                return status;
            }

            public Future<Void> cancel() {
                return pc.compose(p -> exchange.cancel(p, messageId));
            }
        };
    }

    /** C-MOVE (PS3.7 §9.1.4) to {@code destination}; pending counts go to {@code onProgress}. */
    public Future<RetrieveResult> move(String sopClassUid, String transferSyntax, String destination, Buffer identifier,
                                       Consumer<SubOperations> onProgress) {
        return context(sopClassUid, transferSyntax).compose(pc -> exchange.invoke(pc,
                new Dimse.CMoveRq(exchange.nextMessageId(), sopClassUid, Priority.MEDIUM, destination),
                Payload.of(identifier), r -> progress(r, onProgress))).map(ScuAssociation::retrieveResult);
    }

    /**
     * C-GET (PS3.7 §9.1.3): the instances arrive as C-STOREs performed by the request handler
     * given to {@link DicomClient#connect(String, int, String, List, org.telecare.dimse.message.RequestHandler)}.
     */
    public Future<RetrieveResult> get(String sopClassUid, String transferSyntax, Buffer identifier,
                                      Consumer<SubOperations> onProgress) {
        return context(sopClassUid, transferSyntax).compose(pc -> exchange.invoke(pc,
                new Dimse.CGetRq(exchange.nextMessageId(), sopClassUid, Priority.MEDIUM),
                Payload.of(identifier), r -> progress(r, onProgress))).map(ScuAssociation::retrieveResult);
    }

    /**
     * A-RELEASE (PS3.8 §7.2) once the operations started so far have their final responses;
     * completes when the peer confirmed.
     */
    public Future<Void> release() {
        return exchange.idle().compose(v -> association.release());
    }

    /** A-ABORT (PS3.8 §7.3). */
    public void abort() {
        association.abort();
    }

    /** Completes when the connection is closed. */
    public Future<Void> closeFuture() {
        return association.closeFuture();
    }

    private static void progress(Received r, Consumer<SubOperations> onProgress) {
        SubOperations counts = switch (r.response()) {
            case Dimse.CMoveRsp m -> m.subOperations();
            case Dimse.CGetRsp g -> g.subOperations();
            default -> null;
        };
        if (counts != null && onProgress != null) {
            onProgress.accept(counts);
        }
    }

    private static RetrieveResult retrieveResult(Received r) {
        SubOperations counts = switch (r.response()) {
            case Dimse.CMoveRsp m -> m.subOperations();
            case Dimse.CGetRsp g -> g.subOperations();
            default -> null;
        };
        return new RetrieveResult(r.response().status(), counts == null ? SubOperations.NONE : counts);
    }

    private Future<PresentationContext> context(String sopClassUid, String transferSyntax) {
        return info().contextFor(sopClassUid, transferSyntax == null ? List.of() : List.of(transferSyntax))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NoPresentationContextException(sopClassUid, transferSyntax)));
    }
}
