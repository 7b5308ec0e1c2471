package org.telecare.dicomweb.rendered;

import io.vertx.core.MultiMap;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.pixel.render.ImageEncoding;
import org.telecare.pixel.render.Viewport;
import org.telecare.pixel.render.VoiFunction;
import org.telecare.pixel.render.Window;

import java.util.Locale;
import java.util.Optional;

/**
 * What a rendered request asks for (PS3.18 §8.3.5.1): {@code window=center,width[,function]},
 * {@code viewport=vw,vh} (either side may be empty), {@code quality=1…100}, and the media type
 * from {@code Accept}. Malformed parameters are 400, an Accept with neither JPEG nor PNG 406.
 */
public record RenderQuery(Optional<Window> window, Optional<Viewport> viewport, int quality, ImageEncoding encoding) {
    /** Longest side of a thumbnail when the request gives no viewport. */
    static final int THUMBNAIL_SIDE = 128;

    static RenderQuery parse(MultiMap params, String accept) {
        return new RenderQuery(window(params.get("window")), viewport(params.get("viewport")),
                quality(params.get("quality")), encoding(accept));
    }

    /** A thumbnail's viewport: the request's, or {@value #THUMBNAIL_SIDE} on the longest side. */
    RenderQuery asThumbnail() {
        return new RenderQuery(window, viewport.or(() -> Optional.of(new Viewport(THUMBNAIL_SIDE, THUMBNAIL_SIDE))),
                quality, encoding);
    }

    static Optional<Window> window(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] p = value.split(",", -1);
        if (p.length < 2 || p.length > 3) {
            throw RenderedErrors.badParameter("window is center,width[,function]: " + value);
        }
        VoiFunction f = p.length == 3
                ? VoiFunction.parse(p[2]).orElseThrow(() -> RenderedErrors.badParameter(
                "window function is linear, linear-exact or sigmoid, not " + p[2]))
                : VoiFunction.LINEAR;
        try {
            return Optional.of(new Window(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), f));
        } catch (IllegalArgumentException e) {
            throw RenderedErrors.badParameter("window " + value + ": " + e.getMessage());
        }
    }

    static Optional<Viewport> viewport(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] p = value.split(",", -1);
        if (p.length != 2) {
            // The source-rectangle form (vw,vh,sx,sy,sw,sh) is not supported: say so rather than ignore it.
            throw RenderedErrors.badParameter("viewport is vw,vh (cropping with sx,sy,sw,sh is not supported): " + value);
        }
        try {
            return Optional.of(new Viewport(side(p[0]), side(p[1])));
        } catch (IllegalArgumentException e) {
            throw RenderedErrors.badParameter("viewport " + value + ": " + e.getMessage());
        }
    }

    private static int side(String s) {
        return s.isBlank() ? 0 : Integer.parseInt(s.strip());
    }

    static int quality(String value) {
        if (value == null || value.isBlank()) {
            return ImageEncoding.DEFAULT_QUALITY;
        }
        try {
            int q = Integer.parseInt(value.strip());
            if (q >= 1 && q <= 100) {
                return q;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw RenderedErrors.badParameter("quality is 1…100: " + value);
    }

    /** The first acceptable media type in the client's order; JPEG for none or a wildcard (PS3.18 §8.3.5.1). */
    static ImageEncoding encoding(String accept) {
        if (accept == null || accept.isBlank()) {
            return ImageEncoding.JPEG;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].strip().replace(" ", "");
                refused |= param.equals("q=0") || param.matches("q=0\\.0*");
            }
            if (refused) {
                continue;
            }
            switch (type) {
                case "image/jpeg", "image/*", "*/*" -> {
                    return ImageEncoding.JPEG;
                }
                case "image/png" -> {
                    return ImageEncoding.PNG;
                }
                default -> {
                }
            }
        }
        throw DicomWebErrors.notAcceptable("rendered resources are image/jpeg or image/png, not " + accept);
    }
}
