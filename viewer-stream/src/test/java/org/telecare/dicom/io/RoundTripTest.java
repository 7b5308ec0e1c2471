package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

class RoundTripTest {
    @TempDir
    Path dir;

    static TransferSyntax[] nativeSyntaxes() {
        return new TransferSyntax[] {TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN};
    }

    private static Attributes full() {
        return Fixtures.withNativePixels(Fixtures.withSequences(Fixtures.allVrs()));
    }

    @Test
    void theFixtureUsesEveryVr() {
        java.util.Set<VR> used = java.util.EnumSet.noneOf(VR.class);
        collectVrs(full(), used);
        assertThat(used).containsExactlyInAnyOrder(VR.values());
    }

    private static void collectVrs(Attributes a, java.util.Set<VR> used) {
        for (var e : a.elements()) {
            used.add(e.vr());
            if (e.value() instanceof Sequence s) {
                s.forEach(item -> collectVrs(item, used));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("nativeSyntaxes")
    void writeReadWriteIsByteExact(TransferSyntax ts) throws IOException {
        byte[] first = DicomWriter.toBytes(full(), ts);
        Attributes read = DicomReader.readDataset(new ByteArrayInputStream(first), ts, ReadOptions.DEFAULT);
        byte[] second = DicomWriter.toBytes(read, ts);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void encapsulatedPixelDataWithBasicOffsetTableRoundTrips() throws IOException {
        Attributes dataset = Fixtures.withFragments(Fixtures.withSequences(Fixtures.allVrs()));
        FileMetaInfo meta = FileMetaInfo.forDataset(dataset, TransferSyntax.JPEG_BASELINE);
        byte[] first = DicomWriter.toBytes(meta, dataset);
        Path file = dir.resolve("jpeg.dcm");
        Files.write(file, first);

        DicomFile read = DicomReader.readFile(file, ReadOptions.DEFAULT);
        Fragments fragments = (Fragments) read.dataset().get(Tag.PIXEL_DATA).value();
        assertThat(((ByteValue) fragments.basicOffsetTable()).bytes()).containsExactly(0, 0, 0, 0, 18, 0, 0, 0);
        assertThat(fragments.fragments()).hasSize(2);
        assertThat(fragments.frames(2)).extracting(java.util.List::size).containsExactly(1, 1);
        assertThat(((ByteValue) fragments.fragments().get(1)).bytes()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 9);
        assertThat(DicomWriter.toBytes(read.meta(), read.dataset())).isEqualTo(first);
    }

    @Test
    void valuesSurviveTheRoundTrip() throws IOException {
        byte[] bytes = DicomWriter.toBytes(full(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Attributes a = DicomReader.readDataset(new ByteArrayInputStream(bytes), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.DEFAULT);
        assertThat(a.getString(Tag.PATIENT_NAME)).contains("Müller^Hans");
        assertThat(a.getString(0x00080080)).contains("Hôpital Général");
        assertThat(a.getStrings(0x00080008)).containsExactly("ORIGINAL", "PRIMARY");
        assertThat(a.getString(0x00104000)).contains("  leading spaces kept in LT\r\nsecond line");
        assertThat(a.getInts(0x00209165)).containsExactly(Tag.PATIENT_ID, Tag.STUDY_DATE);
        assertThat(a.getInt(0x00189219, 0)).isEqualTo(-5);
        assertThat(a.getInt(0x00186020, 0)).isEqualTo(-70000);
        assertThat(a.getInt(Tag.ROWS, 0)).isEqualTo(4);
        assertThat(a.getString(Tag.SOP_INSTANCE_UID)).contains(Fixtures.INSTANCE_UID);
        Sequence seq = a.getSequence(0x00400275).orElseThrow();
        assertThat(seq.undefinedLength()).isTrue();
        assertThat(seq.item(0).undefinedLength()).isTrue();
        assertThat(seq.item(1).isEmpty()).isTrue();
        Attributes code = seq.item(0).getSequence(0x00400008).orElseThrow().item(0);
        assertThat(code.getString(0x00080104)).contains("Meaning");
        assertThat(code.getSequence(0x00400440).orElseThrow().item(0).getString(0x00080100)).contains("DEEP");
        assertThat(code.specificCharacterSet().terms()).containsExactly("ISO_IR 100");
        assertThat(a.getSequence(0x00081140).orElseThrow().undefinedLength()).isFalse();
        assertThat(a.getSequence(0x00081140).orElseThrow().item(1).undefinedLength()).isTrue();
        assertThat(a.get(0x00091001).vr()).isEqualTo(VR.UN);
        assertThat(a.getBytes(0x00091001).orElseThrow()).containsExactly(9, 8, 7, 6, 5, 4);
    }

    @Test
    void convertsBetweenImplicitAndExplicitVr() throws IOException {
        Attributes original = full();
        byte[] implicit = DicomWriter.toBytes(original, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Attributes fromImplicit = DicomReader.readDataset(new ByteArrayInputStream(implicit),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        // Standard elements get their VR back from the dictionary, so explicit output is identical,
        // except the private data element, which implicit VR leaves as UN (PS3.5 §6.2.2).
        byte[] explicitAgain = DicomWriter.toBytes(fromImplicit, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        original.putBytes(0x00091002, VR.UN, original.getBytes(0x00091002).orElseThrow());
        assertThat(explicitAgain).isEqualTo(DicomWriter.toBytes(original, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(fromImplicit.getSequence(0x00091003)).as("private sequence found by its undefined length").isPresent();
    }

    @ParameterizedTest
    @MethodSource("nativeSyntaxes")
    void dcmdumpAcceptsOurFilesAndPrintsTheSameValues(TransferSyntax ts) throws Exception {
        Attributes dataset = full();
        Path file = dir.resolve("ours.dcm");
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(dataset, ts), dataset);

        // A private sequence in implicit VR is unknown to DCMTK, which notes that it parses it as one (CP-246).
        Pattern allowed = ts.explicitVr() ? null : Pattern.compile("^W: Found element \\(0009,1003\\) with VR UN and undefined length");
        Map<String, String> dump = Dcmtk.dump(allowed, file);
        assertThat(dump).containsEntry("(0002,0010)", ts.uid())
                .containsEntry("(0002,0012)", Part10.IMPLEMENTATION_CLASS_UID)
                .containsEntry("(0002,0013)", "TELECARE_0.1")
                .containsEntry("(0010,0010)", "Müller^Hans")
                .containsEntry("(0008,0080)", "Hôpital Général")
                .containsEntry("(0008,0008)", "ORIGINAL\\PRIMARY")
                .containsEntry("(0028,0010)", "4")
                .containsEntry("(0018,9219)", "-5")
                .containsEntry("(0018,6020)", "-70000")
                .containsEntry("(0018,9087)", "1500.25")
                .containsEntry("(0072,0082)", "-3000000000")
                .containsEntry("(0072,0083)", "9000000000")
                .containsEntry("(0020,9165)", "(0010,0020)\\(0008,0020)")
                .containsEntry("(0008,0119)", "unlimited characters value")
                .containsEntry("(0010,9431)", "2.5");
        // File Meta Information Group Length must count exactly the rest of group 0002.
        FileMetaInfo meta = Part10.readFileMetaInfo(file);
        long groupLength = Integer.toUnsignedLong(meta.attributes().getInt(Tag.FILE_META_INFORMATION_GROUP_LENGTH, -1));
        assertThat(groupLength).isEqualTo(meta.datasetOffset() - 132 - 12);
        assertThat(dump.get("(0002,0000)")).isEqualTo(Long.toString(groupLength));
    }
}
