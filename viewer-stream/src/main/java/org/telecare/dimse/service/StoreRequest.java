package org.telecare.dimse.service;

import org.telecare.dimse.association.AssociationInfo;
import org.telecare.dimse.message.Dimse;

/**
 * A C-STORE being received (PS3.4 Annex B, PS3.7 §9.1.1).
 *
 * @param transferSyntax the data set's transfer syntax (that of the presentation context)
 */
public record StoreRequest(AssociationInfo association, Dimse.CStoreRq command, String transferSyntax) {

    public String sopClassUid() {
        return command.sopClassUid();
    }

    public String sopInstanceUid() {
        return command.sopInstanceUid();
    }
}
