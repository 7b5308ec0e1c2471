package org.telecare.dimse.scu;

/** The association has no accepted presentation context for what was asked. */
public class NoPresentationContextException extends IllegalStateException {
    public NoPresentationContextException(String sopClass, String transferSyntax) {
        super("no accepted presentation context for " + sopClass + (transferSyntax == null ? "" : " in " + transferSyntax));
    }
}
