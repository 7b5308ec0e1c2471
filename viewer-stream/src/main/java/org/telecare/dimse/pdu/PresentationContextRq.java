package org.telecare.dimse.pdu;

import java.util.List;

/**
 * A proposed presentation context: item 20h with one abstract syntax sub-item (30h) and one or
 * more transfer syntax sub-items (40h) (PS3.8 §9.3.2.2).
 *
 * @param id odd number 1..255, unique within the association
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextRq {
        if (id < 1 || id > 255 || id % 2 == 0) {
            throw new IllegalArgumentException("presentation context id must be odd, 1..255: " + id);
        }
        PduChecks.uid(abstractSyntax, "abstract syntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " proposes no transfer syntax");
        }
        transferSyntaxes.forEach(ts -> PduChecks.uid(ts, "transfer syntax"));
    }
}
