package org.telecare.pixel.codec;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.pixel.Frame;
import org.telecare.pixel.ImagePixel;
import org.telecare.pixel.PixelDataException;
import org.telecare.pixel.PixelDataException.Kind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The decoders by transfer syntax UID (PS3.5 §10, PS3.6 Annex A). Other syntaxes, and variants
 * a decoder cannot handle (progressive or arithmetic JPEG, JPEG-LS mapping tables), are
 * {@link Kind#UNSUPPORTED_TRANSFER_SYNTAX}.
 */
public final class Decoders {
    private static final FrameDecoder NATIVE = new NativeDecoder();
    private static final FrameDecoder JPEG_LOSSY = new JpegDecoder(false);
    private static final FrameDecoder JPEG_LOSSLESS = new JpegDecoder(true);
    private static final FrameDecoder J2K = new Jpeg2000Decoder();
    private static final FrameDecoder RLE = new RleDecoder();
    private static final FrameDecoder JPEG_LS = new JpegLsDecoder();

    private static final Map<String, FrameDecoder> BY_UID = Map.ofEntries(
            Map.entry(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), NATIVE),
            Map.entry(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), NATIVE),
            Map.entry(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), NATIVE),
            Map.entry(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), NATIVE),
            Map.entry(TransferSyntax.JPEG_BASELINE.uid(), JPEG_LOSSY),
            Map.entry(TransferSyntax.JPEG_EXTENDED.uid(), JPEG_LOSSY),
            Map.entry(TransferSyntax.JPEG_LOSSLESS.uid(), JPEG_LOSSLESS),
            Map.entry(TransferSyntax.JPEG_LOSSLESS_SV1.uid(), JPEG_LOSSLESS),
            Map.entry(TransferSyntax.JPEG_2000_LOSSLESS.uid(), J2K),
            Map.entry(TransferSyntax.JPEG_2000.uid(), J2K),
            Map.entry(TransferSyntax.JPEG_LS_LOSSLESS.uid(), JPEG_LS),
            Map.entry(TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(), JPEG_LS),
            Map.entry(TransferSyntax.RLE_LOSSLESS.uid(), RLE));

    private Decoders() {
    }

    /** The transfer syntaxes whose pixel data can be decoded, for the conformance statement and error messages. */
    public static List<String> supported() {
        return List.copyOf(new TreeSet<>(BY_UID.keySet()));
    }

    public static Optional<FrameDecoder> forTransferSyntax(String uid) {
        return Optional.ofNullable(BY_UID.get(uid));
    }

    /** Decodes frame {@code frameNumber} (1-based, as in PS3.18 frame lists) of a data set encoded in {@code ts}. */
    public static Frame decode(Attributes ds, TransferSyntax ts, int frameNumber) throws PixelDataException {
        ImagePixel pixel = ImagePixel.of(ds);
        FrameDecoder decoder = forTransferSyntax(ts.uid()).orElseThrow(() -> new PixelDataException(
                Kind.UNSUPPORTED_TRANSFER_SYNTAX, "pixel data in " + ts.name() + " (" + ts.uid() + ") cannot be decoded here"));
        return decoder.decode(pixel, EncodedFrames.frame(ds, ts, pixel, frameNumber - 1));
    }
}
