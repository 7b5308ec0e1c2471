package org.telecare.dimse.association;

import org.telecare.dimse.pdu.UserInformation;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was agreed for an established association.
 *
 * @param callingAeTitle   the requestor's AE title
 * @param calledAeTitle    the acceptor's AE title
 * @param ourMaxPduLength  the largest P-DATA-TF we receive
 * @param peerMaxPduLength the largest P-DATA-TF the peer receives; 0 = no limit (PS3.8 Annex D.1)
 * @param contexts         accepted presentation contexts by id
 * @param roles            role selections agreed (PS3.7 Annex D.3.3.4), by SOP class
 * @param peerImplementationClassUid the peer's implementation class UID
 * @param peerImplementationVersion  the peer's implementation version name, or {@code null}
 * @param userIdentity     the requestor's user identity item, or {@code null}
 */
public record AssociationInfo(String callingAeTitle, String calledAeTitle, SocketAddress remoteAddress,
                              long ourMaxPduLength, long peerMaxPduLength, Map<Integer, PresentationContext> contexts,
                              Map<String, UserInformation.RoleSelection> roles, String peerImplementationClassUid,
                              String peerImplementationVersion, UserInformation.UserIdentityRq userIdentity) {

    public AssociationInfo {
        contexts = Map.copyOf(contexts);
        roles = Map.copyOf(roles);
    }

    public Optional<PresentationContext> context(int id) {
        return Optional.ofNullable(contexts.get(id));
    }

    /** An accepted context for the abstract syntax, preferring one of the given transfer syntaxes in order. */
    public Optional<PresentationContext> contextFor(String abstractSyntax, List<String> preferredTransferSyntaxes) {
        List<PresentationContext> candidates = contexts.values().stream()
                .filter(pc -> pc.abstractSyntax().equals(abstractSyntax))
                .sorted(java.util.Comparator.comparingInt(PresentationContext::id)).toList();
        for (String ts : preferredTransferSyntaxes) {
            for (PresentationContext pc : candidates) {
                if (pc.transferSyntax().equals(ts)) {
                    return Optional.of(pc);
                }
            }
        }
        return preferredTransferSyntaxes.isEmpty() ? candidates.stream().findFirst() : Optional.empty();
    }

    /**
     * The data bytes one PDV may carry when sending to the peer: its max PDU length minus the PDV
     * item header (4-byte length, context id, control header), PS3.8 §9.3.5.
     */
    public int maxPdvDataLength() {
        long max = peerMaxPduLength == 0 ? 1 << 20 : Math.min(peerMaxPduLength, 16 << 20);
        return (int) Math.max(max - 6, 1);
    }
}
