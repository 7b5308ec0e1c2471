package org.telecare.pixel.render;

import java.util.Locale;
import java.util.Optional;

/** VOI LUT Function (0028,1056), PS3.3 §C.11.2.1.3: how a window maps values to output. */
public enum VoiFunction {
    LINEAR, LINEAR_EXACT, SIGMOID;

    /** From the attribute's defined terms or PS3.18's query form ({@code linear-exact}), case-insensitively. */
    public static Optional<VoiFunction> parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (VoiFunction f : values()) {
            if (f.name().equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
