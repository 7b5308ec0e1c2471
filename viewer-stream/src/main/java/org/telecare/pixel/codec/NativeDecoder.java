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
}
