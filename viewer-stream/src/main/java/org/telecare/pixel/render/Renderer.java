package org.telecare.pixel.render;

import org.telecare.dicom.data.Attributes;
import org.telecare.pixel.Frame;
import org.telecare.pixel.PixelDataException;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;

/**
 * Renders a decoded frame to an 8-bit picture: grey for MONOCHROME1/2 ({@link GreyPipeline}),
 * RGB for RGB, YBR_FULL (and YBR_FULL_422 as decoders deliver it) and PALETTE COLOR. A
 * requested window applies to monochrome only; colour images are shown as they are
 * (PS3.18 §8.3.5.1.4 leaves windowing of colour undefined).
 */
public final class Renderer {
    private Renderer() {
    }

    /**
     * @param ds     the data set (for rescale, windows, LUTs and palettes)
     * @param frame  the decoded frame
     * @param index  the frame's 0-based index, for per-frame functional groups
     * @param window a window from the request, overriding the object's
     */
    public static BufferedImage render(Attributes ds, Frame frame, int index, Optional<Window> window)
            throws PixelDataException {
        int w = frame.columns();
        int h = frame.rows();
        return switch (frame.photometric()) {
            case "MONOCHROME1", "MONOCHROME2" -> grey(w, h, GreyPipeline.render(ds, frame, index, window));
            case "PALETTE COLOR" -> rgb(w, h, palette(Palette.of(ds), frame));
            case "RGB" -> rgb(w, h, rgb(frame, ds));
            case "YBR_FULL", "YBR_FULL_422" -> rgb(w, h, ybrFull(frame, ds));
            default -> throw new PixelDataException(PixelDataException.Kind.UNSUPPORTED_LAYOUT,
                    "frames in " + frame.photometric() + " are not rendered");
        };
    }

    private static BufferedImage grey(int w, int h, byte[] pixels) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, pixels.length);
        return img;
    }

    /** From R,G,B triples to the BGR byte order of {@link BufferedImage#TYPE_3BYTE_BGR}. */
    private static BufferedImage rgb(int w, int h, byte[] rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return img;
    }

    /** How far to shift samples of more than 8 bits down to 8 (16-bit RGB keeps its top bits). */
    private static int shift(Attributes ds) {
        int stored = ds.getInt(org.telecare.dicom.data.Tag.BITS_STORED, 8);
        return Math.max(0, stored - 8);
    }

    private static byte[] rgb(Frame f, Attributes ds) {
        int s = shift(ds);
        int[] in = f.samples();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (byte) clamp(in[i] >> s);
        }
        return out;
    }

    /** YCbCr full range to RGB (PS3.3 §C.7.6.3.1.2, the JFIF equations). */
    private static byte[] ybrFull(Frame f, Attributes ds) {
        int s = shift(ds);
        int[] in = f.samples();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            double y = in[i] >> s;
            double cb = (in[i + 1] >> s) - 128;
            double cr = (in[i + 2] >> s) - 128;
            out[i] = (byte) clamp(Math.round(y + 1.402 * cr));
            out[i + 1] = (byte) clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr));
            out[i + 2] = (byte) clamp(Math.round(y + 1.772 * cb));
        }
        return out;
    }

    private static byte[] palette(Palette p, Frame f) {
        int[] in = f.samples();
        byte[] out = new byte[in.length * 3];
        for (int i = 0; i < in.length; i++) {
            out[3 * i] = (byte) Palette.to8(p.red(), p.red().lookup(in[i]));
            out[3 * i + 1] = (byte) Palette.to8(p.green(), p.green().lookup(in[i]));
            out[3 * i + 2] = (byte) Palette.to8(p.blue(), p.blue().lookup(in[i]));
        }
        return out;
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }
}
