package org.telecare.pixel;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Synthetic uncompressed images for the pixel pipeline's tests: the originals that DCMTK and
 * OpenJPEG compress and that decoded frames are compared with. Smooth ramps with a little
 * structure, so lossy codecs stay within a small tolerance.
 */
public final class PixelImages {
    public static final String STUDY = "2.25.700";
    public static final String SERIES = "2.25.701";
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String SC_IMAGE = "1.2.840.10008.5.1.4.1.1.7";

    private PixelImages() {
    }

    static Attributes base(String sopInstance, String sopClass, int rows, int columns) {
        Attributes a = new Attributes();
        a.putString(Tag.SOP_CLASS_UID, VR.UI, sopClass);
        a.putString(Tag.SOP_INSTANCE_UID, VR.UI, sopInstance);
        a.putString(Tag.STUDY_INSTANCE_UID, VR.UI, STUDY);
        a.putString(Tag.SERIES_INSTANCE_UID, VR.UI, SERIES);
        a.putString(Tag.MODALITY, VR.CS, sopClass.equals(CT_IMAGE) ? "CT" : "OT");
        a.putString(Tag.PATIENT_ID, VR.LO, "PID-1");
        a.putInts(Tag.ROWS, VR.US, rows);
        a.putInts(Tag.COLUMNS, VR.US, columns);
        return a;
    }

    /** A CT-like frame: 12 of 16 bits stored, unsigned 0…4095, Rescale Intercept −1024, a soft-tissue window. */
    public static Attributes ct12(String uid, int rows, int columns) {
        Attributes a = mono(base(uid, CT_IMAGE, rows, columns), "MONOCHROME2", 16, 12, false);
        a.putString(0x00281052, VR.DS, "-1024");
        a.putString(0x00281053, VR.DS, "1");
        a.putString(0x00281050, VR.DS, "40");
        a.putString(0x00281051, VR.DS, "400");
        short[] v = new short[rows * columns];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                v[y * columns + x] = (short) Math.min(4095, (x * 4095 / Math.max(1, columns - 1) + y * 7) % 4096);
            }
        }
        return a.putBytes(Tag.PIXEL_DATA, VR.OW, le(v));
    }

    /** 16 bits stored, signed −2000…+2000, Rescale Intercept −1024, no window: renderers use min/max. */
    public static Attributes ct16Signed(String uid, int rows, int columns, int frames) {
        Attributes a = mono(base(uid, CT_IMAGE, rows, columns), "MONOCHROME2", 16, 16, true);
        a.putString(0x00281052, VR.DS, "-1024");
        a.putString(0x00281053, VR.DS, "1");
        if (frames > 1) {
            a.putString(Tag.NUMBER_OF_FRAMES, VR.IS, Integer.toString(frames));
        }
        short[] v = new short[rows * columns * frames];
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    v[(f * rows + y) * columns + x] = (short) (-2000 + (x * 4000 / Math.max(1, columns - 1) + y * 3 + f * 100) % 4001);
                }
            }
        }
        return a.putBytes(Tag.PIXEL_DATA, VR.OW, le(v));
    }

    /** 8-bit grey, MONOCHROME1 (white is low). */
    public static Attributes mono1(String uid, int rows, int columns) {
        Attributes a = mono(base(uid, SC_IMAGE, rows, columns), "MONOCHROME1", 8, 8, false);
        return a.putBytes(Tag.PIXEL_DATA, VR.OB, ramp8(rows, columns, 1, 0));
    }

    /** 8-bit grey, MONOCHROME2. */
    public static Attributes mono2(String uid, int rows, int columns) {
        Attributes a = mono(base(uid, SC_IMAGE, rows, columns), "MONOCHROME2", 8, 8, false);
        return a.putBytes(Tag.PIXEL_DATA, VR.OB, ramp8(rows, columns, 1, 0));
    }

    /**
     * Flat regions cut by rectangles and a sprinkle of isolated values: long runs that are
     * interrupted mid-line, which smooth ramps never give (JPEG-LS run mode, RLE replicate runs).
     */
    public static Attributes blocks(String uid, int rows, int columns, int bits) {
        Attributes a = mono(base(uid, SC_IMAGE, rows, columns), "MONOCHROME2", bits > 8 ? 16 : 8, bits, false);
        java.util.Random random = new java.util.Random(uid.hashCode());
        int max = (1 << bits) - 1;
        int[] v = new int[rows * columns];
        for (int r = 0; r < 12; r++) {
            int x0 = random.nextInt(columns);
            int y0 = random.nextInt(rows);
            int w = 1 + random.nextInt(columns / 2);
            int h = 1 + random.nextInt(rows / 2);
            int value = random.nextInt(max + 1);
            for (int y = y0; y < Math.min(rows, y0 + h); y++) {
                for (int x = x0; x < Math.min(columns, x0 + w); x++) {
                    v[y * columns + x] = value;
                }
            }
        }
        for (int i = 0; i < v.length / 50; i++) {
            v[random.nextInt(v.length)] = random.nextInt(max + 1);
        }
        if (bits <= 8) {
            byte[] b = new byte[v.length + v.length % 2];
            for (int i = 0; i < v.length; i++) {
                b[i] = (byte) v[i];
            }
            return a.putBytes(Tag.PIXEL_DATA, VR.OB, b);
        }
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (short) v[i];
        }
        return a.putBytes(Tag.PIXEL_DATA, VR.OW, le(s));
    }

    /** 8-bit RGB made of {@link #blocks}: flat colour regions, so colour runs start and stop mid-line. */
    public static Attributes rgbBlocks(String uid, int rows, int columns) {
        byte[] grey = blocks(uid, rows, columns, 8).getBytes(Tag.PIXEL_DATA).orElseThrow();
        Attributes a = rgb8(uid, rows, columns);
        byte[] rgb = new byte[rows * columns * 3];
        for (int i = 0; i < rows * columns; i++) {
            rgb[3 * i] = grey[i];
            rgb[3 * i + 1] = (byte) (255 - (grey[i] & 0xFF));
            rgb[3 * i + 2] = (byte) ((grey[i] & 0xFF) / 2);
        }
        return a.putBytes(Tag.PIXEL_DATA, VR.OB, rgb);
    }

    /** 8-bit RGB, colour-by-pixel (Planar Configuration 0). */
    public static Attributes rgb8(String uid, int rows, int columns) {
        Attributes a = base(uid, SC_IMAGE, rows, columns);
        a.putInts(0x00280002, VR.US, 3);
        a.putString(0x00280004, VR.CS, "RGB");
        a.putInts(0x00280006, VR.US, 0);
        bits(a, 8, 8, false);
        return a.putBytes(Tag.PIXEL_DATA, VR.OB, ramp8(rows, columns, 3, 0));
    }

    /** 8-bit PALETTE COLOR with 256-entry 16-bit red, green and blue LUTs (PS3.3 §C.7.6.3.1.5). */
    public static Attributes palette8(String uid, int rows, int columns) {
        Attributes a = base(uid, SC_IMAGE, rows, columns);
        a.putInts(0x00280002, VR.US, 1);
        a.putString(0x00280004, VR.CS, "PALETTE COLOR");
        bits(a, 8, 8, false);
        for (int c = 0; c < 3; c++) {
            a.putInts(0x00281101 + c, VR.US, 256, 0, 16);
            short[] lut = new short[256];
            for (int i = 0; i < 256; i++) {
                int v = switch (c) {
                    case 0 -> i;
                    case 1 -> 255 - i;
                    default -> (i * 2) % 256;
                };
                lut[i] = (short) (v * 257);
            }
            a.putBytes(0x00281201 + c, VR.OW, le(lut));
        }
        return a.putBytes(Tag.PIXEL_DATA, VR.OB, ramp8(rows, columns, 1, 0));
    }

    private static Attributes mono(Attributes a, String photometric, int allocated, int stored, boolean signed) {
        a.putInts(0x00280002, VR.US, 1);
        a.putString(0x00280004, VR.CS, photometric);
        return bits(a, allocated, stored, signed);
    }

    private static Attributes bits(Attributes a, int allocated, int stored, boolean signed) {
        a.putInts(Tag.BITS_ALLOCATED, VR.US, allocated);
        a.putInts(Tag.BITS_STORED, VR.US, stored);
        a.putInts(Tag.HIGH_BIT, VR.US, stored - 1);
        a.putInts(Tag.PIXEL_REPRESENTATION, VR.US, signed ? 1 : 0);
        return a;
    }

    /** Smooth ramps: sample c of pixel (x, y) varies along x, y or both. */
    static byte[] ramp8(int rows, int columns, int samples, int seed) {
        byte[] b = new byte[rows * columns * samples + (rows * columns * samples) % 2];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int c = 0; c < samples; c++) {
                    int v = switch (c) {
                        case 0 -> x * 255 / Math.max(1, columns - 1);
                        case 1 -> y * 255 / Math.max(1, rows - 1);
                        default -> (x + y) * 255 / Math.max(1, rows + columns - 2);
                    };
                    b[(y * columns + x) * samples + c] = (byte) (v + seed);
                }
            }
        }
        return b;
    }

    static byte[] le(short[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : v) {
            b.putShort(s);
        }
        return b.array();
    }

    public static Path write(Path file, Attributes ds) throws IOException {
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds);
        return file;
    }

    public static Attributes read(Path file) throws IOException {
        return DicomReader.readFile(file, ReadOptions.DEFAULT).dataset();
    }

    public static TransferSyntax transferSyntax(Path file) throws IOException {
        return DicomReader.readFile(file, ReadOptions.DEFAULT).meta().transferSyntax();
    }
}
