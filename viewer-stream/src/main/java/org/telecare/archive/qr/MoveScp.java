package org.telecare.archive.qr;

import org.telecare.archive.outbound.OutboundData;
import org.telecare.archive.outbound.OutboundObject;
import org.telecare.archive.outbound.OutboundOffers;
import org.telecare.dimse.association.PresentationContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.archive.remote.RemoteAe;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.dimse.association.AePolicy;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.MoveHandler;
import org.telecare.dimse.service.QueryRequest;
import org.telecare.dimse.service.Responder;
import org.telecare.dimse.service.RetrieveResult;

import java.util.List;

/**
 * C-MOVE SCP (PS3.4 §C.4.2, ARC-2): the instances the identifier selects go to the Move
 * Destination over a new association, as C-STOREs carrying the Move Originator AE Title and
 * Message ID. The destination must be a known AE ({@link RemoteAes}), else A801H.
 *
 * <p>Why only known AEs and no data policy: a DIMSE request has no user to decide for, only AE
 * titles. What leaves the archive goes only to AEs an administrator registered, the trust
 * boundary for DIMSE (ARC-2); the per-user data policies (SEC-4) guard the HTTP paths.
 */
final class MoveScp implements MoveHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MoveScp.class);

    private final Vertx vertx;
    private final RetrieveResolver resolver;
    private final OutboundData dataSets;
    private final RemoteAes remoteAes;
    private final JsonObject dicomConfig;

    MoveScp(Vertx vertx, RetrieveResolver resolver, OutboundData dataSets, RemoteAes remoteAes, JsonObject dicomConfig) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.dataSets = dataSets;
        this.remoteAes = remoteAes;
        this.dicomConfig = dicomConfig;
    }

    @Override
    public Future<RetrieveResult> move(QueryRequest request, Responder responder) {
        String title = request.moveDestination();
        RemoteAe destination = remoteAes.byTitle(title).orElseThrow(() -> new DimseServiceException(
                Status.MOVE_DESTINATION_UNKNOWN, "unknown move destination " + title));
        return resolver.resolve(request).compose(instances -> {
            if (instances.isEmpty()) {
                return Future.succeededFuture(RetrieveResult.of(0, 0, 0));
            }
            if (responder.cancelled()) {
                return Future.succeededFuture(new RetrieveResult(Status.CANCEL,
                        new SubOperations(instances.size(), 0, 0, 0)));
            }
            // Our calling AE title is the one the requestor called us by.
            AssociationConfig local = AssociationConfig.fromJson(dicomConfig, AePolicy.ANY)
                    .withAeTitle(request.association().calledAeTitle());
            return new DicomClient(vertx, local)
                    .connect(destination.host(), destination.port(), destination.aeTitle(), OutboundOffers.of(instances.stream().map(OutboundObject::of).toList()))
                    .transform(ar -> ar.succeeded() ? send(ar.result(), instances, request, responder)
                            : Future.succeededFuture(unreachable(destination, instances.size(), ar.cause())));
        });
    }

    private Future<RetrieveResult> send(ScuAssociation association, List<StoredInstance> instances, QueryRequest request,
                                        Responder responder) {
        String originator = request.association().callingAeTitle();
        int messageId = request.command().messageId();
        return SubOperationRun.run(vertx, instances, responder, i -> dataSets.prepare(OutboundObject.of(i),
                        (sopClass, syntaxes) -> association.info().contextFor(sopClass, syntaxes)
                                .map(PresentationContext::transferSyntax))
                .compose(p -> association.store(i.sopClassUid(), i.sopInstanceUid(), p.transferSyntaxUid(), p.payload(),
                        originator, messageId).eventually(() -> {
                            p.release().run();
                            return Future.succeededFuture();
                        }))).eventually(() -> association.release().recover(e -> {
            association.abort();
            return Future.succeededFuture();
        }));
    }

    /** No association (refused, unreachable): every sub-operation failed, A702H with the reason. */
    private static RetrieveResult unreachable(RemoteAe destination, int count, Throwable cause) {
        LOG.warn("C-MOVE destination {} at {}:{}: {}", destination.aeTitle(), destination.host(), destination.port(),
                cause.toString());
        RetrieveResult all = RetrieveResult.of(0, count, 0);
        return new RetrieveResult(all.status().withComment("destination " + destination.aeTitle() + ": "
                + cause.getMessage()), all.subOperations());
    }
}
