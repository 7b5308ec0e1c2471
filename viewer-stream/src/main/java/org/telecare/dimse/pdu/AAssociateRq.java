package org.telecare.dimse.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-RQ (PS3.8 §9.3.2, Table 9-11).
 *
 * @param protocolVersion    bit 0 set = version 1, the only one defined
 * @param calledAeTitle      the AE the requestor wants to reach (trimmed)
 * @param callingAeTitle     the requestor's own AE title (trimmed)
 * @param applicationContext the application context name item (10h); DICOM's is {@link #DICOM_APPLICATION_CONTEXT}
 * @param presentationContexts the proposed presentation contexts (20h items), odd ids 1..255
 * @param userInformation    the user information item (50h, PS3.8 Annex D)
 */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle,
                           String applicationContext, List<PresentationContextRq> presentationContexts,
                           UserInformation userInformation) implements Pdu {

    /** The DICOM application context name (PS3.7 Annex A.2.1). */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    public AAssociateRq {
        PduChecks.u16(protocolVersion, "protocol version");
        calledAeTitle = AeTitle.validate(calledAeTitle);
        callingAeTitle = AeTitle.validate(callingAeTitle);
        PduChecks.uid(applicationContext, "application context name");
        presentationContexts = List.copyOf(presentationContexts);
        if (presentationContexts.isEmpty()) {
            throw new IllegalArgumentException("an A-ASSOCIATE-RQ needs at least one presentation context");
        }
        if (userInformation == null) {
            throw new IllegalArgumentException("an A-ASSOCIATE-RQ needs a user information item");
        }
    }

    @Override
    public int type() {
        return A_ASSOCIATE_RQ;
    }
}
