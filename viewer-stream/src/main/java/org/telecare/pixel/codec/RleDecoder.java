package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;

/**
 * RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (number of segments, then up to 15
 * segment offsets, little endian) and one PackBits-coded segment per byte plane: for each
 * sample, its most significant byte first (§G.2). Each segment expands to Rows × Columns bytes.
 */
public final class RleDecoder implements FrameDecoder {
    private static final int HEADER = 64;

    @Override
    public Frame decode(ImagePixel p, byte[] data) throws PixelDataException {
        if (data.length < HEADER) {
            throw corrupt("RLE frame of " + data.length + " bytes is shorter than its 64-byte header");
        }
        int bytesPerSample = p.bitsAllocated() / 8;
        int spp = p.samplesPerPixel();
        int segments = u32(data, 0);
        if (segments != spp * bytesPerSample) {
            throw corrupt("RLE header names " + segments + " segments, " + spp * bytesPerSample + " expected (§G.2)");
        }
        int pixels = p.pixelsPerFrame();
        int[] raw = new int[pixels * spp];
        for (int s = 0; s < segments; s++) {
            int start = u32(data, 4 + 4 * s);
            int end = s + 1 < segments ? u32(data, 8 + 4 * s) : data.length;
            if (start < HEADER || end > data.length || start > end) {
                throw corrupt("RLE segment " + (s + 1) + " offsets " + start + ".." + end + " outside the frame of "
                        + data.length + " bytes");
            }
            byte[] plane = unpack(data, start, end, pixels, s + 1);
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int i = 0; i < pixels; i++) {
                raw[i * spp + sample] |= (plane[i] & 0xFF) << shift;
            }
        }
        StoredBits bits = StoredBits.of(p);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bits.value(raw[i]);
        }
        return new Frame(p.columns(), p.rows(), spp, raw, p.photometric());
    }

    /** PackBits (§G.3.1): n in 0..127 copies n+1 literal bytes; -127..-1 repeats the next byte 1-n times; -128 is a no-op. */
    private static byte[] unpack(byte[] in, int at, int end, int length, int segment) throws PixelDataException {
        byte[] out = new byte[length];
        int o = 0;
        while (o < length) {
            if (at >= end) {
                throw corrupt("RLE segment " + segment + " ends after " + o + " of " + length + " bytes");
            }
            int n = in[at++];
            if (n >= 0) {
                int count = n + 1;
                if (at + count > end || o + count > length) {
                    throw corrupt("RLE segment " + segment + ": literal run overruns the segment or the plane");
                }
                System.arraycopy(in, at, out, o, count);
                at += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (at >= end || o + count > length) {
                    throw corrupt("RLE segment " + segment + ": replicate run overruns the segment or the plane");
                }
                java.util.Arrays.fill(out, o, o + count, in[at++]);
                o += count;
            }
        }
        return out;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0x7F) << 24;
    }

    private static PixelDataException corrupt(String message) {
        return new PixelDataException(PixelDataException.Kind.CORRUPT, message);
    }
}
