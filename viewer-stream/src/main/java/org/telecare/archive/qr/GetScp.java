package org.telecare.archive.qr;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.scu.NoPresentationContextException;
import org.telecare.dimse.service.GetHandler;
import org.telecare.dimse.service.QueryRequest;
import org.telecare.dimse.service.Responder;
import org.telecare.dimse.service.RetrieveResult;

import java.util.List;

/**
 * C-GET SCP (PS3.4 §C.4.3, ARC-2): the selected instances go back to the requestor as C-STOREs
 * on the same association, for which it offered storage contexts with the SCP role. An instance
 * whose SOP class and stored transfer syntax it did not offer counts as a failed sub-operation
 * (no transcoding yet). DIMSE has no user to apply data policies to; see {@link MoveScp}.
 */
final class GetScp implements GetHandler {
    private final Vertx vertx;
    private final RetrieveResolver resolver;
    private final StoredDataSets dataSets;

    GetScp(Vertx vertx, RetrieveResolver resolver, StoredDataSets dataSets) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.dataSets = dataSets;
    }

    @Override
    public Future<RetrieveResult> get(QueryRequest request, Responder responder) {
        return resolver.resolve(request).compose(instances -> {
            if (responder.cancelled()) {
                return Future.succeededFuture(new RetrieveResult(Status.CANCEL,
                        new SubOperations(instances.size(), 0, 0, 0)));
            }
            return SubOperationRun.run(vertx, instances, responder, i -> {
                if (request.association().contextFor(i.sopClassUid(), List.of(i.transferSyntaxUid())).isEmpty()) {
                    return Future.failedFuture(new NoPresentationContextException(i.sopClassUid(), i.transferSyntaxUid()));
                }
                return dataSets.open(i).compose(data -> responder.store(i.sopClassUid(), i.sopInstanceUid(),
                        i.transferSyntaxUid(), data));
            });
        });
    }
}
