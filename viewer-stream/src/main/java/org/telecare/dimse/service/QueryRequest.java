package org.telecare.dimse.service;

import io.vertx.core.buffer.Buffer;
import org.telecare.dimse.association.AssociationInfo;
import org.telecare.dimse.message.Dimse;

/**
 * A C-FIND, C-MOVE or C-GET request (PS3.4 Annex C) with its identifier.
 *
 * @param command        the {@link Dimse.CFindRq}, {@link Dimse.CMoveRq} or {@link Dimse.CGetRq}
 * @param identifier     the identifier data set, raw bytes in {@code transferSyntax}
 */
public record QueryRequest(AssociationInfo association, Dimse.Request command, String transferSyntax,
                           Buffer identifier) {

    public String sopClassUid() {
        return command.sopClassUid();
    }

    /** The C-MOVE destination AE title, or {@code null} for C-FIND/C-GET. */
    public String moveDestination() {
        return command instanceof Dimse.CMoveRq m ? m.moveDestination() : null;
    }
}
