package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;

import java.awt.image.Raster;

/**
 * JPEG baseline (process 1), extended (processes 2 and 4) and lossless (process 14, any
 * predictor incl. SV1), PS3.5 §A.4.1 and §8.2.1, through TwelveMonkeys' JPEG reader (which
 * adds lossless to the JDK's DCT decoder), and 12-bit DCT through {@link DctJpeg}.
 *
 * <p>Lossy colour JPEG is YCbCr unless the stream says otherwise (an Adobe APP14 marker with
 * transform 0, or components named R, G, B), whatever Photometric Interpretation claims: many
 * devices write RGB there for YCbCr streams. Lossless JPEG has no colour transform; its samples
 * are as the data set describes them.
 */
public final class JpegDecoder implements FrameDecoder {
    private final boolean lossless;

    JpegDecoder(boolean lossless) {
        this.lossless = lossless;
    }

    @Override
    public Frame decode(ImagePixel p, byte[] data) throws PixelDataException {
        JpegHeader header = JpegHeader.parse(data);
        String photometric = p.photometric();
        if (p.samplesPerPixel() == 3 && !lossless && !header.lossless()) {
            photometric = header.rgb() ? "RGB" : "YBR_FULL";
        }
        if (header.precision() > 8 && !header.lossless()) {
            // The JDK's DCT decoder, which TwelveMonkeys delegates to, is 8-bit only: 12-bit process 4 is ours.
            DctJpeg.Image img = DctJpeg.decode(data);
            if (img.width() != p.columns() || img.height() != p.rows() || img.components() != p.samplesPerPixel()) {
                throw new PixelDataException(PixelDataException.Kind.INVALID_ATTRIBUTES, "JPEG frame is " + img.width()
                        + "x" + img.height() + "x" + img.components() + ", the data set says " + p.columns() + "x"
                        + p.rows() + "x" + p.samplesPerPixel());
            }
            int[] samples = img.samples();
            StoredBits bits = StoredBits.aligned(p);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = bits.value(samples[i]);
            }
            return new Frame(p.columns(), p.rows(), p.samplesPerPixel(), samples, photometric);
        }
        Raster raster = ImageIoReaders.readRaster(ImageIoReaders.reader("jpeg", "com.twelvemonkeys."), data, "JPEG frame");
        return RasterFrames.frame(raster, p, photometric, "JPEG");
    }
}
