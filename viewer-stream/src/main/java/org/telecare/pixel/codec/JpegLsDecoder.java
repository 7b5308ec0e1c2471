package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;
import org.telecare.pixel.PixelDataException.Kind;

/**
 * JPEG-LS lossless and near-lossless (ITU-T T.87 | ISO/IEC 14495-1; PS3.5 §A.4.3, §8.2.3),
 * written here after the standard: no maintained pure-Java decoder is published. Supports 2 to
 * 16 bits, one to four components, separate scans (ILV 0), line- (ILV 1) or sample-interleaved
 * (ILV 2), default or LSE-coded preset parameters. Mapping tables, point transforms and restart
 * markers are refused as {@link Kind#UNSUPPORTED_TRANSFER_SYNTAX}.
 */
public final class JpegLsDecoder implements FrameDecoder {
    @Override
    public Frame decode(ImagePixel p, byte[] data) throws PixelDataException {
        int[] samples = new JpegLsStream(data).decode();
        if (samples.length != p.pixelsPerFrame() * p.samplesPerPixel()) {
            throw new PixelDataException(Kind.INVALID_ATTRIBUTES, "JPEG-LS frame has " + samples.length
                    + " samples, the data set describes " + p.pixelsPerFrame() * p.samplesPerPixel());
        }
        StoredBits bits = StoredBits.aligned(p);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = bits.value(samples[i]);
        }
        return new Frame(p.columns(), p.rows(), p.samplesPerPixel(), samples, p.photometric());
    }
}
