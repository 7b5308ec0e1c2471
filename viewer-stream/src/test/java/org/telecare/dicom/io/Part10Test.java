package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

class Part10Test {
    @TempDir
    Path dir;

    @Test
    void metaInformationIsReadWithoutTouchingTheDataSet() throws IOException {
        Attributes a = Fixtures.allVrs();
        byte[] file = DicomWriter.toBytes(FileMetaInfo.forDataset(a, TransferSyntax.JPEG_2000_LOSSLESS), new Attributes());
        byte[] garbage = new byte[10_000];
        new Random(7).nextBytes(garbage);
        Path path = dir.resolve("routed.dcm");
        Files.write(path, concat(file, garbage));

        FileMetaInfo meta = Part10.readFileMetaInfo(path);
        assertThat(meta.transferSyntax()).isEqualTo(TransferSyntax.JPEG_2000_LOSSLESS);
        assertThat(meta.mediaStorageSopClassUid()).contains(Fixtures.SC_IMAGE);
        assertThat(meta.mediaStorageSopInstanceUid()).contains(Fixtures.INSTANCE_UID);
        assertThat(meta.implementationVersionName()).contains("TELECARE_0.1");
        assertThat(meta.datasetOffset()).isEqualTo(file.length);
        assertThat(Part10.isPart10(path)).isTrue();
    }

    /** Some old writers encoded the meta information in implicit VR; read it anyway. */
    @Test
    void implicitVrMetaInformationIsTolerated() throws IOException {
        Attributes meta = FileMetaInfo.create(Fixtures.SC_IMAGE, "1.2.3", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
                .attributes();
        Attributes dataset = new Attributes();
        dataset.putString(Tag.PATIENT_ID, VR.LO, "P1");
        byte[] file = concat(concat(concat(new byte[128], "DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                DicomWriter.toBytes(meta, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)),
                DicomWriter.toBytes(dataset, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        DicomFile read = DicomReader.readFile(new ByteArrayInputStream(file), ReadOptions.DEFAULT);
        assertThat(read.meta().mediaStorageSopInstanceUid()).contains("1.2.3");
        assertThat(read.dataset().getString(Tag.PATIENT_ID)).contains("P1");
    }

    /** PS3.5 §B.2: a UID under 2.25 is the decimal value of a 128-bit UUID; at most 64 characters (§9.1). */
    @Test
    void implementationClassUidIsAUuidDerivedUid() {
        String uid = Part10.IMPLEMENTATION_CLASS_UID;
        assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64).matches("2\\.25\\.[1-9][0-9]*");
        assertThat(new BigInteger(uid.substring(5)).bitLength()).isLessThanOrEqualTo(128);
        assertThat(Part10.IMPLEMENTATION_VERSION_NAME.length()).isLessThanOrEqualTo(16);
    }

    @Test
    void groupLengthsAreRecomputedForTheOutputEncoding() throws Exception {
        Attributes a = Fixtures.allVrs();
        a.putInts(0x00080000, VR.UL, 12345); // stale on purpose
        a.putInts(0x00100000, VR.UL, 0);
        byte[] implicit = DicomWriter.toBytes(a, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Attributes read = DicomReader.readDataset(new ByteArrayInputStream(implicit),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        assertThat(read.getInt(0x00080000, -1)).isEqualTo((int) groupLength(read, 0x0008, false));

        Path ours = dir.resolve("ours.dcm");
        DicomWriter.writeFile(ours, FileMetaInfo.forDataset(read, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), read);
        Path recalculated = dir.resolve("dcmtk.dcm");
        Dcmtk.runClean("dcmconv", "+g=", ours.toString(), recalculated.toString());
        assertThat(Dcmtk.dump(ours)).containsEntry("(0008,0000)", Long.toString(groupLength(read, 0x0008, true)))
                .containsEntry("(0008,0000)", Dcmtk.dump(recalculated).get("(0008,0000)"))
                .containsEntry("(0010,0000)", Dcmtk.dump(recalculated).get("(0010,0000)"));
    }

    @Test
    void explicitUnWithUndefinedLengthIsAnImplicitVrSequence() throws IOException {
        // PS3.5 §6.2.2: an SQ of unknown VR sent as UN with undefined length keeps implicit VR LE items.
        byte[] bytes = {
                0x09, 0x00, 0x10, 0x00, 'L', 'O', 4, 0, 'A', 'C', 'M', 'E',
                0x09, 0x00, 0x01, 0x10, 'U', 'N', 0, 0, -1, -1, -1, -1,
                -2, -1, 0x00, -32, -1, -1, -1, -1,
                0x10, 0x00, 0x20, 0x00, 2, 0, 0, 0, 'I', 'D',
                -2, -1, 0x0D, -32, 0, 0, 0, 0,
                -2, -1, -35, -32, 0, 0, 0, 0};
        Attributes a = DicomReader.readDataset(new ByteArrayInputStream(bytes), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.DEFAULT);
        assertThat(a.get(0x00091001).vr()).isEqualTo(VR.UN);
        assertThat(a.getSequence(0x00091001).orElseThrow().item(0).getString(Tag.PATIENT_ID)).contains("ID");
        assertThat(DicomWriter.toBytes(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(bytes);
    }

    @Test
    void explicitVrValuesTooLongForA16BitLengthBecomeUn() throws IOException {
        Attributes a = new Attributes();
        a.putString(0x00081030, VR.LO, "x".repeat(70_000)); // LO is limited to 64 chars, but such data exists
        byte[] implicit = DicomWriter.toBytes(a, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Attributes read = DicomReader.readDataset(new ByteArrayInputStream(implicit),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        byte[] explicit = DicomWriter.toBytes(read, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(Arrays.copyOfRange(explicit, 4, 6)).containsExactly('U', 'N');
        Attributes back = DicomReader.readDataset(new ByteArrayInputStream(explicit),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        assertThat(back.getBytes(0x00081030).orElseThrow()).hasSize(70_000);
    }

    private static long groupLength(Attributes a, int group, boolean explicit) {
        Attributes only = new Attributes();
        a.elements().stream().filter(e -> Tag.group(e.tag()) == group && !Tag.isGroupLength(e.tag())).forEach(only::put);
        return DicomWriter.encodedLength(only, explicit);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
