package org.telecare.accounts.credentials;

import javax.imageio.ImageIO;
import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Renders a captcha code as a PNG with Java2D: light gradient background, speckles, each
 * character in its own size, colour and rotation, and lines and a curve across the text, enough
 * to defeat plain OCR while staying readable.
 *
 * <p>Needs no display: only a {@link BufferedImage} is drawn on, which works with
 * {@code java.awt.headless=true} (and the JDK turns headless on by itself on a Linux server
 * without DISPLAY). Fonts: DejaVu Sans or Liberation Sans when installed (Debian's
 * {@code fonts-dejavu-core}, {@code fonts-liberation}), otherwise the JDK's logical "SansSerif".
 */
final class CaptchaImage {

    private static final List<String> PREFERRED_FAMILIES = List.of("DejaVu Sans", "Liberation Sans");
    private static volatile String family;

    private CaptchaImage() {
    }

    static byte[] png(String code, int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, light(random), width, height, light(random)));
            g.fillRect(0, 0, width, height);

            for (int i = 0; i < width * height / 30; i++) {
                g.setColor(mid(random));
                g.fillRect(random.nextInt(width), random.nextInt(height), 1, 1);
            }
            for (int i = 0; i < 4; i++) {
                g.setColor(mid(random));
                g.setStroke(new BasicStroke(1f + random.nextFloat()));
                g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
            }

            drawCharacters(g, code, width, height, random);

            g.setColor(dark(random));
            g.setStroke(new BasicStroke(1.5f + random.nextFloat()));
            g.draw(new CubicCurve2D.Float(0, height * (0.3f + 0.4f * random.nextFloat()),
                    width / 3f, random.nextInt(height), 2 * width / 3f, random.nextInt(height),
                    width, height * (0.3f + 0.4f * random.nextFloat())));
            for (int i = 0; i < 2; i++) {
                g.setColor(dark(random));
                g.setStroke(new BasicStroke(1f));
                g.drawLine(0, random.nextInt(height), width, random.nextInt(height));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawCharacters(Graphics2D g, String code, int width, int height, Random random) {
        String fontFamily = fontFamily();
        float slot = (float) width / (code.length() + 1);
        for (int i = 0; i < code.length(); i++) {
            int style = random.nextBoolean() ? Font.BOLD : Font.BOLD | Font.ITALIC;
            float size = height * (0.5f + 0.14f * random.nextFloat());
            Font font = new Font(fontFamily, style, 12).deriveFont(size);
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            String ch = String.valueOf(code.charAt(i));
            double x = slot * (i + 1) + (random.nextFloat() - 0.5f) * slot * 0.3f;
            double y = height / 2.0 + (random.nextFloat() - 0.5f) * height * 0.2f;
            double angle = Math.toRadians((random.nextDouble() * 2 - 1) * 25);
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.rotate(angle);
            g.setColor(dark(random));
            g.drawString(ch, -metrics.stringWidth(ch) / 2f, (metrics.getAscent() - metrics.getDescent()) / 2f);
            g.setTransform(saved);
        }
    }

    /** The first preferred family installed, else the logical font every JDK maps somewhere. */
    static String fontFamily() {
        String f = family;
        if (f == null) {
            f = Font.SANS_SERIF;
            try {
                Set<String> installed = Set.copyOf(Arrays.asList(
                        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
                for (String candidate : PREFERRED_FAMILIES) {
                    if (installed.contains(candidate)) {
                        f = candidate;
                        break;
                    }
                }
            } catch (RuntimeException | AWTError | LinkageError e) {
                // No font configuration to enumerate: the logical font is still resolvable or the draw fails loudly.
            }
            family = f;
        }
        return f;
    }

    private static Color light(Random r) {
        return new Color(220 + r.nextInt(36), 220 + r.nextInt(36), 220 + r.nextInt(36));
    }

    private static Color mid(Random r) {
        return new Color(120 + r.nextInt(100), 120 + r.nextInt(100), 120 + r.nextInt(100));
    }

    private static Color dark(Random r) {
        return new Color(r.nextInt(110), r.nextInt(110), r.nextInt(110));
    }
}
