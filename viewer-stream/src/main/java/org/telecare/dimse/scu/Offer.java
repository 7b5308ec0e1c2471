package org.telecare.dimse.scu;

import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.service.SopClasses;

import java.util.List;

/**
 * One presentation context to propose (PS3.8 §9.3.2.2), and whether we also ask for the SCP
 * role for its SOP class (PS3.7 Annex D.3.3.4: C-GET retrievers receive C-STOREs).
 */
public record Offer(String abstractSyntax, List<String> transferSyntaxes, boolean scpRole) {

    public Offer {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    public static Offer of(String abstractSyntax, String... transferSyntaxes) {
        return new Offer(abstractSyntax, transferSyntaxes.length == 0 ? TransferSyntaxes.UNCOMPRESSED
                : List.of(transferSyntaxes), false);
    }

    public static Offer verification() {
        return of(SopClasses.VERIFICATION, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    public Offer withScpRole() {
        return new Offer(abstractSyntax, transferSyntaxes, true);
    }
}
