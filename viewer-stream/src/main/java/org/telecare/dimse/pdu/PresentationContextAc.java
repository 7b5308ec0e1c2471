package org.telecare.dimse.pdu;

/**
 * The acceptor's answer to one proposed presentation context: item 21h (PS3.8 §9.3.3.2,
 * Table 9-18).
 *
 * @param result         one of the {@code RESULT_*} values
 * @param transferSyntax the accepted transfer syntax; only meaningful when accepted (a rejected
 *                       context still carries one sub-item, its value is not significant)
 */
public record PresentationContextAc(int id, int result, String transferSyntax) {

    public static final int RESULT_ACCEPTANCE = 0;
    public static final int RESULT_USER_REJECTION = 1;
    public static final int RESULT_NO_REASON = 2;
    public static final int RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContextAc {
        PduChecks.u8(id, "presentation context id");
        PduChecks.u8(result, "presentation context result");
        if (result == RESULT_ACCEPTANCE) {
            PduChecks.uid(transferSyntax, "accepted transfer syntax");
        }
    }

    public boolean accepted() {
        return result == RESULT_ACCEPTANCE;
    }
}
