package org.telecare.dimse.pdu;

/**
 * A presentation data value item of a P-DATA-TF PDU (PS3.8 §9.3.5.1) with its message control
 * header (PS3.8 Annex E.2): bit 0 set = command fragment, clear = data set fragment; bit 1 set =
 * last fragment of that command or data set.
 */
public record Pdv(int presentationContextId, boolean command, boolean last, byte[] data) {

    public Pdv {
        PduChecks.u8(presentationContextId, "presentation context id");
        if (data == null) {
            throw new IllegalArgumentException("PDV data is missing");
        }
    }

    /** The message control header byte. */
    public int controlHeader() {
        return (command ? 0x01 : 0) | (last ? 0x02 : 0);
    }

    @Override
    public String toString() {
        return "PDV[pc=" + presentationContextId + (command ? ", command" : ", data") + (last ? ", last" : "")
                + ", " + data.length + " bytes]";
    }
}
