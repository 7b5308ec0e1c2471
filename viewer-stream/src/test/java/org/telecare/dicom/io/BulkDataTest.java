package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;

/** A 200 MB+ Pixel Data element is written from a file and read back without entering the heap. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BulkDataTest {
    private static final long PIXELS = 210L * 1024 * 1024;
    private static final long THRESHOLD = 1024 * 1024;
    private static final long[] SAMPLES = {0, 1, 4095, 65_536, PIXELS / 3, PIXELS / 2 + 1, PIXELS - 2};

    @TempDir
    static Path dir;
    static Path big;

    /** Byte {@code i} of the synthetic pixel data. */
    static byte pattern(long i) {
        return (byte) (i * 31 + (i >>> 16));
    }

    @BeforeAll
    static void writeBigObject() throws IOException {
        Path raw = dir.resolve("pixels.raw");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 20)) {
            byte[] chunk = new byte[1 << 20];
            for (long base = 0; base < PIXELS; base += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = pattern(base + i);
                }
                out.write(chunk, 0, (int) Math.min(chunk.length, PIXELS - base));
            }
        }
        Attributes a = new Attributes();
        a.putString(Tag.SOP_CLASS_UID, VR.UI, "1.2.840.10008.5.1.4.1.1.7.2");
        a.putString(Tag.SOP_INSTANCE_UID, VR.UI, "2.25.99");
        a.putString(Tag.PATIENT_NAME, VR.PN, "Big^Object");
        a.putInts(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
        a.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME2");
        a.putString(Tag.NUMBER_OF_FRAMES, VR.IS, "210");
        a.putInts(Tag.ROWS, VR.US, 1024);
        a.putInts(Tag.COLUMNS, VR.US, 1024);
        a.putInts(Tag.BITS_ALLOCATED, VR.US, 8);
        a.putInts(Tag.BITS_STORED, VR.US, 8);
        a.putInts(Tag.HIGH_BIT, VR.US, 7);
        a.putInts(Tag.PIXEL_REPRESENTATION, VR.US, 0);
        a.put(Tag.PIXEL_DATA, VR.OB, new BulkDataRef(raw, 0, PIXELS));
        big = dir.resolve("big.dcm");
        DicomWriter.writeFile(big, FileMetaInfo.forDataset(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), a);
        Files.delete(raw);
    }

    @Test
    void readFromAFileReferencesPixelDataInPlace() throws IOException {
        long before = usedHeap();
        DicomFile read = DicomReader.readFile(big, ReadOptions.DEFAULT.withBulkDataThreshold(THRESHOLD, dir));
        assertThat(usedHeap() - before).isLessThan(64L * 1024 * 1024);

        BulkDataRef pixels = (BulkDataRef) read.dataset().get(Tag.PIXEL_DATA).value();
        assertThat(pixels.file()).isEqualTo(big);
        assertThat(pixels.length()).isEqualTo(PIXELS);
        assertThat(pixels.offset() + PIXELS).isEqualTo(Files.size(big));
        assertSamples(pixels);
        assertThat(read.dataset().getString(Tag.PATIENT_NAME)).contains("Big^Object");
    }

    @Test
    void readFromAStreamSpillsPixelDataToDisk() throws IOException {
        Path spill = Files.createDirectories(dir.resolve("spill"));
        DicomFile read;
        try (InputStream in = Files.newInputStream(big)) {
            read = DicomReader.readFile(in, ReadOptions.DEFAULT.withBulkDataThreshold(THRESHOLD, spill));
        }
        BulkDataRef pixels = (BulkDataRef) read.dataset().get(Tag.PIXEL_DATA).value();
        assertThat(pixels.file().getParent()).isEqualTo(spill);
        assertThat(pixels.length()).isEqualTo(PIXELS);
        assertSamples(pixels);
        Files.delete(pixels.file());
    }

    @Test
    void metaInformationAndHeaderReadStopBeforePixelData() throws Exception {
        FileMetaInfo meta = Part10.readFileMetaInfo(big);
        assertThat(meta.mediaStorageSopInstanceUid()).contains("2.25.99");
        assertThat(meta.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomFile header = DicomReader.readFile(big, ReadOptions.DEFAULT.stopBefore(Tag.PIXEL_DATA));
        assertThat(header.dataset().contains(Tag.PIXEL_DATA)).isFalse();
        assertThat(header.dataset().getInt(Tag.ROWS, 0)).isEqualTo(1024);
        // DCMTK reads the 210 MB file too (-M: without loading the long value).
        Map<String, String> dump = Dcmtk.dump(big);
        assertThat(dump).containsEntry("(0028,0008)", "210").containsEntry("(0010,0010)", "Big^Object");
    }

    @Test
    void largeFragmentsBecomeBulkDataToo() throws IOException {
        Attributes a = Fixtures.withFragments(Fixtures.allVrs());
        Path file = dir.resolve("frag.dcm");
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(a, TransferSyntax.JPEG_BASELINE), a);
        DicomFile read = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataThreshold(8, dir));
        Fragments fragments = (Fragments) read.dataset().get(Tag.PIXEL_DATA).value();
        assertThat(fragments.basicOffsetTable()).isNotInstanceOf(BulkDataRef.class); // 8 bytes: not above the threshold
        BulkDataRef first = (BulkDataRef) fragments.fragments().get(0);
        assertThat(first.read(0, 3)).containsExactly(0xFF, 0xD8, 1);
        assertThat(DicomWriter.toBytes(read.meta(), read.dataset())).isEqualTo(Files.readAllBytes(file));
    }

    private static void assertSamples(BulkDataRef pixels) throws IOException {
        for (long at : SAMPLES) {
            byte[] two = pixels.read(at, 2);
            assertThat(two).as("bytes at " + at).containsExactly(pattern(at), pattern(at + 1));
        }
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
