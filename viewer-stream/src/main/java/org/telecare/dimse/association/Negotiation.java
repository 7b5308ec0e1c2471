package org.telecare.dimse.association;

import org.telecare.dimse.pdu.AAssociateAc;
import org.telecare.dimse.pdu.AAssociateRj;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.PresentationContextAc;
import org.telecare.dimse.pdu.PresentationContextRq;
import org.telecare.dimse.pdu.UserInformation;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The acceptor's answer to an A-ASSOCIATE-RQ (PS3.8 §7.1.1, PS3.7 Annex D). Pure: no socket,
 * so every rule is tested on its own.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /** The outcome: an A-ASSOCIATE-AC with the agreed {@link AssociationInfo}, or an A-ASSOCIATE-RJ. */
    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(AAssociateAc ac, AssociationInfo info) implements Result {
    }

    public record Rejected(AAssociateRj rj) implements Result {
    }

    /**
     * Checks, in this order: protocol version (bit 0, PS3.8 §9.3.2), application context name,
     * called AE title, calling AE title (the {@link AePolicy}), the association limit; then answers
     * each presentation context with the first of our transfer syntaxes the requestor proposed
     * (results 3 and 4 for the others, PS3.8 Table 9-18).
     */
    public static Result negotiate(AAssociateRq rq, AssociationConfig config, SyntaxSupport support,
                                   SocketAddress remote, boolean overLimit) {
        if ((rq.protocolVersion() & 1) == 0) {
            return new Rejected(AAssociateRj.protocolVersionNotSupported());
        }
        if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return new Rejected(AAssociateRj.applicationContextNotSupported());
        }
        if (!config.aeTitle().equals(rq.calledAeTitle())) {
            return new Rejected(AAssociateRj.calledAeNotRecognized());
        }
        if (!config.aePolicy().accepts(rq, remote)) {
            return new Rejected(AAssociateRj.callingAeNotRecognized());
        }
        if (overLimit) {
            return new Rejected(AAssociateRj.localLimitExceeded());
        }
        List<PresentationContextAc> answers = new ArrayList<>();
        Map<Integer, PresentationContext> accepted = new HashMap<>();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            List<String> ours = support.transferSyntaxes(pc.abstractSyntax());
            if (ours.isEmpty()) {
                answers.add(new PresentationContextAc(pc.id(), PresentationContextAc.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        pc.transferSyntaxes().getFirst()));
                continue;
            }
            String chosen = ours.stream().filter(pc.transferSyntaxes()::contains).findFirst().orElse(null);
            if (chosen == null) {
                answers.add(new PresentationContextAc(pc.id(), PresentationContextAc.RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED,
                        pc.transferSyntaxes().getFirst()));
                continue;
            }
            answers.add(new PresentationContextAc(pc.id(), PresentationContextAc.RESULT_ACCEPTANCE, chosen));
            accepted.put(pc.id(), new PresentationContext(pc.id(), pc.abstractSyntax(), chosen));
        }
        UserInformation theirs = rq.userInformation();
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        Map<String, UserInformation.RoleSelection> agreed = new HashMap<>();
        for (UserInformation.RoleSelection r : theirs.roleSelections()) {
            boolean offered = accepted.values().stream().anyMatch(pc -> pc.abstractSyntax().equals(r.sopClassUid()));
            if (!offered || agreed.containsKey(r.sopClassUid())) {
                continue;
            }
            UserInformation.RoleSelection answer = new UserInformation.RoleSelection(r.sopClassUid(), r.scuRole(),
                    r.scpRole() && support.acceptsRequestorAsScp(r.sopClassUid()));
            roles.add(answer);
            agreed.put(r.sopClassUid(), answer);
        }
        UserInformation ours = new UserInformation(config.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, theirs.asyncOps() == null ? null : new UserInformation.AsyncOps(1, 1),
                roles, List.of(), null, null);
        AAssociateAc ac = new AAssociateAc(rq.protocolVersion() & 1, rq.calledAeTitle(), rq.callingAeTitle(),
                rq.applicationContext(), answers, ours);
        AssociationInfo info = new AssociationInfo(rq.callingAeTitle(), rq.calledAeTitle(), remote,
                config.maxPduLength(), theirs.maxPduLength(), accepted, agreed, theirs.implementationClassUid(),
                theirs.implementationVersion(), theirs.userIdentityRq());
        return new Accepted(ac, info);
    }

    /** The requestor's view after an A-ASSOCIATE-AC: the accepted contexts of our proposal. */
    public static AssociationInfo accepted(AAssociateRq rq, AAssociateAc ac, SocketAddress remote) {
        Map<Integer, PresentationContext> contexts = new HashMap<>();
        for (PresentationContextAc answer : ac.presentationContexts()) {
            if (!answer.accepted()) {
                continue;
            }
            rq.presentationContexts().stream().filter(p -> p.id() == answer.id()).findFirst()
                    .filter(p -> p.transferSyntaxes().contains(answer.transferSyntax()))
                    .ifPresent(p -> contexts.put(p.id(), new PresentationContext(p.id(), p.abstractSyntax(), answer.transferSyntax())));
        }
        Map<String, UserInformation.RoleSelection> roles = new HashMap<>();
        ac.userInformation().roleSelections().forEach(r -> roles.putIfAbsent(r.sopClassUid(), r));
        UserInformation ui = ac.userInformation();
        return new AssociationInfo(rq.callingAeTitle(), rq.calledAeTitle(), remote, rq.userInformation().maxPduLength(),
                ui.maxPduLength(), contexts, roles, ui.implementationClassUid(), ui.implementationVersion(),
                rq.userInformation().userIdentityRq());
    }
}
