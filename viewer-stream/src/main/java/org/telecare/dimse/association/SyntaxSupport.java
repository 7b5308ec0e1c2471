package org.telecare.dimse.association;

import java.util.List;

/**
 * What the local application supports, asked by the acceptor's {@link Negotiation}: for each
 * abstract syntax (SOP class) the transfer syntaxes in our order of preference.
 */
@FunctionalInterface
public interface SyntaxSupport {

    /** Our transfer syntaxes for an abstract syntax, best first; empty when it is not supported. */
    List<String> transferSyntaxes(String abstractSyntax);

    /**
     * Whether the requestor may take the SCP role for this SOP class (PS3.7 Annex D.3.3.4), e.g.
     * storage classes when we serve C-GET. The SCU role proposed is always accepted.
     */
    default boolean acceptsRequestorAsScp(String sopClassUid) {
        return false;
    }
}
