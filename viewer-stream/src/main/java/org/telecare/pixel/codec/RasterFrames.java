package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;

import java.awt.image.Raster;

/** A decoded raster as a {@link Frame}, checked against the data set's description of it. */
final class RasterFrames {
    private RasterFrames() {
    }

    static Frame frame(Raster raster, ImagePixel p, String photometric, String codec) throws PixelDataException {
        if (raster.getWidth() != p.columns() || raster.getHeight() != p.rows()) {
            throw new PixelDataException(PixelDataException.Kind.INVALID_ATTRIBUTES, codec + " frame is "
                    + raster.getWidth() + "x" + raster.getHeight() + ", the data set says " + p.columns() + "x" + p.rows());
        }
        if (raster.getNumBands() != p.samplesPerPixel()) {
            throw new PixelDataException(PixelDataException.Kind.INVALID_ATTRIBUTES, codec + " frame has "
                    + raster.getNumBands() + " components, the data set says " + p.samplesPerPixel() + " samples per pixel");
        }
        int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), p.columns(), p.rows(), (int[]) null);
        StoredBits bits = StoredBits.aligned(p);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = bits.value(samples[i]);
        }
        return new Frame(p.columns(), p.rows(), p.samplesPerPixel(), samples, photometric);
    }
}
