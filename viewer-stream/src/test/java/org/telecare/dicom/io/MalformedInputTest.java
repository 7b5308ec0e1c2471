package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;

/** Malformed input fails fast with {@link DicomParseException}: no hang, no huge allocation, no other exception. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MalformedInputTest {
    private static final TransferSyntax EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    private static final TransferSyntax IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;

    @TempDir
    Path dir;

    /** Little-endian byte builder for hand-made (broken) encodings. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes tag(int tag) {
            return u16(tag >>> 16).u16(tag & 0xFFFF);
        }

        Bytes u16(int v) {
            out.write(v);
            out.write(v >>> 8);
            return this;
        }

        Bytes u32(long v) {
            return u16((int) (v & 0xFFFF)).u16((int) (v >>> 16));
        }

        Bytes ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** Explicit VR element with a 16-bit length. */
        Bytes shortElement(int tag, String vr, String value) {
            return tag(tag).ascii(vr).u16(value.length()).ascii(value);
        }

        /** Explicit VR header with a 32-bit length and no value. */
        Bytes longHeader(int tag, String vr, long length) {
            return tag(tag).ascii(vr).u16(0).u32(length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static DicomParseException parseError(byte[] bytes, TransferSyntax ts) {
        return catchThrowableOfType(DicomParseException.class,
                () -> DicomReader.readDataset(new ByteArrayInputStream(bytes), ts, ReadOptions.DEFAULT));
    }

    private byte[] validFile() throws IOException {
        Attributes a = Fixtures.withNativePixels(Fixtures.withSequences(Fixtures.allVrs()));
        return DicomWriter.toBytes(FileMetaInfo.forDataset(a, EXPLICIT), a);
    }

    @Test
    void everyTruncationFailsCleanlyOrEndsAtAnElementBoundary() throws IOException {
        byte[] file = validFile();
        int failures = 0;
        for (int cut = 0; cut < file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            try {
                DicomReader.readFile(new ByteArrayInputStream(prefix), ReadOptions.DEFAULT);
            } catch (DicomParseException e) {
                failures++;
                assertThat(e.offset()).isBetween(0L, (long) cut);
            }
        }
        assertThat(failures).isGreaterThan(file.length * 9 / 10);
    }

    @Test
    void truncatedDeflatedFilesFailCleanly() throws IOException {
        Attributes a = Fixtures.withNativePixels(Fixtures.withSequences(Fixtures.allVrs()));
        byte[] file = DicomWriter.toBytes(FileMetaInfo.forDataset(a, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN), a);
        int metaEnd = (int) Part10.readFileMetaInfo(new ByteArrayInputStream(file)).datasetOffset();
        for (int cut = metaEnd + 1; cut < file.length - 1; cut += 7) {
            byte[] prefix = Arrays.copyOf(file, cut);
            assertThatThrownBy(() -> DicomReader.readFile(new ByteArrayInputStream(prefix), ReadOptions.DEFAULT))
                    .as("cut at " + cut).isInstanceOf(DicomParseException.class);
        }
    }

    @Test
    void truncatedValueNamesTheTagAndOffset() {
        byte[] bytes = new Bytes().shortElement(Tag.PATIENT_ID, "LO", "ABCDEFGH").bytes();
        DicomParseException e = parseError(Arrays.copyOf(bytes, bytes.length - 3), EXPLICIT);
        assertThat(e).hasMessageContaining("truncated").hasMessageContaining("(0010,0020)");
        assertThat(e.tag()).isEqualTo(Tag.PATIENT_ID);
        assertThat(e.offset()).isEqualTo(8);
    }

    @Test
    void lengthPastTheEndOfAFileIsRejectedBeforeReading() throws IOException {
        Path file = dir.resolve("lying.dcm");
        byte[] meta = DicomWriter.toBytes(FileMetaInfo.create(Fixtures.SC_IMAGE, "1.2", EXPLICIT.uid()), new Attributes());
        byte[] lie = new Bytes().longHeader(Tag.PIXEL_DATA, "OB", 1_000_000).ascii("0123456789").bytes();
        Files.write(file, concat(meta, lie));
        assertThatThrownBy(() -> DicomReader.readFile(file, ReadOptions.DEFAULT))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("beyond end of input (10 bytes remain)")
                .hasMessageContaining("(7FE0,0010)");
    }

    @Test
    void hugeLengthsOnAStreamAllocateNothingBig() {
        // 2^32-2: even, so it passes the odd-length rule; a stream cannot tell the size, the cap catches it.
        byte[] huge = new Bytes().longHeader(Tag.PIXEL_DATA, "OB", 0xFFFFFFFEL).ascii("xx").bytes();
        assertThat(parseError(huge, EXPLICIT)).hasMessageContaining("exceeds the in-memory limit");
        // Under the cap but far more than the stream holds: read grows with the data, then fails.
        byte[] lie = new Bytes().longHeader(Tag.PIXEL_DATA, "OB", 200_000_000).ascii("xxxx").bytes();
        long before = usedHeap();
        assertThat(parseError(lie, EXPLICIT)).hasMessageContaining("truncated value: 200000000 bytes declared");
        assertThat(usedHeap() - before).isLessThan(50_000_000);
        // An item length of 2^32-2 inside a sequence.
        byte[] item = new Bytes().longHeader(0x00400275, "SQ", 0xFFFFFFFFL).tag(Tag.ITEM).u32(0xFFFFFFFEL).bytes();
        assertThat(parseError(item, EXPLICIT)).isNotNull();
    }

    @Test
    void lengthBeyondTheEnclosingItemIsRejected() {
        byte[] bytes = new Bytes().longHeader(0x00400275, "SQ", 0xFFFFFFFFL).tag(Tag.ITEM).u32(10)
                .shortElement(Tag.PATIENT_ID, "LO", "ABCDEFGH").tag(Tag.SEQUENCE_DELIMITATION).u32(0).bytes();
        assertThat(parseError(bytes, EXPLICIT)).hasMessageContaining("exceeds its enclosing item");
    }

    @Test
    void bogusVrIsRejected() {
        byte[] bytes = new Bytes().shortElement(Tag.PATIENT_ID, "ZZ", "AB").bytes();
        DicomParseException e = parseError(bytes, EXPLICIT);
        assertThat(e).hasMessageContaining("invalid VR 'ZZ'");
        byte[] binary = new Bytes().tag(Tag.PATIENT_ID).u16(0x0101).u16(2).ascii("AB").bytes();
        assertThat(parseError(binary, EXPLICIT)).hasMessageContaining("invalid VR '\\x01\\x01'");
    }

    @Test
    void oddLengthsAreRejected() {
        byte[] bytes = new Bytes().shortElement(Tag.PATIENT_ID, "LO", "ABC").bytes();
        assertThat(parseError(bytes, EXPLICIT)).hasMessageContaining("odd value length 3");
    }

    @Test
    void oddLengthsCanBeAcceptedAndAreWrittenPadded() throws IOException {
        byte[] bytes = new Bytes().shortElement(Tag.PATIENT_NAME, "PN", "Doe").shortElement(Tag.PATIENT_ID, "LO", "ABC").bytes();
        Attributes a = DicomReader.readDataset(new ByteArrayInputStream(bytes), EXPLICIT,
                ReadOptions.DEFAULT.allowingOddLengths());
        assertThat(a.getString(Tag.PATIENT_ID)).contains("ABC");
        byte[] written = DicomWriter.toBytes(a, EXPLICIT);
        assertThat(written).isEqualTo(new Bytes().shortElement(Tag.PATIENT_NAME, "PN", "Doe ")
                .shortElement(Tag.PATIENT_ID, "LO", "ABC ").bytes());
    }

    @Test
    void duplicateElementsAreRejectedRatherThanSilentlyDropped() {
        byte[] bytes = new Bytes().shortElement(Tag.PATIENT_ID, "LO", "AB").shortElement(Tag.PATIENT_ID, "LO", "CD").bytes();
        assertThat(parseError(bytes, EXPLICIT)).hasMessageContaining("duplicate element").hasMessageContaining("(0010,0020)");
    }

    @Test
    void undefinedLengthOnlyForSequencesAndEncapsulatedPixelData() {
        byte[] text = new Bytes().longHeader(0x0040A160, "UT", 0xFFFFFFFFL).bytes();
        assertThat(parseError(text, EXPLICIT)).hasMessageContaining("undefined length is only allowed");
        byte[] ob = new Bytes().longHeader(0x00282000, "OB", 0xFFFFFFFFL).bytes();
        assertThat(parseError(ob, EXPLICIT)).hasMessageContaining("undefined length is only allowed");
        byte[] fragment = new Bytes().longHeader(Tag.PIXEL_DATA, "OB", 0xFFFFFFFFL).tag(Tag.ITEM).u32(0)
                .tag(Tag.ITEM).u32(0xFFFFFFFFL).bytes();
        assertThat(parseError(fragment, EXPLICIT)).hasMessageContaining("fragment with undefined length");
    }

    @Test
    void misplacedDelimitersAreRejected() {
        byte[] topLevel = new Bytes().tag(Tag.ITEM_DELIMITATION).u32(0).bytes();
        assertThat(parseError(topLevel, IMPLICIT)).hasMessageContaining("outside an undefined-length item");
        byte[] inDefined = new Bytes().tag(0x00400275).u32(8).tag(Tag.SEQUENCE_DELIMITATION).u32(0).bytes();
        assertThat(parseError(inDefined, IMPLICIT)).hasMessageContaining("in a defined-length sequence");
        byte[] notAnItem = new Bytes().tag(0x00400275).u32(0xFFFFFFFFL).tag(Tag.PATIENT_ID).u32(0).bytes();
        assertThat(parseError(notAnItem, IMPLICIT)).hasMessageContaining("expected an Item tag");
    }

    @Test
    void deepNestingIsCutOff() {
        Bytes b = new Bytes();
        for (int i = 0; i < 100_000; i++) {
            b.tag(0x00400275).u32(0xFFFFFFFFL).tag(Tag.ITEM).u32(0xFFFFFFFFL);
        }
        DicomParseException e = parseError(b.bytes(), IMPLICIT);
        assertThat(e).hasMessageContaining("nested deeper than 32");
        assertThat(e.tag()).isEqualTo(0x00400275);
    }

    @Test
    void manyTinyItemsAreCapped() {
        Bytes b = new Bytes().tag(0x00400275).u32(0xFFFFFFFFL);
        for (int i = 0; i < 20_000; i++) {
            b.tag(Tag.ITEM).u32(0);
        }
        byte[] bytes = b.tag(Tag.SEQUENCE_DELIMITATION).u32(0).bytes();
        DicomParseException e = catchThrowableOfType(DicomParseException.class, () -> DicomReader.readDataset(
                new ByteArrayInputStream(bytes), IMPLICIT, ReadOptions.DEFAULT.withMaxItems(10_000)));
        assertThat(e).hasMessageContaining("more than 10000 items");
    }

    @Test
    void garbageFailsCleanly() throws IOException {
        Random random = new Random(42);
        byte[] meta = DicomWriter.toBytes(FileMetaInfo.create(Fixtures.SC_IMAGE, "1.2", EXPLICIT.uid()), new Attributes());
        int parseErrors = 0;
        for (int round = 0; round < 500; round++) {
            byte[] garbage = new byte[random.nextInt(4096)];
            random.nextBytes(garbage);
            for (TransferSyntax ts : new TransferSyntax[] {EXPLICIT, IMPLICIT, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                    TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN}) {
                try (InputStream in = new ByteArrayInputStream(garbage)) {
                    DicomReader.readDataset(in, ts, ReadOptions.DEFAULT);
                } catch (DicomParseException e) {
                    parseErrors++;
                }
            }
            try {
                DicomReader.readFile(new ByteArrayInputStream(concat(meta, garbage)), ReadOptions.DEFAULT);
            } catch (DicomParseException e) {
                parseErrors++;
            }
        }
        assertThat(parseErrors).isGreaterThan(2000);
    }

    @Test
    void notAPart10File() {
        byte[] noPrefix = new byte[200];
        assertThatThrownBy(() -> DicomReader.readFile(new ByteArrayInputStream(noPrefix), ReadOptions.DEFAULT))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("no \"DICM\" prefix");
        assertThatThrownBy(() -> Part10.readFileMetaInfo(new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("shorter than preamble");
        byte[] noTs = concat(new byte[128], "DICM".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Part10.readFileMetaInfo(new ByteArrayInputStream(noTs)))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("without Transfer Syntax UID");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).order(ByteOrder.LITTLE_ENDIAN).put(a).put(b).array();
    }
}
