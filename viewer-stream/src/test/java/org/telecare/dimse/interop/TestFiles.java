package org.telecare.dimse.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Makes small DICOM files with DCMTK's {@code dump2dcm} and reads their data set bytes back. */
public final class TestFiles {
    private TestFiles() {
    }

    /**
     * A Secondary Capture instance of {@code pixelBytes} random pixels (rows x 1000 columns, 8 bit).
     *
     * @param xfer {@code +te} explicit or {@code +ti} implicit VR little endian
     */
    public static Path secondaryCapture(Path dir, String sopInstanceUid, int pixelBytes, String xfer) {
        try {
            int rows = Math.max(1, pixelBytes / 1000);
            byte[] pixels = new byte[rows * 1000];
            new Random(sopInstanceUid.hashCode()).nextBytes(pixels);
            Path raw = dir.resolve(sopInstanceUid + ".raw");
            Files.write(raw, pixels);
            String dump = String.join("\n",
                    "(0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]",
                    "(0008,0018) UI [" + sopInstanceUid + "]",
                    "(0008,0060) CS [OT]",
                    "(0010,0010) PN [Test^Patient]",
                    "(0010,0020) LO [P1]",
                    "(0020,000d) UI [1.2.826.0.1.3680043.10.1]",
                    "(0020,000e) UI [1.2.826.0.1.3680043.10.1.1]",
                    "(0028,0002) US 1",
                    "(0028,0004) CS [MONOCHROME2]",
                    "(0028,0010) US " + rows,
                    "(0028,0011) US 1000",
                    "(0028,0100) US 8",
                    "(0028,0101) US 8",
                    "(0028,0102) US 7",
                    "(0028,0103) US 0",
                    "(7fe0,0010) OB =" + raw.toAbsolutePath(), "");
            Path dumpFile = dir.resolve(sopInstanceUid + ".dump");
            Files.writeString(dumpFile, dump);
            Path out = dir.resolve(sopInstanceUid + (xfer.equals("+ti") ? ".implicit.dcm" : ".explicit.dcm"));
            Dcmtk.Result r = Dcmtk.run(30, "dump2dcm", "-q", xfer, dumpFile.toString(), out.toString());
            if (!r.ok() || !Files.exists(out)) {
                throw new AssertionError("dump2dcm failed: " + r.output());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The offset of the data set in a Part 10 file: preamble (128) + "DICM" + the (0002,0000)
     * element (12 bytes, explicit VR LE) + its value, the group's length (PS3.10 §7.1).
     */
    public static long dataSetOffset(Path part10) {
        try {
            byte[] head = Arrays.copyOf(Files.readAllBytes(part10), 144);
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (b.get(128) != 'D' || b.get(131) != 'M' || b.getShort(132) != 2 || b.getShort(134) != 0) {
                throw new AssertionError(part10 + " is not a Part 10 file starting with (0002,0000)");
            }
            return 144 + (b.getInt(140) & 0xFFFFFFFFL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] dataSet(Path part10) {
        try {
            byte[] all = Files.readAllBytes(part10);
            return Arrays.copyOfRange(all, (int) dataSetOffset(part10), all.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
