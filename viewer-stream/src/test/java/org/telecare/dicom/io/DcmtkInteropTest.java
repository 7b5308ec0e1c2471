package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

/** Files made by DCMTK read like dcmdump prints them; what we write back, DCMTK reads cleanly. */
class DcmtkInteropTest {
    private static final String DUMP = """
            (0008,0005) CS [ISO_IR 192]
            (0008,0008) CS [ORIGINAL\\PRIMARY]
            (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
            (0008,0018) UI [2.25.4242]
            (0008,0020) DA [20250101]
            (0008,0060) CS [OT]
            (0009,0010) LO [ACME]
            (0009,1001) UN 01\\02\\03\\04
            (0010,0010) PN [Zhang^Wei=张三^伟]
            (0010,0020) LO [PID7]
            (0010,1020) DS [1.72]
            (0018,6020) SL -70000
            (0018,9219) SS -3
            (0020,0013) IS [12]
            (0020,4000) LT [Größe: 1.72 m]
            (0028,0002) US 1
            (0028,0004) CS [MONOCHROME2]
            (0028,0010) US 8
            (0028,0011) US 8
            (0028,0100) US 16
            (0028,0101) US 16
            (0028,0102) US 15
            (0028,0103) US 0
            (0040,0275) SQ (Sequence with undefined length #=1)
            (fffe,e000) na (Item with undefined length #=1)
            (0040,1001) SH [RP1]
            (0040,0008) SQ (Sequence with undefined length #=1)
            (fffe,e000) na (Item with undefined length #=1)
            (0008,0100) SH [CODE]
            (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            """;

    @TempDir
    Path dir;

    /** A DCMTK-made file (dump2dcm, then dcmconv to the syntax in {@code option}). */
    private Path dcmtkFile(String convertOption, boolean undefinedLengths) throws Exception {
        Path dump = dir.resolve("in.dump");
        StringBuilder text = new StringBuilder(DUMP).append("(7fe0,0010) OW ");
        StringJoiner words = new StringJoiner("\\");
        for (int i = 0; i < 64; i++) {
            words.add(String.format("%04x", i * 1000));
        }
        text.append(words).append('\n');
        Files.writeString(dump, text, StandardCharsets.UTF_8);
        Path made = dir.resolve("made.dcm");
        Dcmtk.runClean("dump2dcm", "+te", undefinedLengths ? "-e" : "+e", dump.toString(), made.toString());
        Path converted = dir.resolve("conv" + convertOption + (undefinedLengths ? "u" : "d") + ".dcm");
        Dcmtk.runClean("dcmconv", convertOption, undefinedLengths ? "-e" : "+e", made.toString(), converted.toString());
        return converted;
    }

    @ParameterizedTest
    @ValueSource(strings = {"+te", "+ti", "+tb", "+td"})
    void readsDcmtkFilesInEveryNativeSyntaxLikeDcmdump(String option) throws Exception {
        for (boolean undefined : new boolean[] {true, false}) {
            Path file = dcmtkFile(option, undefined);
            DicomFile read = DicomReader.readFile(file, ReadOptions.DEFAULT);
            Map<String, String> dump = Dcmtk.dump(file);
            assertThat(render(read.dataset())).as(option).isEqualTo(withoutSequences(dump, read.dataset()));
            assertThat(read.dataset().getPersonName(Tag.PATIENT_NAME).orElseThrow().family(1)).isEqualTo("张三");
            Sequence seq = read.dataset().getSequence(0x00400275).orElseThrow();
            assertThat(seq.undefinedLength()).isEqualTo(undefined);
            assertThat(seq.item(0).getSequence(0x00400008).orElseThrow().item(0).getString(0x00080100)).contains("CODE");
            assertThat(read.dataset().getInts(Tag.PIXEL_DATA)).hasSize(64).startsWith(0, 1000, 2000);

            // Written back as explicit VR little endian, DCMTK reads the same values without a warning.
            Path ours = dir.resolve("ours.dcm");
            DicomWriter.writeFile(ours, FileMetaInfo.forDataset(read.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                    read.dataset());
            Map<String, String> ourDump = Dcmtk.dump(ours);
            assertThat(withoutMeta(ourDump)).isEqualTo(withoutMeta(dump));
        }
    }

    /** Big endian and deflated data cannot stay in place: bulk values are spilled (and byte-swapped for big endian). */
    @ParameterizedTest
    @ValueSource(strings = {"+tb", "+td", "+ti"})
    void bulkDataFromBigEndianAndDeflatedFilesIsSpilled(String option) throws Exception {
        Path file = dcmtkFile(option, true);
        Path spill = Files.createDirectories(dir.resolve("spill" + option));
        DicomFile inMemory = DicomReader.readFile(file, ReadOptions.DEFAULT);
        DicomFile bulk = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataThreshold(16, spill));
        BulkDataRef pixels = (BulkDataRef) bulk.dataset().get(Tag.PIXEL_DATA).value();
        assertThat(pixels.file().startsWith(spill)).isEqualTo(!option.equals("+ti"));
        assertThat(pixels.read(0, (int) pixels.length())).isEqualTo(inMemory.dataset().getBytes(Tag.PIXEL_DATA).orElseThrow());
        assertThat(DicomWriter.toBytes(bulk.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
                .isEqualTo(DicomWriter.toBytes(inMemory.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    /** Data sets without preamble and meta information, as older software stored them (dcmconv -F). */
    @ParameterizedTest
    @ValueSource(strings = {"+te", "+ti", "+tb"})
    void readsBareDataSetsByGuessingTheirEncoding(String option) throws Exception {
        Path file = dcmtkFile("+te", false);
        Path bare = dir.resolve("bare" + option + ".dcm");
        Dcmtk.runClean("dcmconv", "-F", option, file.toString(), bare.toString());
        assertThat(Part10.isPart10(bare)).isFalse();
        DicomFile read = DicomReader.readAnyFile(bare, ReadOptions.DEFAULT);
        assertThat(read.meta().transferSyntax().uid()).isEqualTo(switch (option) {
            case "+te" -> TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
            case "+ti" -> TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
            default -> TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
        });
        assertThat(read.meta().mediaStorageSopInstanceUid()).contains("2.25.4242");
        assertThat(render(read.dataset())).isEqualTo(render(DicomReader.readFile(file, ReadOptions.DEFAULT).dataset()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+te", "+ti"})
    void rewritesDcmtkFilesByteForByte(String option) throws Exception {
        for (boolean undefined : new boolean[] {true, false}) {
            Path file = dcmtkFile(option, undefined);
            DicomFile read = DicomReader.readFile(file, ReadOptions.DEFAULT);
            assertThat(DicomWriter.toBytes(read.meta(), read.dataset())).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void readsJpegMadeByImg2dcmAndDcmtkDecodesOurCopy() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.getRaster().setSample(x, y, 0, (x * 4 + y) & 0xFF);
            }
        }
        Path jpeg = dir.resolve("in.jpg");
        assertThat(ImageIO.write(image, "jpeg", jpeg.toFile())).isTrue();
        Path made = dir.resolve("jpeg.dcm");
        Dcmtk.runClean("img2dcm", "-i", "JPEG", jpeg.toString(), made.toString());

        DicomFile read = DicomReader.readFile(made, ReadOptions.DEFAULT);
        assertThat(read.meta().transferSyntax()).isEqualTo(TransferSyntax.JPEG_BASELINE);
        assertThat(read.dataset().getInt(Tag.ROWS, 0)).isEqualTo(48);
        assertThat(read.dataset().getInt(Tag.COLUMNS, 0)).isEqualTo(64);
        Fragments fragments = (Fragments) read.dataset().get(Tag.PIXEL_DATA).value();
        byte[] frame = ((ByteValue) fragments.frames(1).getFirst().getFirst()).bytes();
        assertThat(frame).startsWith((byte) 0xFF, (byte) 0xD8);
        int end = frame[frame.length - 1] == 0 ? frame.length - 1 : frame.length; // padded to even length
        assertThat(frame[end - 2]).isEqualTo((byte) 0xFF);
        assertThat(frame[end - 1]).isEqualTo((byte) 0xD9);

        byte[] ours = DicomWriter.toBytes(read.meta(), read.dataset());
        assertThat(ours).isEqualTo(Files.readAllBytes(made));
        Path copy = dir.resolve("copy.dcm");
        Files.write(copy, ours);
        Dcmtk.runClean("dcmdjpeg", copy.toString(), dir.resolve("decoded.dcm").toString());
        DicomFile decoded = DicomReader.readFile(dir.resolve("decoded.dcm"), ReadOptions.DEFAULT);
        assertThat(decoded.meta().transferSyntax().encapsulated()).isFalse();
        assertThat(decoded.dataset().getBytes(Tag.PIXEL_DATA).orElseThrow()).hasSize(64 * 48);
    }

    @Test
    void rleFromDcmcrleRoundTripsThroughOurCodec() throws Exception {
        Path file = dcmtkFile("+te", false);
        DicomFile nativeFile = DicomReader.readFile(file, ReadOptions.DEFAULT);
        Path rle = dir.resolve("rle.dcm");
        Dcmtk.runClean("dcmcrle", file.toString(), rle.toString());

        DicomFile read = DicomReader.readFile(rle, ReadOptions.DEFAULT);
        assertThat(read.meta().transferSyntax()).isEqualTo(TransferSyntax.RLE_LOSSLESS);
        Fragments fragments = (Fragments) read.dataset().get(Tag.PIXEL_DATA).value();
        assertThat(fragments.fragments()).hasSize(1);
        byte[] rleHeader = ((ByteValue) fragments.fragments().getFirst()).bytes();
        // PS3.5 §G.3.1: the RLE header starts with the number of segments, two for 16-bit samples.
        assertThat(ByteBuffer.wrap(rleHeader).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(2);

        Path copy = dir.resolve("copy.dcm");
        Files.write(copy, DicomWriter.toBytes(read.meta(), read.dataset()));
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(rle));
        Path decoded = dir.resolve("decoded.dcm");
        Dcmtk.runClean("dcmdrle", copy.toString(), decoded.toString());
        assertThat(DicomReader.readFile(decoded, ReadOptions.DEFAULT).dataset().getBytes(Tag.PIXEL_DATA).orElseThrow())
                .isEqualTo(nativeFile.dataset().getBytes(Tag.PIXEL_DATA).orElseThrow());
    }

    private static Map<String, String> withoutMeta(Map<String, String> dump) {
        Map<String, String> copy = new LinkedHashMap<>(dump);
        copy.keySet().removeIf(k -> k.startsWith("(0002,"));
        return copy;
    }

    private static Map<String, String> withoutSequences(Map<String, String> dump, Attributes dataset) {
        Map<String, String> copy = withoutMeta(dump);
        copy.keySet().removeIf(k -> {
            Element e = dataset.get(Tag.parse(k));
            return e != null && e.vr() == VR.SQ;
        });
        return copy;
    }

    /** Our values in dcmdump's notation, top-level elements except sequences. */
    private static Map<String, String> render(Attributes a) {
        Map<String, String> out = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        for (Element e : a.elements()) {
            String text;
            switch (e.vr()) {
                case SQ -> {
                    continue;
                }
                case US, SS, UL, SL -> {
                    StringJoiner j = new StringJoiner("\\");
                    for (int v : a.getInts(e.tag())) {
                        j.add(e.vr() == VR.UL ? Integer.toUnsignedString(v) : Integer.toString(v));
                    }
                    text = j.toString();
                }
                case OW -> {
                    StringJoiner j = new StringJoiner("\\");
                    for (int v : a.getInts(e.tag())) {
                        j.add(String.format("%04x", v));
                    }
                    text = j.toString();
                }
                case OB, UN -> {
                    StringJoiner j = new StringJoiner("\\");
                    for (byte b : a.getBytes(e.tag()).orElseThrow()) {
                        j.add(hex.toHexDigits(b));
                    }
                    text = j.toString();
                }
                default -> text = String.join("\\", a.getStrings(e.tag()));
            }
            out.put(Tag.toString(e.tag()), text);
        }
        return out;
    }
}
