package org.telecare.pixel.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The size a rendered image is scaled to (PS3.18 §8.3.5.1.3 {@code viewport=vw,vh}): the
 * largest size that fits both bounds with the image's aspect ratio kept. A bound of 0 means
 * "not given" and is worked out from the other.
 */
public record Viewport(int width, int height) {
    /** No side of a rendered image is larger than this, whatever the request asks. */
    public static final int MAX_SIDE = 4096;

    public Viewport {
        if (width < 0 || height < 0 || width > MAX_SIDE || height > MAX_SIDE || width == 0 && height == 0) {
            throw new IllegalArgumentException("viewport sides must be 1…" + MAX_SIDE + " (one may be left out)");
        }
    }

    public BufferedImage fit(BufferedImage img) {
        double sx = width == 0 ? Double.POSITIVE_INFINITY : (double) width / img.getWidth();
        double sy = height == 0 ? Double.POSITIVE_INFINITY : (double) height / img.getHeight();
        double scale = Math.min(sx, sy);
        int w = (int) Math.max(1, Math.min(MAX_SIDE, Math.round(img.getWidth() * scale)));
        int h = (int) Math.max(1, Math.min(MAX_SIDE, Math.round(img.getHeight() * scale)));
        if (w == img.getWidth() && h == img.getHeight()) {
            return img;
        }
        BufferedImage out = new BufferedImage(w, h, img.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
