package org.telecare.dimse.association;

import org.junit.jupiter.api.Test;
import org.telecare.dimse.pdu.AAssociateRj;
import org.telecare.dimse.pdu.AAssociateRq;
import org.telecare.dimse.pdu.PresentationContextAc;
import org.telecare.dimse.pdu.PresentationContextRq;
import org.telecare.dimse.pdu.UserInformation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.telecare.dimse.association.TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN;
import static org.telecare.dimse.association.TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN;
import static org.telecare.dimse.association.TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN;

class NegotiationTest {
    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String UNKNOWN = "1.2.3.4.5.6";

    final AssociationConfig config = AssociationConfig.defaults().withAeTitle("ARCHIVE").withMaxPduLength(32768);
    final SyntaxSupport support = new SyntaxSupport() {
        public List<String> transferSyntaxes(String as) {
            return Map.of(VERIFICATION, List.of(IMPLICIT_VR_LITTLE_ENDIAN),
                    CT, List.of(EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN)).getOrDefault(as, List.of());
        }

        public boolean acceptsRequestorAsScp(String sop) {
            return sop.equals(CT);
        }
    };

    static AAssociateRq rq(int version, String called, String calling, String appContext, List<UserInformation.RoleSelection> roles) {
        return new AAssociateRq(version, called, calling, appContext, List.of(
                new PresentationContextRq(1, CT, List.of(IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN)),
                new PresentationContextRq(3, CT, List.of(EXPLICIT_VR_BIG_ENDIAN)),
                new PresentationContextRq(5, UNKNOWN, List.of(IMPLICIT_VR_LITTLE_ENDIAN)),
                new PresentationContextRq(7, VERIFICATION, List.of(IMPLICIT_VR_LITTLE_ENDIAN))),
                new UserInformation(8192, "1.2.3", "PEER", new UserInformation.AsyncOps(5, 5), roles, List.of(), null, null));
    }

    static AAssociateRq rq(String called, String calling) {
        return rq(1, called, calling, AAssociateRq.DICOM_APPLICATION_CONTEXT, List.of());
    }

    @Test
    void acceptsEachContextWithOurFirstPreferredTransferSyntax() {
        var result = (Negotiation.Accepted) Negotiation.negotiate(rq("ARCHIVE", "MODALITY"), config, support, null, false);
        // A rejected context still carries a transfer syntax sub-item; its value is not significant (PS3.8 §9.3.3.2).
        assertThat(result.ac().presentationContexts()).extracting(PresentationContextAc::id, PresentationContextAc::result)
                .containsExactly(tuple(1, PresentationContextAc.RESULT_ACCEPTANCE),
                        tuple(3, PresentationContextAc.RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED),
                        tuple(5, PresentationContextAc.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED),
                        tuple(7, PresentationContextAc.RESULT_ACCEPTANCE));
        assertThat(result.ac().presentationContexts().get(0).transferSyntax()).isEqualTo(EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(result.ac().presentationContexts().get(3).transferSyntax()).isEqualTo(IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(result.info().contexts()).containsOnlyKeys(1, 7);
        assertThat(result.info().peerMaxPduLength()).isEqualTo(8192);
        assertThat(result.info().maxPdvDataLength()).isEqualTo(8186);
        assertThat(result.ac().userInformation().maxPduLength()).isEqualTo(32768);
        assertThat(result.ac().userInformation().implementationClassUid()).isEqualTo(Implementation.CLASS_UID).startsWith("2.25.");
        assertThat(result.ac().userInformation().implementationVersion()).isEqualTo("TELECARE_0.1");
        assertThat(result.ac().userInformation().asyncOps()).isEqualTo(new UserInformation.AsyncOps(1, 1));
    }

    @Test
    void rejectionsCarryTheStandardSourceAndReason() {
        assertThat(reject(rq("OTHER", "MODALITY"), config)).isEqualTo(new AAssociateRj(1, 1, 7));
        assertThat(reject(rq(2, "ARCHIVE", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT, List.of()), config))
                .isEqualTo(new AAssociateRj(1, 2, 2));
        assertThat(reject(rq(1, "ARCHIVE", "MODALITY", "1.2.3.4", List.of()), config)).isEqualTo(new AAssociateRj(1, 1, 2));
        assertThat(reject(rq("ARCHIVE", "STRANGER"), config.withAePolicy(AePolicy.only(Set.of("MODALITY")))))
                .isEqualTo(new AAssociateRj(1, 1, 3));
        assertThat(Negotiation.negotiate(rq("ARCHIVE", "MODALITY"), config, support, null, true))
                .isEqualTo(new Negotiation.Rejected(new AAssociateRj(2, 3, 2)));
    }

    @Test
    void roleSelectionIsAnsweredForAcceptedSopClassesOnly() {
        var roles = List.of(new UserInformation.RoleSelection(CT, true, true),
                new UserInformation.RoleSelection(VERIFICATION, true, true),
                new UserInformation.RoleSelection(UNKNOWN, false, true));
        var result = (Negotiation.Accepted) Negotiation.negotiate(
                rq(1, "ARCHIVE", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT, roles), config, support, null, false);
        assertThat(result.ac().userInformation().roleSelections()).containsExactly(
                new UserInformation.RoleSelection(CT, true, true),
                new UserInformation.RoleSelection(VERIFICATION, true, false));
    }

    @Test
    void implementationClassUidIsAValidUuidDerivedUid() {
        assertThat(Implementation.CLASS_UID).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64);
    }

    private AAssociateRj reject(AAssociateRq rq, AssociationConfig cfg) {
        return ((Negotiation.Rejected) Negotiation.negotiate(rq, cfg, support, null, false)).rj();
    }
}
