package org.telecare.dimse.message;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandSetTest {

    @Test
    void cStoreRqEncodesImplicitLittleEndianWithGroupLengthFirst() throws DimseException {
        Dimse.CStoreRq rq = new Dimse.CStoreRq(7, "1.2.840.10008.5.1.4.1.1.7", "1.2.3", Priority.HIGH, "MOVER", 42);
        byte[] b = DimseCodec.encode(rq, true).encode();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.getInt(0)).isZero();
        assertThat(bb.getInt(4)).isEqualTo(4);
        assertThat(bb.getInt(8)).isEqualTo(b.length - 12);
        // (0000,0002) follows, its UID padded with NUL to even length.
        assertThat(bb.getShort(14)).isEqualTo((short) 0x0002);
        assertThat(bb.getInt(16)).isEqualTo(26);
        assertThat(b[20 + 25]).isZero();

        CommandSet cs = CommandSet.decode(b);
        assertThat(cs.hasDataSet()).isTrue();
        assertThat(DimseCodec.decode(cs)).isEqualTo(rq);
    }

    @Test
    void everyMessageRoundTrips() throws DimseException {
        Status warn = new Status(0xB000, "two failed");
        Dimse[] all = {
                new Dimse.CEchoRq(1, "1.2.840.10008.1.1"),
                new Dimse.CEchoRsp(1, "1.2.840.10008.1.1", Status.SUCCESS),
                new Dimse.CStoreRsp(2, "1.2", "1.2.3", Status.OUT_OF_RESOURCES.withComment("disk full")),
                new Dimse.CFindRq(3, "1.2.840.10008.5.1.4.1.2.2.1", Priority.LOW),
                new Dimse.CFindRsp(3, "1.2.840.10008.5.1.4.1.2.2.1", Status.PENDING),
                new Dimse.CGetRq(4, "1.2.840.10008.5.1.4.1.2.2.3", Priority.MEDIUM),
                new Dimse.CGetRsp(4, "1.2.840.10008.5.1.4.1.2.2.3", Status.PENDING, SubOperations.pending(3, 1, 0, 0)),
                new Dimse.CMoveRq(5, "1.2.840.10008.5.1.4.1.2.2.2", Priority.MEDIUM, "DEST"),
                new Dimse.CMoveRsp(5, "1.2.840.10008.5.1.4.1.2.2.2", warn, new SubOperations(null, 3, 2, 0)),
                new Dimse.CCancelRq(3)};
        for (Dimse m : all) {
            assertThat(DimseCodec.decode(CommandSet.decode(DimseCodec.encode(m, false).encode()))).isEqualTo(m);
        }
    }

    @Test
    void unknownElementsAreSkippedAndMalformedOnesRefused() throws DimseException {
        byte[] echo = DimseCodec.encode(new Dimse.CEchoRq(9, "1.2.840.10008.1.1"), false).encode();
        byte[] withExtra = new byte[echo.length + 10];
        System.arraycopy(echo, 0, withExtra, 0, echo.length);
        ByteBuffer.wrap(withExtra, echo.length, 10).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0).putShort((short) 0x5010).putInt(2).putShort((short) 1);
        assertThat(DimseCodec.decode(CommandSet.decode(withExtra))).isEqualTo(new Dimse.CEchoRq(9, "1.2.840.10008.1.1"));

        byte[] truncated = java.util.Arrays.copyOf(echo, echo.length - 3);
        assertThatThrownBy(() -> CommandSet.decode(truncated)).isInstanceOf(DimseException.class);
        byte[] otherGroup = echo.clone();
        otherGroup[12] = 8;
        assertThatThrownBy(() -> CommandSet.decode(otherGroup)).isInstanceOf(DimseException.class);
    }

    @Test
    void statusClassesFollowPs37AnnexC() {
        assertThat(Status.SUCCESS.kind()).isEqualTo(Status.Kind.SUCCESS);
        assertThat(Status.PENDING.code()).isEqualTo(0xFF00);
        assertThat(Status.PENDING_WARNING.code()).isEqualTo(0xFF01);
        assertThat(Status.PENDING_WARNING.kind()).isEqualTo(Status.Kind.PENDING);
        assertThat(Status.CANCEL.code()).isEqualTo(0xFE00);
        assertThat(Status.CANCEL.kind()).isEqualTo(Status.Kind.CANCEL);
        assertThat(Status.kindOf(0xB000)).isEqualTo(Status.Kind.WARNING);
        assertThat(Status.kindOf(0xB007)).isEqualTo(Status.Kind.WARNING);
        assertThat(Status.kindOf(0x0107)).isEqualTo(Status.Kind.WARNING);
        assertThat(Status.kindOf(0x0001)).isEqualTo(Status.Kind.WARNING);
        assertThat(Status.SOP_CLASS_NOT_SUPPORTED.code()).isEqualTo(0x0122);
        assertThat(Status.PROCESSING_FAILURE.code()).isEqualTo(0x0110);
        assertThat(Status.UNRECOGNIZED_OPERATION.code()).isEqualTo(0x0211);
        assertThat(Status.OUT_OF_RESOURCES.code()).isEqualTo(0xA700);
        assertThat(Status.MOVE_DESTINATION_UNKNOWN.code()).isEqualTo(0xA801);
        assertThat(Status.OUT_OF_RESOURCES_SUBOPERATIONS.code()).isEqualTo(0xA702);
        assertThat(Status.CANNOT_UNDERSTAND.code()).isEqualTo(0xC000);
        for (int code : new int[]{0x0122, 0x0110, 0x0211, 0xA700, 0xA702, 0xA801, 0xA900, 0xC000, 0xC123}) {
            assertThat(Status.kindOf(code)).as(Integer.toHexString(code)).isEqualTo(Status.Kind.FAILURE);
        }
    }

    @Test
    void commandFieldsMatchPs37AnnexE() {
        assertThat(Dimse.C_STORE_RQ).isEqualTo(0x0001);
        assertThat(Dimse.C_STORE_RSP).isEqualTo(0x8001);
        assertThat(Dimse.C_GET_RQ).isEqualTo(0x0010);
        assertThat(Dimse.C_FIND_RQ).isEqualTo(0x0020);
        assertThat(Dimse.C_MOVE_RQ).isEqualTo(0x0021);
        assertThat(Dimse.C_ECHO_RQ).isEqualTo(0x0030);
        assertThat(Dimse.C_ECHO_RSP).isEqualTo(0x8030);
        assertThat(Dimse.C_CANCEL_RQ).isEqualTo(0x0FFF);
        assertThat(CommandElement.NO_DATA_SET).isEqualTo(0x0101);
        assertThat(CommandElement.MOVE_ORIGINATOR_MESSAGE_ID.tag()).isEqualTo(0x1031);
    }
}
