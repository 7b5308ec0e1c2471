package org.telecare.pixel.render;

/**
 * A VOI window (PS3.3 §C.11.2.1.2): Window Center and Width in modality values, and the
 * function that maps them. LINEAR needs a width of at least 1, the others more than 0.
 */
public record Window(double center, double width, VoiFunction function) {
    public Window {
        if (!Double.isFinite(center) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window center and width must be numbers");
        }
        if (function == VoiFunction.LINEAR ? width < 1 : width <= 0) {
            throw new IllegalArgumentException("window width " + width + " is too small for " + function
                    + " (PS3.3 §C.11.2.1.2)");
        }
    }

    /** Output in {@code [0, 255]} for a modality value, by PS3.3 §C.11.2.1.2.1, .2.2 and .3.1. */
    public double apply(double x) {
        double c = center;
        double w = width;
        return switch (function) {
            case LINEAR -> {
                if (x <= c - 0.5 - (w - 1) / 2) {
                    yield 0;
                }
                if (x > c - 0.5 + (w - 1) / 2) {
                    yield 255;
                }
                yield ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
            }
            case LINEAR_EXACT -> {
                if (x <= c - w / 2) {
                    yield 0;
                }
                if (x > c + w / 2) {
                    yield 255;
                }
                yield ((x - c) / w + 0.5) * 255;
            }
            case SIGMOID -> 255 / (1 + Math.exp(-4 * (x - c) / w));
        };
    }
}
