package org.telecare.dimse.scu;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.dimse.association.Association;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.association.Implementation;
import org.telecare.dimse.message.DimseExchange;
import org.telecare.dimse.message.RequestHandler;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.PresentationContextRq;
import org.telecare.dimse.pdu.UserInformation;
import org.telecare.dimse.service.ServiceRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens associations as requestor. {@code local} gives our AE title (the calling AE), our max
 * PDU length and the ARTIM time (connect and A-ASSOCIATE-AC wait).
 */
public final class DicomClient {
    private final Vertx vertx;
    private final AssociationConfig local;

    public DicomClient(Vertx vertx, AssociationConfig local) {
        this.vertx = vertx;
        this.local = local;
    }

    /** Opens an association offering these contexts; our side serves nothing but C-ECHO. */
    public Future<ScuAssociation> connect(String host, int port, String calledAeTitle, List<Offer> offers) {
        return connect(host, port, calledAeTitle, offers, new ServiceRegistry().requestHandler());
    }

    /**
     * Opens an association; {@code scpSide} performs requests the peer sends us (C-STOREs of a
     * C-GET, with {@link Offer#withScpRole()}).
     */
    public Future<ScuAssociation> connect(String host, int port, String calledAeTitle, List<Offer> offers,
                                         RequestHandler scpSide) {
        if (offers.isEmpty() || offers.size() > 128) {
            return Future.failedFuture(new IllegalArgumentException("offer 1 to 128 presentation contexts"));
        }
        List<PresentationContextRq> contexts = new ArrayList<>();
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        int id = 1;
        for (Offer o : offers) {
            contexts.add(new PresentationContextRq(id, o.abstractSyntax(), o.transferSyntaxes()));
            id += 2;
            if (o.scpRole() && roles.stream().noneMatch(r -> r.sopClassUid().equals(o.abstractSyntax()))) {
                roles.add(new UserInformation.RoleSelection(o.abstractSyntax(), true, true));
            }
        }
        UserInformation ui = new UserInformation(local.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, null, roles, List.of(), null, null);
        AAssociateRq rq = new AAssociateRq(1, calledAeTitle, local.aeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT,
                contexts, ui);
        AtomicReference<DimseExchange> exchange = new AtomicReference<>();
        var factory = DimseExchange.factory(scpSide);
        return Association.request(vertx, local, host, port, rq, a -> {
            var handler = factory.apply(a);
            exchange.set((DimseExchange) handler);
            return handler;
        }).map(a -> new ScuAssociation(a, exchange.get()));
    }
}
