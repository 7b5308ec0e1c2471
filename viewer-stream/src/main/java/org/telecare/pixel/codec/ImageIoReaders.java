package org.telecare.pixel.codec;

import org.telecare.pixel.PixelDataException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Finds an ImageIO reader by format, preferring one provider (the JDK's own JPEG reader cannot
 * do 12-bit or lossless JPEG; TwelveMonkeys' can do lossless), and reads one raster without
 * colour conversion: the photometric interpretation is the renderer's business.
 */
final class ImageIoReaders {
    private ImageIoReaders() {
    }

    static ImageReader reader(String format, String preferredPackage) throws PixelDataException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith(preferredPackage)) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return r;
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        if (fallback == null) {
            throw new PixelDataException(PixelDataException.Kind.UNSUPPORTED_TRANSFER_SYNTAX,
                    "no ImageIO reader for " + format + " on the class path");
        }
        return fallback;
    }

    /** The first image's raster; any decoder failure (they throw IOException and runtime exceptions alike) is CORRUPT. */
    static Raster readRaster(ImageReader reader, byte[] data, String what) throws PixelDataException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            // libjpeg reports a truncated or damaged scan as a warning and fills the rest: for us that is corrupt data.
            java.util.List<String> warnings = new java.util.ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            Raster raster = reader.canReadRaster() ? reader.readRaster(0, null) : reader.read(0).getRaster();
            if (!warnings.isEmpty()) {
                throw new PixelDataException(PixelDataException.Kind.CORRUPT, what + " is damaged: " + warnings.getFirst());
            }
            return raster;
        } catch (IOException | RuntimeException e) {
            throw new PixelDataException(PixelDataException.Kind.CORRUPT, what + " could not be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
