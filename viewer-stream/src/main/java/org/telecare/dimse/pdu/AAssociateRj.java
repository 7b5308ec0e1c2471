package org.telecare.dimse.pdu;

/**
 * A-ASSOCIATE-RJ (PS3.8 §9.3.4, Table 9-21).
 *
 * @param result 1 = rejected-permanent, 2 = rejected-transient
 * @param source 1 = service-user, 2 = service-provider (ACSE), 3 = service-provider (presentation)
 * @param reason depends on the source, see the constants
 */
public record AAssociateRj(int result, int source, int reason) implements Pdu {

    public static final int RESULT_PERMANENT = 1;
    public static final int RESULT_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Source 1 (service-user). */
    public static final int REASON_NO_REASON_GIVEN = 1;
    public static final int REASON_APPLICATION_CONTEXT_NOT_SUPPORTED = 2;
    public static final int REASON_CALLING_AE_NOT_RECOGNIZED = 3;
    public static final int REASON_CALLED_AE_NOT_RECOGNIZED = 7;
    /** Source 2 (ACSE): 1 = no reason given, 2 = protocol version not supported. */
    public static final int REASON_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    /** Source 3 (presentation). */
    public static final int REASON_TEMPORARY_CONGESTION = 1;
    public static final int REASON_LOCAL_LIMIT_EXCEEDED = 2;

    public AAssociateRj {
        PduChecks.u8(result, "reject result");
        PduChecks.u8(source, "reject source");
        PduChecks.u8(reason, "reject reason");
    }

    public static AAssociateRj calledAeNotRecognized() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_CALLED_AE_NOT_RECOGNIZED);
    }

    public static AAssociateRj callingAeNotRecognized() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_CALLING_AE_NOT_RECOGNIZED);
    }

    public static AAssociateRj applicationContextNotSupported() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_APPLICATION_CONTEXT_NOT_SUPPORTED);
    }

    public static AAssociateRj protocolVersionNotSupported() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE, REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    public static AAssociateRj localLimitExceeded() {
        return new AAssociateRj(RESULT_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, REASON_LOCAL_LIMIT_EXCEEDED);
    }

    public static AAssociateRj noReason() {
        return new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, REASON_NO_REASON_GIVEN);
    }

    @Override
    public int type() {
        return A_ASSOCIATE_RJ;
    }

    @Override
    public String toString() {
        return "A-ASSOCIATE-RJ[result=" + result + ", source=" + source + ", reason=" + reason + "]";
    }
}
