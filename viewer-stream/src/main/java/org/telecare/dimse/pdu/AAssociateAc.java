package org.telecare.dimse.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-AC (PS3.8 §9.3.3, Table 9-17). The called and calling AE title fields repeat the
 * request's values (they are not tested by the receiver).
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle,
                           String applicationContext, List<PresentationContextAc> presentationContexts,
                           UserInformation userInformation) implements Pdu {

    public AAssociateAc {
        PduChecks.u16(protocolVersion, "protocol version");
        calledAeTitle = AeTitle.validate(calledAeTitle);
        callingAeTitle = AeTitle.validate(callingAeTitle);
        PduChecks.uid(applicationContext, "application context name");
        presentationContexts = List.copyOf(presentationContexts);
        if (userInformation == null) {
            throw new IllegalArgumentException("an A-ASSOCIATE-AC needs a user information item");
        }
    }

    @Override
    public int type() {
        return A_ASSOCIATE_AC;
    }
}
