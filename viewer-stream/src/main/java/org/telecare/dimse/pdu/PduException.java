package org.telecare.dimse.pdu;

/**
 * A PDU that cannot be accepted; {@link #abortReason()} is the A-ABORT reason the receiver sends
 * with the service-provider source (PS3.8 §9.3.8, Table 9-26).
 */
public final class PduException extends Exception {
    private final int abortReason;

    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    public static PduException invalid(String message) {
        return new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, message);
    }

    public static PduException unrecognized(String message) {
        return new PduException(AAbort.REASON_UNRECOGNIZED_PDU, message);
    }

    public int abortReason() {
        return abortReason;
    }

    /** The A-ABORT PDU that answers this error. */
    public AAbort toAbort() {
        return AAbort.provider(abortReason);
    }
}
