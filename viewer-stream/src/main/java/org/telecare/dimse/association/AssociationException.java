package org.telecare.dimse.association;

import org.telecare.dimse.pdu.AAbort;
import org.telecare.dimse.pdu.AAssociateRj;

/**
 * An association that ended other than by orderly release: rejected ({@link #rejection()}),
 * aborted by either side ({@link #abort()}, {@link #byPeer()}), or lost with its transport.
 */
public class AssociationException extends RuntimeException {
    private final AAssociateRj rejection;
    private final AAbort abort;
    private final boolean byPeer;

    private AssociationException(String message, AAssociateRj rejection, AAbort abort, boolean byPeer, Throwable cause) {
        super(message, cause);
        this.rejection = rejection;
        this.abort = abort;
        this.byPeer = byPeer;
    }

    public static AssociationException rejected(AAssociateRj rj) {
        return new AssociationException("association rejected: " + rj, rj, null, true, null);
    }

    public static AssociationException abortedByPeer(AAbort abort) {
        return new AssociationException("association aborted by the peer: " + abort, null, abort, true, null);
    }

    public static AssociationException abortedLocally(AAbort abort, String why) {
        return new AssociationException("association aborted: " + why + " (" + abort + ")", null, abort, false, null);
    }

    public static AssociationException transport(String why, Throwable cause) {
        return new AssociationException("transport lost: " + why, null, null, false, cause);
    }

    /** The A-ASSOCIATE-RJ received, or {@code null}. */
    public AAssociateRj rejection() {
        return rejection;
    }

    /** The A-ABORT sent or received, or {@code null}. */
    public AAbort abort() {
        return abort;
    }

    public boolean byPeer() {
        return byPeer;
    }
}
