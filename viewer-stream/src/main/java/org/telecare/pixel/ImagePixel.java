package org.telecare.pixel;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;

import java.util.Locale;

/**
 * The Image Pixel module's description of the pixel data (PS3.3 §C.7.6.3): size, sample layout
 * and photometric interpretation, read and checked once so decoders and renderers can trust it.
 *
 * @param photometric Photometric Interpretation (0028,0004), upper case, e.g. {@code MONOCHROME2}
 * @param planar      Planar Configuration (0028,0006) is 1: colour-by-plane rather than by pixel
 * @param signed      Pixel Representation (0028,0103) is 1: two's complement samples
 */
public record ImagePixel(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
                         boolean signed, String photometric, boolean planar, int frames) {
    /** Planar Configuration (0028,0006), PS3.3 §C.7.6.3.1.3; the codec's Tag names the others. */
    static final int PLANAR_CONFIGURATION = 0x00280006;

    public ImagePixel {
        if (rows < 1 || columns < 1 || frames < 1) {
            throw new IllegalArgumentException("rows, columns and frames must be positive");
        }
    }

    /**
     * Reads and checks the module. Missing type 1 attributes, a High Bit that does not fit Bits
     * Stored, or a sample count that does not match the photometric interpretation are
     * {@link PixelDataException.Kind#INVALID_ATTRIBUTES}; bit depths other than 8 and 16
     * allocated are {@link PixelDataException.Kind#UNSUPPORTED_LAYOUT}.
     */
    public static ImagePixel of(Attributes ds) throws PixelDataException {
        if (!ds.contains(Tag.PIXEL_DATA)) {
            throw new PixelDataException(PixelDataException.Kind.NO_PIXEL_DATA, "the object has no Pixel Data (7FE0,0010)");
        }
        int rows = required(ds, Tag.ROWS, "Rows (0028,0010)");
        int columns = required(ds, Tag.COLUMNS, "Columns (0028,0011)");
        int bitsAllocated = required(ds, Tag.BITS_ALLOCATED, "Bits Allocated (0028,0100)");
        int bitsStored = ds.getInt(Tag.BITS_STORED, bitsAllocated);
        int highBit = ds.getInt(Tag.HIGH_BIT, bitsStored - 1);
        int samples = ds.getInt(Tag.SAMPLES_PER_PIXEL, 1);
        String photometric = ds.getString(Tag.PHOTOMETRIC_INTERPRETATION).orElse(samples == 1 ? "MONOCHROME2" : "RGB")
                .strip().toUpperCase(Locale.ROOT);
        int frames;
        try {
            frames = ds.getInt(Tag.NUMBER_OF_FRAMES, 1);
        } catch (NumberFormatException e) {
            throw invalid("Number of Frames (0028,0008) is not a number");
        }
        if (rows < 1 || columns < 1 || frames < 1) {
            throw invalid("Rows, Columns and Number of Frames must be positive (" + rows + ", " + columns + ", " + frames + ")");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new PixelDataException(PixelDataException.Kind.UNSUPPORTED_LAYOUT,
                    "Bits Allocated " + bitsAllocated + " is not rendered (8 and 16 are)");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw invalid("Bits Stored " + bitsStored + " / High Bit " + highBit + " do not fit Bits Allocated " + bitsAllocated);
        }
        int expected = switch (photometric) {
            case "MONOCHROME1", "MONOCHROME2", "PALETTE COLOR" -> 1;
            case "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_ICT", "YBR_RCT", "YBR_PARTIAL_420" -> 3;
            default -> throw new PixelDataException(PixelDataException.Kind.UNSUPPORTED_LAYOUT,
                    "Photometric Interpretation " + photometric + " is not rendered");
        };
        if (samples != expected) {
            throw invalid(photometric + " needs " + expected + " samples per pixel, not " + samples);
        }
        return new ImagePixel(rows, columns, samples, bitsAllocated, bitsStored, highBit,
                ds.getInt(Tag.PIXEL_REPRESENTATION, 0) == 1, photometric, ds.getInt(PLANAR_CONFIGURATION, 0) == 1, frames);
    }

    private static int required(Attributes ds, int tag, String name) throws PixelDataException {
        int[] v = ds.getInts(tag);
        if (v.length == 0) {
            throw invalid(name + " is missing");
        }
        return v[0];
    }

    private static PixelDataException invalid(String message) {
        return new PixelDataException(PixelDataException.Kind.INVALID_ATTRIBUTES, message);
    }

    public int pixelsPerFrame() {
        return rows * columns;
    }

    /**
     * Bytes of one native (uncompressed) frame (PS3.5 §8.1.1). Native YBR_FULL_422 keeps two
     * luminance and one pair of chrominance samples per two pixels (PS3.3 §C.7.6.3.1.2).
     */
    public long nativeFrameLength() {
        long samples = photometric.equals("YBR_FULL_422") ? 2L * rows * columns : (long) rows * columns * samplesPerPixel;
        return samples * (bitsAllocated / 8);
    }

    public boolean monochrome() {
        return photometric.startsWith("MONOCHROME");
    }
}
