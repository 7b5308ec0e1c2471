package org.telecare.pixel.render;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Sequence;
import org.telecare.pixel.Frame;
import org.telecare.pixel.PixelDataException;

import java.util.Optional;

/**
 * The grey pipeline of PS3.4 §N.2.1 for one monochrome frame: stored values through the
 * Modality LUT (rescale, §C.11.1, or a Modality LUT Sequence) to modality values, through the
 * VOI LUT (a window, §C.11.2.1.2, or a VOI LUT Sequence) to 8-bit output, inverted for
 * MONOCHROME1 (§C.7.6.3.1.2). With no window in the request or the object, the window spans
 * the frame's minimum to maximum modality value.
 */
final class GreyPipeline {
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int VOI_LUT_FUNCTION = 0x00281056;
    static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    static final int VOI_LUT_SEQUENCE = 0x00283010;

    private GreyPipeline() {
    }

    static byte[] render(Attributes ds, Frame frame, int index, Optional<Window> requested) throws PixelDataException {
        int[] stored = frame.samples();
        double[] modality = new double[stored.length];
        Optional<Lut> modalityLut = firstLut(ds, MODALITY_LUT_SEQUENCE, "Modality LUT");
        if (modalityLut.isPresent()) {
            Lut lut = modalityLut.get();
            for (int i = 0; i < stored.length; i++) {
                modality[i] = lut.lookup(stored[i]);
            }
        } else {
            Attributes rescale = FrameAttributes.macro(ds, index, FrameAttributes.PIXEL_VALUE_TRANSFORMATION).orElse(ds);
            double slope = rescale.getDouble(RESCALE_SLOPE, 1);
            double intercept = rescale.getDouble(RESCALE_INTERCEPT, 0);
            for (int i = 0; i < stored.length; i++) {
                modality[i] = stored[i] * slope + intercept;
            }
        }
        byte[] out = new byte[stored.length];
        Optional<Window> window = requested.or(() -> storedWindow(ds, index));
        Optional<Lut> voiLut = window.isPresent() ? Optional.empty() : firstLut(ds, VOI_LUT_SEQUENCE, "VOI LUT");
        if (voiLut.isPresent()) {
            Lut lut = voiLut.get();
            double scale = 255.0 / lut.maxValue();
            for (int i = 0; i < modality.length; i++) {
                out[i] = (byte) Math.round(Math.min(lut.maxValue(), lut.lookup((int) Math.round(modality[i]))) * scale);
            }
        } else {
            Window w = window.orElseGet(() -> minMax(modality));
            for (int i = 0; i < modality.length; i++) {
                out[i] = (byte) Math.round(w.apply(modality[i]));
            }
        }
        if (frame.photometric().equals("MONOCHROME1")) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (255 - (out[i] & 0xFF));
            }
        }
        return out;
    }

    /** The object's first window for this frame, if it has a usable one (§C.11.2.1.2). */
    static Optional<Window> storedWindow(Attributes ds, int index) {
        Attributes voi = FrameAttributes.macro(ds, index, FrameAttributes.FRAME_VOI_LUT).orElse(ds);
        double[] centers = voi.getDoubles(WINDOW_CENTER);
        double[] widths = voi.getDoubles(WINDOW_WIDTH);
        if (centers.length == 0 || widths.length == 0) {
            return Optional.empty();
        }
        VoiFunction f = voi.getString(VOI_LUT_FUNCTION).flatMap(VoiFunction::parse).orElse(VoiFunction.LINEAR);
        try {
            return Optional.of(new Window(centers[0], widths[0], f));
        } catch (IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }

    /** A LINEAR window from the lowest to the highest value: the lowest renders black, the highest white. */
    static Window minMax(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new Window((min + max) / 2, Math.max(1, max - min), VoiFunction.LINEAR);
    }

    private static Optional<Lut> firstLut(Attributes ds, int sequence, String what) throws PixelDataException {
        Optional<Sequence> s = ds.getSequence(sequence);
        if (s.isEmpty() || s.get().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Lut.fromItem(s.get().item(0), what));
    }
}
