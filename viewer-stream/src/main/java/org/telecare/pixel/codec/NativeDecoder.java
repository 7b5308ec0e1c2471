package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;

/**
 * Native (uncompressed) pixel data, little endian as the codec holds every value: the reader
 * already swapped big endian OW words (PS3.5 §A.3), see {@link EncodedFrames}. Colour-by-plane
 * data (Planar Configuration 1, PS3.3 §C.7.6.3.1.3) is interleaved here.
 */
public final class NativeDecoder implements FrameDecoder {
    @Override
    public Frame decode(ImagePixel p, byte[] data) throws PixelDataException {
        long need = p.nativeFrameLength();
        if (data.length < need) {
            throw new PixelDataException(PixelDataException.Kind.CORRUPT,
                    "native frame has " + data.length + " bytes, " + need + " expected");
        }
        StoredBits bits = StoredBits.of(p);
        if (p.photometric().equals("YBR_FULL_422")) {
            return ybr422(p, data, bits);
        }
        int pixels = p.pixelsPerFrame();
        int spp = p.samplesPerPixel();
        int[] out = new int[pixels * spp];
        boolean wide = p.bitsAllocated() == 16;
        for (int i = 0; i < out.length; i++) {
            // Index of sample i (pixel-interleaved) in the stored order.
            int stored = p.planar() && spp > 1 ? (i % spp) * pixels + i / spp : i;
            int raw = wide ? (data[2 * stored] & 0xFF) | (data[2 * stored + 1] & 0xFF) << 8 : data[stored] & 0xFF;
            out[i] = bits.value(raw);
        }
        return new Frame(p.columns(), p.rows(), spp, out, p.photometric());
    }

    /**
     * Native YBR_FULL_422 (PS3.3 §C.7.6.3.1.2): each pair of pixels on a row is stored as
     * Y1 Y2 Cb Cr; both pixels take the pair's chrominance. The frame that comes out is YBR_FULL.
     */
    private static Frame ybr422(ImagePixel p, byte[] data, StoredBits bits) throws PixelDataException {
        if (p.columns() % 2 != 0 || p.bitsAllocated() != 8) {
            throw new PixelDataException(PixelDataException.Kind.INVALID_ATTRIBUTES,
                    "native YBR_FULL_422 needs an even number of columns and 8 bits allocated");
        }
        int[] out = new int[p.pixelsPerFrame() * 3];
        for (int pair = 0; pair < p.pixelsPerFrame() / 2; pair++) {
            int at = pair * 4;
            int cb = bits.value(data[at + 2] & 0xFF);
            int cr = bits.value(data[at + 3] & 0xFF);
            for (int k = 0; k < 2; k++) {
                int o = (pair * 2 + k) * 3;
                out[o] = bits.value(data[at + k] & 0xFF);
                out[o + 1] = cb;
                out[o + 2] = cr;
            }
        }
        return new Frame(p.columns(), p.rows(), 3, out, "YBR_FULL");
    }
}
