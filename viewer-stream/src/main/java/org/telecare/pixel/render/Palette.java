package org.telecare.pixel.render;

import org.telecare.dicom.data.Attributes;
import org.telecare.pixel.PixelDataException;

/**
 * The red, green and blue Palette Color LUTs (PS3.3 §C.7.6.3.1.5 and .6): plain LUT Data
 * (0028,1201…1203) or Segmented LUT Data (0028,1221…1223, §C.7.9.2).
 */
record Palette(Lut red, Lut green, Lut blue) {
    static final int RED_DESCRIPTOR = 0x00281101;
    static final int RED_DATA = 0x00281201;
    static final int RED_SEGMENTED = 0x00281221;

    static Palette of(Attributes ds) throws PixelDataException {
        return new Palette(channel(ds, 0, "red"), channel(ds, 1, "green"), channel(ds, 2, "blue"));
    }

    private static Lut channel(Attributes ds, int c, String name) throws PixelDataException {
        int[] descriptor = ds.getInts(RED_DESCRIPTOR + c);
        String what = "Palette Color " + name + " LUT";
        if (ds.getBytes(RED_DATA + c).isPresent()) {
            return Lut.of(descriptor, ds.getBytes(RED_DATA + c).get(), what);
        }
        byte[] segmented = ds.getBytes(RED_SEGMENTED + c).orElseThrow(() -> Lut.invalid(what + " Data is missing"));
        if (descriptor.length != 3) {
            throw Lut.invalid(what + " Descriptor is missing");
        }
        int n = descriptor[0] == 0 ? 65536 : descriptor[0];
        return new Lut(descriptor[1], descriptor[2], SegmentedLut.expand(words(segmented), n, what));
    }

    private static int[] words(byte[] b) {
        int[] w = new int[b.length / 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
        }
        return w;
    }

    /** 8-bit output of an entry: the top 8 of its bits. */
    static int to8(Lut lut, int value) {
        return lut.bits() > 8 ? Math.min(255, value >> (lut.bits() - 8)) : Math.min(255, value);
    }
}
