package org.telecare.pixel.codec;

import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;

/**
 * Turns the bytes of one frame, as {@link EncodedFrames} cuts them out of the Pixel Data, into
 * samples. Blocking CPU work: never call it on an event loop.
 */
public sealed interface FrameDecoder permits NativeDecoder, RleDecoder, JpegDecoder, JpegLsDecoder, Jpeg2000Decoder {
    Frame decode(ImagePixel pixel, byte[] encoded) throws PixelDataException;
}
