package org.telecare.dimse.service;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.telecare.dimse.association.PresentationContext;
import org.telecare.dimse.message.Dimse;
import org.telecare.dimse.message.InboundRequest;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.message.Received;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;

import java.util.List;

/**
 * How a C-FIND/C-MOVE/C-GET handler talks back while it works: pending responses (PS3.7 §9.3.2.2,
 * §9.3.3.2, §9.3.4.2), cancel state, and for C-GET the C-STORE sub-operations on the same
 * association. The final response is sent by the service from the handler's future.
 */
public final class Responder {
    private final InboundRequest request;

    Responder(InboundRequest request) {
        this.request = request;
    }

    /** A C-FIND match: a pending response (FF00H) with the identifier; completes when written. */
    public Future<Void> match(Buffer identifier) {
        return match(identifier, false);
    }

    /** A match; {@code optionalKeysUnsupported} sends FF01H instead of FF00H. */
    public Future<Void> match(Buffer identifier, boolean optionalKeysUnsupported) {
        Dimse.Request rq = request.message();
        if (!(rq instanceof Dimse.CFindRq)) {
            return Future.failedFuture(new IllegalStateException("matches belong to C-FIND"));
        }
        if (request.cancelled()) {
            return Future.failedFuture(new IllegalStateException("the C-FIND was cancelled"));
        }
        return request.respond(new Dimse.CFindRsp(rq.messageId(), rq.sopClassUid(),
                optionalKeysUnsupported ? Status.PENDING_WARNING : Status.PENDING), identifier);
    }

    /** A C-MOVE/C-GET pending response with the sub-operation counts. */
    public Future<Void> progress(SubOperations counts) {
        Dimse.Request rq = request.message();
        return switch (rq) {
            case Dimse.CMoveRq m -> request.respond(new Dimse.CMoveRsp(m.messageId(), m.sopClassUid(), Status.PENDING, counts));
            case Dimse.CGetRq g -> request.respond(new Dimse.CGetRsp(g.messageId(), g.sopClassUid(), Status.PENDING, counts));
            default -> Future.failedFuture(new IllegalStateException("progress belongs to C-MOVE/C-GET"));
        };
    }

    /**
     * A C-GET sub-operation: C-STORE of one instance to the requestor over this association
     * (which needs a context for the SOP class in {@code transferSyntax}, with the requestor in
     * the SCP role). Completes with the requestor's C-STORE status.
     */
    public Future<Status> store(String sopClassUid, String sopInstanceUid, String transferSyntax, Payload dataSet) {
        if (!(request.message() instanceof Dimse.CGetRq get)) {
            return Future.failedFuture(new IllegalStateException("sub-operation stores belong to C-GET"));
        }
        PresentationContext pc = request.association().contextFor(sopClassUid, List.of(transferSyntax)).orElse(null);
        if (pc == null) {
            return Future.failedFuture(new DimseServiceException(Status.SOP_CLASS_NOT_SUPPORTED,
                    "no presentation context for " + sopClassUid + " in " + transferSyntax));
        }
        var exchange = request.exchange();
        Dimse.CStoreRq store = new Dimse.CStoreRq(exchange.nextMessageId(), sopClassUid, sopInstanceUid,
                get.priority(), null, null);
        return exchange.invoke(pc, store, dataSet, null).map(Received::response).map(Dimse.Response::status);
    }

    public boolean cancelled() {
        return request.cancelled();
    }

    /** Runs on C-CANCEL or when the association ends. */
    public void onCancel(Runnable listener) {
        request.onCancel(listener);
    }
}
