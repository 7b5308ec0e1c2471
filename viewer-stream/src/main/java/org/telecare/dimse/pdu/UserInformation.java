package org.telecare.dimse.pdu;

import java.util.List;

/**
 * The user information item 50h and its sub-items (PS3.8 Annex D). Optional sub-items are
 * {@code null} or empty when absent; unknown sub-item types are skipped on decode.
 *
 * @param maxPduLength            51h: the largest P-DATA-TF variable field the sender can receive; 0 = no limit
 * @param implementationClassUid  52h (PS3.7 Annex D.3.3.2), required
 * @param implementationVersion   55h, optional (1 to 16 characters)
 * @param asyncOps                53h (PS3.7 Annex D.3.3.3), optional
 * @param roleSelections          54h (PS3.7 Annex D.3.3.4), one per SOP class
 * @param extendedNegotiations    56h (PS3.7 Annex D.3.3.5), service-class application information
 * @param userIdentityRq          58h (PS3.7 Annex D.3.3.7), request only
 * @param userIdentityAc          59h, accept only
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersion,
                              AsyncOps asyncOps, List<RoleSelection> roleSelections,
                              List<ExtendedNegotiation> extendedNegotiations,
                              UserIdentityRq userIdentityRq, UserIdentityAc userIdentityAc) {

    public static final int ITEM_MAX_LENGTH = 0x51;
    public static final int ITEM_IMPLEMENTATION_CLASS_UID = 0x52;
    public static final int ITEM_ASYNC_OPS = 0x53;
    public static final int ITEM_ROLE_SELECTION = 0x54;
    public static final int ITEM_IMPLEMENTATION_VERSION = 0x55;
    public static final int ITEM_EXTENDED_NEGOTIATION = 0x56;
    public static final int ITEM_USER_IDENTITY_RQ = 0x58;
    public static final int ITEM_USER_IDENTITY_AC = 0x59;

    public UserInformation {
        if (maxPduLength < 0 || maxPduLength > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max PDU length must fit in 32 unsigned bits: " + maxPduLength);
        }
        PduChecks.uid(implementationClassUid, "implementation class UID");
        if (implementationVersion != null && (implementationVersion.isEmpty() || implementationVersion.length() > 16)) {
            throw new IllegalArgumentException("implementation version name must have 1 to 16 characters");
        }
        roleSelections = roleSelections == null ? List.of() : List.copyOf(roleSelections);
        extendedNegotiations = extendedNegotiations == null ? List.of() : List.copyOf(extendedNegotiations);
    }

    /** Only the required sub-items. */
    public static UserInformation of(long maxPduLength, String implementationClassUid, String implementationVersion) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersion, null,
                List.of(), List.of(), null, null);
    }

    /** 53h: how many operations each side may invoke / perform at once; 0 = unlimited. */
    public record AsyncOps(int maxInvoked, int maxPerformed) {
        public AsyncOps {
            PduChecks.u16(maxInvoked, "max operations invoked");
            PduChecks.u16(maxPerformed, "max operations performed");
        }
    }

    /** 54h: whether the requestor acts as SCU and/or SCP of a SOP class. */
    public record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) {
        public RoleSelection {
            PduChecks.uid(sopClassUid, "role selection SOP class");
        }
    }

    /** 56h: SOP class extended negotiation, the application information kept as bytes. */
    public record ExtendedNegotiation(String sopClassUid, byte[] applicationInformation) {
        public ExtendedNegotiation {
            PduChecks.uid(sopClassUid, "extended negotiation SOP class");
            applicationInformation = applicationInformation.clone();
        }
    }

    /**
     * 58h: user identity. Type 1 username, 2 username + passcode, 3 Kerberos, 4 SAML, 5 JWT.
     */
    public record UserIdentityRq(int identityType, boolean positiveResponseRequested, byte[] primaryField,
                                 byte[] secondaryField) {
        public UserIdentityRq {
            PduChecks.u8(identityType, "user identity type");
            primaryField = primaryField.clone();
            secondaryField = secondaryField == null ? new byte[0] : secondaryField.clone();
        }
    }

    /** 59h: the server response to a user identity that asked for a positive response. */
    public record UserIdentityAc(byte[] serverResponse) {
        public UserIdentityAc {
            serverResponse = serverResponse.clone();
        }
    }
}
