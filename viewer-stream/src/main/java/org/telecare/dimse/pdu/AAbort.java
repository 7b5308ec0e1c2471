package org.telecare.dimse.pdu;

/**
 * A-ABORT (PS3.8 §9.3.8, Table 9-26).
 *
 * @param source 0 = service-user, 2 = service-provider (1 is reserved)
 * @param reason meaningful only for the service-provider source, see the {@code REASON_*} constants
 */
public record AAbort(int source, int reason) implements Pdu {

    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int REASON_UNRECOGNIZED_PDU = 1;
    public static final int REASON_UNEXPECTED_PDU = 2;
    public static final int REASON_UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    public AAbort {
        PduChecks.u8(source, "abort source");
        PduChecks.u8(reason, "abort reason");
    }

    /** An abort by the service provider (the upper layer itself) with one of the reasons. */
    public static AAbort provider(int reason) {
        return new AAbort(SOURCE_SERVICE_PROVIDER, reason);
    }

    /** An abort asked for by the local application (PS3.8 A-ABORT service-user). */
    public static AAbort user() {
        return new AAbort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    @Override
    public int type() {
        return A_ABORT;
    }

    @Override
    public String toString() {
        return "A-ABORT[source=" + source + ", reason=" + reason + "]";
    }
}
