package org.telecare.pixel.render;

import org.telecare.dicom.data.Attributes;
import org.telecare.pixel.PixelDataException;

/**
 * A lookup table as the Modality, VOI and palette LUT modules give them (PS3.3 §C.11.1.1,
 * §C.11.2.1.1, §C.7.6.3.1.5): a descriptor (number of entries, 0 meaning 65536; first input
 * value mapped; bits per entry) and the entries. Inputs below the first value take the first
 * entry, above the last the last.
 */
public record Lut(int first, int bits, int[] entries) {
    /** LUT Descriptor (0028,3002) and LUT Data (0028,3006), in a Modality or VOI LUT Sequence item. */
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_DATA = 0x00283006;

    public Lut {
        if (entries.length == 0 || bits < 1 || bits > 16) {
            throw new IllegalArgumentException("a LUT needs entries and 1…16 bits per entry");
        }
    }

    public int lookup(int x) {
        long i = (long) x - first;
        return entries[(int) Math.max(0, Math.min(entries.length - 1, i))];
    }

    /** The largest value an entry can hold, for scaling to 8 bits. */
    public int maxValue() {
        return (1 << bits) - 1;
    }

    /** A LUT from an item holding LUT Descriptor (0028,3002) and LUT Data (0028,3006). */
    static Lut fromItem(Attributes item, String what) throws PixelDataException {
        return of(item.getInts(LUT_DESCRIPTOR), item.getBytes(LUT_DATA).orElse(null), what);
    }

    /**
     * A LUT from its descriptor and data bytes (16-bit little endian words; 8-bit entries may
     * also come one per byte, as some writers pack them).
     */
    static Lut of(int[] descriptor, byte[] data, String what) throws PixelDataException {
        if (descriptor.length != 3 || data == null) {
            throw invalid(what + ": LUT Descriptor or LUT Data missing");
        }
        int n = descriptor[0] == 0 ? 65536 : descriptor[0];
        int first = descriptor[1];
        int bits = descriptor[2];
        if (bits < 1 || bits > 16) {
            throw invalid(what + ": " + bits + " bits per LUT entry");
        }
        int[] entries = new int[n];
        if (bits <= 8 && data.length >= n && data.length < 2 * n) {
            for (int i = 0; i < n; i++) {
                entries[i] = data[i] & 0xFF;
            }
        } else {
            if (data.length < 2 * n) {
                throw invalid(what + ": LUT Data has " + data.length / 2 + " entries, the descriptor says " + n);
            }
            for (int i = 0; i < n; i++) {
                entries[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
            }
        }
        return new Lut(first, bits, entries);
    }

    static PixelDataException invalid(String message) {
        return new PixelDataException(PixelDataException.Kind.INVALID_ATTRIBUTES, message);
    }
}
