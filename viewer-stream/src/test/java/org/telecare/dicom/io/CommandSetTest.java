package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

/** How the DIMSE layer encodes a command set with this codec (PS3.7 §E.1: implicit VR LE, group 0000). */
class CommandSetTest {
    private static final int COMMAND_GROUP_LENGTH = 0x00000000;
    private static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    private static final int COMMAND_FIELD = 0x00000100;
    private static final int MESSAGE_ID = 0x00000110;
    private static final int COMMAND_DATA_SET_TYPE = 0x00000800;

    @Test
    void cEchoRequestGetsItsCommandGroupLength() throws Exception {
        Attributes command = new Attributes();
        command.putInts(COMMAND_GROUP_LENGTH, VR.UL, 0); // placeholder: the writer computes it
        command.putString(AFFECTED_SOP_CLASS_UID, VR.UI, "1.2.840.10008.1.1");
        command.putInts(COMMAND_FIELD, VR.US, 0x0030);
        command.putInts(MESSAGE_ID, VR.US, 7);
        command.putInts(COMMAND_DATA_SET_TYPE, VR.US, 0x0101);

        byte[] bytes = DicomWriter.toBytes(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(bytes).hasSize(12 + 56);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0);
        assertThat(b.getInt(4)).isEqualTo(4);
        assertThat(b.getInt(8)).as("(0000,0000) counts the rest of the group").isEqualTo(56);

        Attributes read = DicomReader.readDataset(new ByteArrayInputStream(bytes), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.DEFAULT);
        assertThat(read.get(COMMAND_FIELD).vr()).isEqualTo(VR.US);
        assertThat(read.getInt(COMMAND_FIELD, -1)).isEqualTo(0x0030);
        assertThat(read.getString(AFFECTED_SOP_CLASS_UID)).contains("1.2.840.10008.1.1");
        assertThat(read.toString()).contains("(0000,0100) US #2 CommandField").contains("AffectedSOPClassUID");
    }

    @Test
    void typedGettersAndListing() throws Exception {
        Attributes a = Fixtures.withSequences(Fixtures.allVrs());
        assertThat(a.getDouble(0x00101020, 0)).isEqualTo(1.75);
        assertThat(a.getDouble(0x00189087, 0)).isEqualTo(1500.25);
        assertThat(a.getDoubles(0x00640009)).containsExactly(1.5, -2.0);
        assertThat(a.getDouble(Tag.ROWS, 0)).isEqualTo(4.0);
        assertThat(a.toString()).contains("(0010,0010) PN [Müller^Hans] PatientName")
                .contains("      (0008,0100) SH [DEEP] CodeValue");
    }
}
