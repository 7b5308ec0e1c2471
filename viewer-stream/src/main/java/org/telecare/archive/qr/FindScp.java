package org.telecare.archive.qr;

import io.vertx.core.Future;
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
                throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "a " + level
                        + " query needs one " + k.keyword() + " (hierarchical, PS3.4 C.4.1.3.1.1)");
            }
        }
        IndexQuery query;
        try {
            query = new IndexQuery(level, id.keys(), Set.of(), PAGE, 0, false, false);
        } catch (IllegalArgumentException e) {
            throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage());
        }
        String retrieveAe = request.association().calledAeTitle();
        return page(query, 0, id, retrieveAe, request.transferSyntax(), responder);
    }

    /** One value, no wild card, no list: what a unique key of an upper level must be. */
    static boolean isSingleValue(String v) {
        return !v.isBlank() && v.indexOf('\\') < 0 && v.indexOf('*') < 0 && v.indexOf('?') < 0;
    }

    private Future<Status> page(IndexQuery query, int offset, QueryIdentifier id, String retrieveAe, String ts,
                                Responder responder) {
        if (responder.cancelled()) {
            return Future.succeededFuture(Status.CANCEL);
        }
        return index.find(query.withLimit(PAGE, offset)).recover(FindScp::failure).compose(result -> {
            List<Map<QueryKey, String>> matches = result.matches();
            return send(matches, 0, id, retrieveAe, ts, responder).compose(v -> {
                if (responder.cancelled()) {
                    return Future.succeededFuture(Status.CANCEL);
                }
                return more(result) ? page(query, offset + PAGE, id, retrieveAe, ts, responder)
                        : Future.succeededFuture(Status.SUCCESS);
            });
        });
    }

    private static boolean more(QueryResult result) {
        return result.matches().size() == PAGE;
    }

    private static Future<Void> send(List<Map<QueryKey, String>> matches, int i, QueryIdentifier id, String retrieveAe,
                                     String ts, Responder responder) {
        if (i >= matches.size() || responder.cancelled()) {
            return Future.succeededFuture();
        }
        Buffer identifier = ResponseIdentifier.encode(id, matches.get(i), retrieveAe, ts);
        return responder.match(identifier, id.unsupportedConstraint())
                // a C-CANCEL that arrives while a match is written ends the stream, not in failure
                .recover(e -> responder.cancelled() ? Future.succeededFuture() : Future.failedFuture(e))
                .compose(v -> send(matches, i + 1, id, retrieveAe, ts, responder));
    }

    /** A key the index refuses is the requester's error (A900H); anything else is ours (C000H). */
    private static Future<QueryResult> failure(Throwable e) {
        Status status = e instanceof IllegalArgumentException
                ? Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS.withComment(e.getMessage())
                : DimseServiceException.statusOf(e, Status.UNABLE_TO_PROCESS);
        return Future.failedFuture(new DimseServiceException(status));
    }
}
