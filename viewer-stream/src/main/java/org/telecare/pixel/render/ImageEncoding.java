package org.telecare.pixel.render;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The rendered media types (PS3.18 §8.3.5.1): {@code image/jpeg} with a quality, {@code image/png}. */
public enum ImageEncoding {
    JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

    public static final int DEFAULT_QUALITY = 90;

    private final String mediaType;
    private final String format;

    ImageEncoding(String mediaType, String format) {
        this.mediaType = mediaType;
        this.format = format;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Encodes the image; {@code quality} (1…100) applies to JPEG only. */
    public byte[] encode(BufferedImage img, int quality) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        // In memory: ImageIO's default stream would cache through a temporary file.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (this == JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(Math.max(1, Math.min(100, quality)) / 100f);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
