package org.telecare.dimse.pdu;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PduCodecTest {

    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String EVLE = "1.2.840.10008.1.2.1";
    static final String IVLE = "1.2.840.10008.1.2";

    static AAssociateRq request() {
        UserInformation ui = new UserInformation(16384, "1.2.3.4", "TEST_1",
                new UserInformation.AsyncOps(3, 2),
                List.of(new UserInformation.RoleSelection(CT, true, true)),
                List.of(new UserInformation.ExtendedNegotiation(CT, new byte[]{1, 0, 1})),
                new UserInformation.UserIdentityRq(2, true, "alice".getBytes(), "secret".getBytes()), null);
        return new AAssociateRq(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, CT, List.of(EVLE, IVLE)),
                        new PresentationContextRq(3, "1.2.840.10008.1.1", List.of(IVLE))), ui);
    }

    static Pdu roundTrip(Pdu pdu) throws PduException {
        PduDecoder d = new PduDecoder(16384);
        d.feed(PduEncoder.encode(pdu));
        Pdu back = d.next();
        assertThat(d.pending()).isZero();
        assertThat(d.next()).isNull();
        return back;
    }

    @Test
    void associateRqRoundTripsWithEveryUserInformationSubItem() throws PduException {
        AAssociateRq rq = request();
        AAssociateRq back = (AAssociateRq) roundTrip(rq);
        assertThat(back.calledAeTitle()).isEqualTo("CALLED");
        assertThat(back.callingAeTitle()).isEqualTo("CALLING");
        assertThat(back.presentationContexts()).isEqualTo(rq.presentationContexts());
        UserInformation ui = back.userInformation();
        assertThat(ui.maxPduLength()).isEqualTo(16384);
        assertThat(ui.implementationClassUid()).isEqualTo("1.2.3.4");
        assertThat(ui.implementationVersion()).isEqualTo("TEST_1");
        assertThat(ui.asyncOps()).isEqualTo(new UserInformation.AsyncOps(3, 2));
        assertThat(ui.roleSelections()).containsExactly(new UserInformation.RoleSelection(CT, true, true));
        assertThat(ui.extendedNegotiations().getFirst().applicationInformation()).containsExactly(1, 0, 1);
        assertThat(ui.userIdentityRq().identityType()).isEqualTo(2);
        assertThat(ui.userIdentityRq().positiveResponseRequested()).isTrue();
        assertThat(new String(ui.userIdentityRq().primaryField())).isEqualTo("alice");
        assertThat(new String(ui.userIdentityRq().secondaryField())).isEqualTo("secret");
    }

    @Test
    void associateRqHasTheLayoutOfPs38Table9_11() {
        byte[] b = PduEncoder.encode(request());
        assertThat(b[0]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(b, 2, 4).getInt()).isEqualTo(b.length - 6);
        assertThat(ByteBuffer.wrap(b, 6, 2).getShort()).isEqualTo((short) 1);
        assertThat(new String(b, 10, 16)).isEqualTo("CALLED          ");
        assertThat(new String(b, 26, 16)).isEqualTo("CALLING         ");
        assertThat(Arrays.copyOfRange(b, 42, 74)).containsOnly(0);
        assertThat(b[74]).isEqualTo((byte) 0x10);
    }

    @Test
    void associateAcRoundTrips() throws PduException {
        AAssociateAc ac = new AAssociateAc(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextAc(1, PresentationContextAc.RESULT_ACCEPTANCE, EVLE),
                        new PresentationContextAc(3, PresentationContextAc.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED, null)),
                new UserInformation(0, "1.2.3", null, null, List.of(), List.of(), null,
                        new UserInformation.UserIdentityAc("ok".getBytes())));
        AAssociateAc back = (AAssociateAc) roundTrip(ac);
        assertThat(back.presentationContexts()).isEqualTo(ac.presentationContexts());
        assertThat(back.userInformation().maxPduLength()).isZero();
        assertThat(new String(back.userInformation().userIdentityAc().serverResponse())).isEqualTo("ok");
    }

    @Test
    void shortPdusRoundTrip() throws PduException {
        for (Pdu pdu : List.of(new AAssociateRj(1, 1, 7), new AReleaseRq(), new AReleaseRp(), new AAbort(2, 6))) {
            assertThat(roundTrip(pdu)).isEqualTo(pdu);
            assertThat(PduEncoder.encode(pdu)).hasSize(10);
        }
    }

    @Test
    void pDataRoundTripsWithSeveralPdvsAndControlHeaders() throws PduException {
        PDataTf p = new PDataTf(List.of(new Pdv(1, true, true, new byte[]{1, 2, 3}), new Pdv(3, false, false, new byte[300])));
        PDataTf back = (PDataTf) roundTrip(p);
        assertThat(back.pdvs()).hasSize(2);
        assertThat(back.pdvs().get(0).command()).isTrue();
        assertThat(back.pdvs().get(0).last()).isTrue();
        assertThat(back.pdvs().get(0).data()).containsExactly(1, 2, 3);
        assertThat(back.pdvs().get(1).controlHeader()).isZero();
        assertThat(back.pdvs().get(1).data()).hasSize(300);
        byte[] header = PduEncoder.pDataHeader(5, false, true, 10);
        assertThat(header).containsExactly(4, 0, 0, 0, 0, 16, 0, 0, 0, 12, 5, 2);
    }

    @Test
    void decoderFramesPdusSplitAcrossReadsAndJoinedInOne() throws PduException {
        byte[] a = PduEncoder.encode(request());
        byte[] b = PduEncoder.encode(new AReleaseRq());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(a);
        both.writeBytes(b);
        byte[] all = both.toByteArray();
        PduDecoder d = new PduDecoder(16384);
        d.feed(Arrays.copyOfRange(all, 0, 3));
        assertThat(d.next()).isNull();
        d.feed(Arrays.copyOfRange(all, 3, a.length - 1));
        assertThat(d.next()).isNull();
        d.feed(Arrays.copyOfRange(all, a.length - 1, all.length));
        assertThat(d.next()).isInstanceOf(AAssociateRq.class);
        assertThat(d.next()).isInstanceOf(AReleaseRq.class);
        assertThat(d.next()).isNull();
    }

    @Test
    void unknownPduTypeIsUnrecognized() {
        assertReason(new byte[]{0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0}, AAbort.REASON_UNRECOGNIZED_PDU);
        assertReason("GET / HTTP/1.1\r\n\r\n".getBytes(), AAbort.REASON_UNRECOGNIZED_PDU);
    }

    @Test
    void wrongFixedLengthsAreInvalid() {
        assertReason(new byte[]{0x05, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0}, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        assertReason(new byte[]{0x01, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void oversizedPDataIsRefusedFromItsHeaderAlone() {
        PduDecoder d = new PduDecoder(16384);
        d.feed(new byte[]{0x04, 0, 0, 0, 0x40, 0x07});
        assertThatThrownBy(d::next).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).abortReason()).isEqualTo(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
        assertThat(d.pending()).isEqualTo(6);
    }

    @Test
    void hugeAssociatePduIsRefusedFromItsHeader() {
        assertReason(new byte[]{0x01, 0, 0x7F, 0, 0, 0}, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void truncatedPduWaitsForMoreBytes() throws PduException {
        byte[] full = PduEncoder.encode(request());
        PduDecoder d = new PduDecoder(16384);
        d.feed(Arrays.copyOf(full, full.length - 10));
        assertThat(d.next()).isNull();
        assertThat(d.pending()).isEqualTo(full.length - 10);
    }

    @Test
    void pdvOverrunningItsPduIsInvalid() {
        byte[] b = {0x04, 0, 0, 0, 0, 8, 0, 0, 0, 50, 1, 3, 0, 0};
        assertReason(b, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void itemOverrunningTheAssociateRqIsInvalid() {
        byte[] b = PduEncoder.encode(request());
        // The application context item (at 74) claims more bytes than the PDU has.
        b[76] = (byte) 0xFF;
        b[77] = (byte) 0xFF;
        assertReason(b, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void badAeTitleAndMissingUserInformationAreInvalid() {
        byte[] b = PduEncoder.encode(request());
        Arrays.fill(b, 10, 26, (byte) ' ');
        assertReason(b, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void decoderRefusesEverythingAfterAnError() {
        PduDecoder d = new PduDecoder(16384);
        d.feed(new byte[]{0x09, 0, 0, 0, 0, 0});
        assertThatThrownBy(d::next).isInstanceOf(PduException.class);
        d.feed(PduEncoder.encode(new AReleaseRq()));
        assertThatThrownBy(d::next).isInstanceOf(PduException.class);
    }

    @Test
    void aeTitlesAreValidatedAndPadded() {
        assertThat(AeTitle.encode("AE")).hasSize(16).startsWith('A', 'E', ' ');
        assertThat(AeTitle.validate("  SPACED ")).isEqualTo("SPACED");
        assertThatThrownBy(() -> AeTitle.validate("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AeTitle.validate("SEVENTEEN_CHARS_X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AeTitle.validate("BACK\\SLASH")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AeTitle.validate("TAB\tX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presentationContextIdsMustBeOdd() {
        assertThatThrownBy(() -> new PresentationContextRq(2, CT, List.of(EVLE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresentationContextRq(1, "1.2.x", List.of(EVLE))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertReason(byte[] bytes, int reason) {
        PduDecoder d = new PduDecoder(16384);
        d.feed(bytes);
        assertThatThrownBy(d::next).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).abortReason()).isEqualTo(reason));
    }
}
