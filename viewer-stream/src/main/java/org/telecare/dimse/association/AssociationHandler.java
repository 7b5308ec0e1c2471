package org.telecare.dimse.association;

import io.vertx.core.Future;
import org.telecare.dimse.pdu.Pdv;

/**
 * The DIMSE layer above an established association (the "A-P-DATA / A-RELEASE indication" side
 * of PS3.8 §7). All calls come on the association's context.
 */
public interface AssociationHandler {

    /**
     * One PDV of a received P-DATA-TF. The returned future (or {@code null}) holds back further
     * PDUs until it completes: that is how slow consumers push back on the peer.
     */
    Future<Void> onPdv(Pdv pdv);

    /** The peer asked to release (PS3.8 A-RELEASE indication); complete once outstanding operations are done. */
    Future<Void> onReleaseRequested();

    /** The association ended; {@code cause} is {@code null} after an orderly release. Called once. */
    void onClosed(AssociationException cause);

    /** Whether operations are outstanding; the idle timer never fires while they are. */
    boolean busy();
}
