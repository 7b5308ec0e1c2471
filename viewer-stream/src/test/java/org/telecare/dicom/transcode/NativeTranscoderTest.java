package org.telecare.dicom.transcode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Fixtures;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.io.TransferSyntax;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Native re-encoding, checked against DCMTK's dcmconv as the reference (PS3.5 §A.1–A.5). */
class NativeTranscoderTest {
    static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String DEFLATED = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String BIG = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();

    @TempDir
    Path dir;

    Path source() throws Exception {
        Attributes ds = Fixtures.withSequences(Fixtures.withNativePixels(Fixtures.allVrs()));
        Path f = dir.resolve("source.dcm");
        DicomWriter.writeFile(f, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
        return f;
    }

    /** DCMTK converts the file; returns its data set bytes and transfer syntax. */
    Path dcmconv(Path in, String option, String name) throws Exception {
        Path out = dir.resolve(name);
        Dcmtk.Result r = Dcmtk.run("dcmconv", option, in.toString(), out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return out;
    }

    static byte[] dataSet(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) Part10.readFileMetaInfo(file).datasetOffset(), all.length);
    }

    /**
     * dcmdump of the data set only: tags, VRs and values as DCMTK sees them. Meta lines, element
     * lengths and how sequences and items are delimited (explicit or undefined length, both valid
     * encodings of the same value, PS3.5 §7.5) are left out.
     */
    String dump(Path file) throws Exception {
        Dcmtk.Result r = Dcmtk.run("dcmdump", "-M", "+L", "+U8", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        // Implicit VR cannot say that a private element is a sequence (PS3.5 §6.2.2, CP-246).
        assertThat(r.stderr().lines().filter(l -> !l.contains("CP-246"))).isEmpty();
        return r.stdout().lines().filter(l -> !l.contains("(0002,")).filter(l -> !l.startsWith("#"))
                .filter(l -> !l.contains("(fffe,e00d)") && !l.contains("(fffe,e0dd)"))
                .map(l -> l.replaceAll("\\s+#.*$", "").replaceAll("(Sequence|Item) with (explicit|undefined) length", "$1"))
                .map(String::strip).collect(Collectors.joining("\n"));
    }

    Path write(byte[] dataSet, String ts, String name) throws Exception {
        Path f = dir.resolve(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileMetaInfo meta = FileMetaInfo.create(Fixtures.SC_IMAGE, Fixtures.INSTANCE_UID, ts);
        Part10.writeFileMetaInfo(out, meta);
        out.write(dataSet);
        Files.write(f, out.toByteArray());
        return f;
    }

    @Test
    void everyNativeSyntaxBecomesEveryWritableOneWithTheSameValuesAsDcmtkSees() throws Exception {
        Path explicit = source();
        Path implicit = dcmconv(explicit, "+ti", "implicit.dcm");
        Path big = dcmconv(explicit, "+tb", "big.dcm");
        Path deflated = dcmconv(explicit, "+td", "deflated.dcm");
        String reference = dump(explicit);
        for (Path from : List.of(explicit, implicit, big, deflated)) {
            String fromTs = Part10.readFileMetaInfo(from).transferSyntaxUid();
            for (String to : List.of(EXPLICIT, IMPLICIT, DEFLATED)) {
                byte[] out = NativeTranscoder.transcode(dataSet(from), fromTs, to);
                String what = TransferSyntax.of(fromTs).name() + " -> " + TransferSyntax.of(to).name();
                String dumped = dump(write(out, to, "out.dcm"));
                if (fromTs.equals(IMPLICIT) || to.equals(IMPLICIT)) {
                    // Implicit VR loses the VR of private and unknown elements (they come back as UN),
                    // so compare the dictionary elements only.
                    assertThat(known(dumped)).as(what).isEqualTo(known(reference));
                } else {
                    assertThat(dumped).as(what).isEqualTo(reference);
                }
            }
        }
    }

    /**
     * Elements of the standard dictionary, without their VR: implicit VR leaves private elements
     * without a VR and the reader of a "US or OW" element (LUT Data) a choice (PS3.5 Annex A.1). A
     * private sequence read from implicit VR stays UN of undefined length (PS3.5 §6.2.2, CP-246),
     * so item lines, which may belong to one, are left out too.
     */
    static String known(String dump) {
        return dump.lines().filter(l -> !l.matches("^\\(\\p{XDigit}{3}[13579bdf],.*"))
                .filter(l -> !l.startsWith("(fffe,e000)"))
                .map(l -> l.replaceFirst("^(\\(\\p{XDigit}{4},\\p{XDigit}{4}\\)) \\S+ ", "$1 "))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void largeObjectsGoFileToFileWithBulkDataLeftOnDisk() throws Exception {
        Path big = dcmconv(source(), "+tb", "big.dcm");
        Path in = dir.resolve("in.raw");
        Files.write(in, dataSet(big));
        Path out = dir.resolve("out.raw");
        NativeTranscoder.transcode(in, BIG, out, EXPLICIT, Files.createDirectories(dir.resolve("spill")), 64);
        assertThat(dump(write(Files.readAllBytes(out), EXPLICIT, "file.dcm"))).isEqualTo(dump(source()));
    }

    @Test
    void theStoredSyntaxIsPreferredAndCompressedDataIsLeftToThePixelCodecs() {
        assertThat(NativeTranscoder.choose(IMPLICIT, List.of(EXPLICIT, IMPLICIT))).contains(IMPLICIT);
        assertThat(NativeTranscoder.choose(BIG, List.of(IMPLICIT, EXPLICIT))).contains(IMPLICIT);
        assertThat(NativeTranscoder.choose(EXPLICIT, List.of(BIG))).isEmpty();
        String jpeg = TransferSyntax.JPEG_BASELINE.uid();
        assertThat(NativeTranscoder.choose(jpeg, List.of(EXPLICIT))).isEmpty();
        assertThat(NativeTranscoder.canTranscode("1.2.3.4", EXPLICIT)).isFalse();
        assertThatThrownBy(() -> NativeTranscoder.transcode(new byte[0], jpeg, EXPLICIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JPEG Baseline");
    }
}
