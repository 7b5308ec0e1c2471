package org.telecare.archive.qr;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.telecare.archive.index.IndexQuery;
import org.telecare.archive.index.QueryResult;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.FindHandler;
import org.telecare.dimse.service.QueryRequest;
import org.telecare.dimse.service.Responder;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * C-FIND SCP over the study index for the Patient Root and Study Root models (PS3.4 §C.4.1,
 * ARC-2). Queries are hierarchical (PS3.4 §C.4.1.3.1.1): the association layer does not expose
 * SOP class extended negotiation, so relational queries are never agreed to. Matches are read
 * from the index a page at a time and sent one by one, each after the previous was written; a
 * C-CANCEL stops the stream before the next match.
 *
 * <p>Why no data policy here: a DIMSE request carries no user, only AE titles. The trust
 * boundary for DIMSE is the AE (which AEs may associate, which are known as destinations;
 * ARC-2); the per-user data policies (SEC-4) guard the HTTP paths, where there is a user.
 */
final class FindScp implements FindHandler {
    /** Matches read from the index at once. */
    static final int PAGE = 500;
    /** Matches sent between two pauses that let the event loop read a C-CANCEL. */
    static final int MATCHES_PER_PAUSE = 32;

    private final StudyIndex index;

    FindScp(StudyIndex index) {
        this.index = index;
    }

    @Override
    public Future<Status> find(QueryRequest request, Responder responder) {
        InformationModel model = InformationModel.of(request.sopClassUid());
        QueryIdentifier id = QueryIdentifier.parse(request.identifier(), request.transferSyntax());
        QueryLevel level = model.check(id.level());
        for (QueryKey k : model.upperUniqueKeys(level)) {
            if (!isSingleValue(id.value(k))) {
                throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, level
                        + " level needs one " + k.keyword() + " (PS3.4 C.4.1.3.1.1)");
            }
        }
        IndexQuery query;
        try {
            query = new IndexQuery(level, id.keys(), Set.of(), PAGE, 0, false, false);
        } catch (IllegalArgumentException e) {
            throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage());
        }
        String retrieveAe = request.association().calledAeTitle();
        Context context = Vertx.currentContext();
        return page(query, 0, new Stream(id, retrieveAe, request.transferSyntax(), responder, context));
    }

    /** One value, no wild card, no list: what a unique key of an upper level must be. */
    static boolean isSingleValue(String v) {
        return !v.isBlank() && v.indexOf('\\') < 0 && v.indexOf('*') < 0 && v.indexOf('?') < 0;
    }

    /** Where the matches of one C-FIND go, and the association's context to yield to between them. */
    private record Stream(QueryIdentifier id, String retrieveAe, String transferSyntax, Responder responder,
                          Context context) {
    }

    private Future<Status> page(IndexQuery query, int offset, Stream out) {
        if (out.responder().cancelled()) {
            return Future.succeededFuture(Status.CANCEL);
        }
        return index.find(query.withLimit(PAGE, offset)).recover(FindScp::failure).compose(result -> {
            List<Map<QueryKey, String>> matches = result.matches();
            return send(matches, 0, out).compose(v -> {
                if (out.responder().cancelled()) {
                    return Future.succeededFuture(Status.CANCEL);
                }
                return more(result) ? page(query, offset + PAGE, out) : Future.succeededFuture(Status.SUCCESS);
            });
        });
    }

    private static boolean more(QueryResult result) {
        return result.matches().size() == PAGE;
    }

    private static Future<Void> send(List<Map<QueryKey, String>> matches, int i, Stream out) {
        Responder responder = out.responder();
        if (i >= matches.size() || responder.cancelled()) {
            return Future.succeededFuture();
        }
        return pause(out.context(), i).compose(v -> {
            if (responder.cancelled()) {
                return Future.succeededFuture();
            }
            Buffer identifier = ResponseIdentifier.encode(out.id(), matches.get(i), out.retrieveAe(), out.transferSyntax());
            return responder.match(identifier, out.id().unsupportedConstraint())
                    // a C-CANCEL that arrives while a match is written ends the stream, not in failure
                    .recover(e -> responder.cancelled() ? Future.succeededFuture() : Future.failedFuture(e))
                    .compose(x -> send(matches, i + 1, out));
        });
    }

    /**
     * Before every {@link #MATCHES_PER_PAUSE}th match, a 1 ms pause. Writes to a fast socket
     * complete at once, and the event loop runs queued tasks in batches, so without it a whole
     * page would go out before the socket is read again, and a C-CANCEL (PS3.7 §9.3.2.3), even
     * one sent right behind the request, would only be seen after the last match.
     */
    private static Future<Void> pause(Context context, int i) {
        if (context == null || i % MATCHES_PER_PAUSE != 0) {
            return Future.succeededFuture();
        }
        Promise<Void> next = Promise.promise();
        context.runOnContext(v -> context.owner().setTimer(1, id -> next.complete()));
        return next.future();
    }

    /** A key the index refuses is the requester's error (A900H); anything else is ours (C000H). */
    private static Future<QueryResult> failure(Throwable e) {
        Status status = e instanceof IllegalArgumentException
                ? Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS.withComment(e.getMessage())
                : DimseServiceException.statusOf(e, Status.UNABLE_TO_PROCESS);
        return Future.failedFuture(new DimseServiceException(status));
    }
}
