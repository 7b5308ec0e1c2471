package org.telecare.pixel.render;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Sequence;

import java.util.Optional;

/**
 * Where a frame's rendering attributes are. Enhanced multi-frame objects keep them in
 * functional group macros (PS3.3 §C.7.6.16): the frame's item of the Per-Frame Functional
 * Groups Sequence, else the Shared Functional Groups Sequence; other objects at the top level.
 */
final class FrameAttributes {
    static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    /** Pixel Value Transformation Sequence (0028,9145): rescale of enhanced objects. */
    static final int PIXEL_VALUE_TRANSFORMATION = 0x00289145;
    /** Frame VOI LUT Sequence (0028,9132): window of enhanced objects. */
    static final int FRAME_VOI_LUT = 0x00289132;

    private FrameAttributes() {
    }

    /** The item of macro {@code macroSequence} that applies to frame {@code index} (0-based), if any. */
    static Optional<Attributes> macro(Attributes ds, int index, int macroSequence) {
        Optional<Attributes> perFrame = item(ds, PER_FRAME_FUNCTIONAL_GROUPS, index).flatMap(g -> item(g, macroSequence, 0));
        return perFrame.or(() -> item(ds, SHARED_FUNCTIONAL_GROUPS, 0).flatMap(g -> item(g, macroSequence, 0)));
    }

    private static Optional<Attributes> item(Attributes ds, int tag, int index) {
        Optional<Sequence> s = ds.getSequence(tag);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        for (Attributes item : s.get()) {
            if (i++ == index) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
