package org.telecare.archive.qr;

import org.telecare.archive.outbound.OutboundData;
import org.telecare.archive.outbound.OutboundObject;
import org.telecare.dimse.association.PresentationContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.GetHandler;
import org.telecare.dimse.service.QueryRequest;
import org.telecare.dimse.service.Responder;
import org.telecare.dimse.service.RetrieveResult;

import java.util.List;

/**
 * C-GET SCP (PS3.4 §C.4.3, ARC-2): the selected instances go back to the requestor as C-STOREs
 * on the same association, for which it offered storage contexts with the SCP role. An instance
 * goes in its stored syntax when the requestor offered it, else re-encoded to an uncompressed
 * syntax it offered ({@link OutboundData}); otherwise it counts as a failed sub-operation. DIMSE has no user to apply data policies to; see {@link MoveScp}.
 */
final class GetScp implements GetHandler {
    private final Vertx vertx;
    private final RetrieveResolver resolver;
    private final OutboundData dataSets;

    GetScp(Vertx vertx, RetrieveResolver resolver, OutboundData dataSets) {
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
            return SubOperationRun.run(vertx, instances, responder, i -> dataSets.prepare(OutboundObject.of(i),
                            (sopClass, syntaxes) -> request.association().contextFor(sopClass, syntaxes)
                                    .map(PresentationContext::transferSyntax))
                    .compose(p -> responder.store(i.sopClassUid(), i.sopInstanceUid(), p.transferSyntaxUid(), p.payload())
                            .eventually(() -> {
                                p.release().run();
                                return Future.succeededFuture();
                            })));
        });
    }
}
