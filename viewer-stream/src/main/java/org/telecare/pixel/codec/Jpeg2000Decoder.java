package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;

import java.awt.image.Raster;

/**
 * JPEG 2000 lossless and lossy (PS3.5 §A.4.4, §8.2.4) through jai-imageio's pure-Java decoder.
 * The decoder undoes the codestream's multiple component transform, so YBR_RCT and YBR_ICT
 * come out as RGB (PS3.3 §C.7.6.3.1.2).
 */
public final class Jpeg2000Decoder implements FrameDecoder {
    @Override
    public Frame decode(ImagePixel p, byte[] data) throws PixelDataException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0x4F) {
            // A JP2 file wrapper (box signature) is tolerated by the reader; anything else is not JPEG 2000.
            if (data.length < 12 || data[4] != 'j' || data[5] != 'P') {
                throw new PixelDataException(PixelDataException.Kind.CORRUPT,
                        "the frame does not start with a JPEG 2000 codestream (SOC marker FF4F)");
            }
        }
        Raster raster = ImageIoReaders.readRaster(ImageIoReaders.reader("jpeg2000", "com.github.jaiimageio."), data,
                "JPEG 2000 frame");
        String photometric = switch (p.photometric()) {
            case "YBR_ICT", "YBR_RCT" -> "RGB";
            default -> p.photometric();
        };
        return RasterFrames.frame(raster, p, photometric, "JPEG 2000");
    }
}
