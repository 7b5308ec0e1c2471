package org.telecare.pixel.codec;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our DCT decoder on what DCMTK's encoder does not make: restart intervals and subsampled
 * colour (4:2:0), written by the JDK's JPEG encoder and compared with the JDK's decoder's raw
 * (not colour-converted) samples, ±2 for IDCT and upsampling differences.
 */
class DctJpegTest {
    static byte[] jdkJpeg(BufferedImage img, int restartInterval) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
        String format = "javax_imageio_jpeg_image_1.0";
        Node root = meta.getAsTree(format);
        Node markers = ((Element) root).getElementsByTagName("markerSequence").item(0);
        javax.imageio.metadata.IIOMetadataNode dri = new javax.imageio.metadata.IIOMetadataNode("dri");
        dri.setAttribute("interval", Integer.toString(restartInterval));
        markers.insertBefore(dri, markers.getFirstChild());
        meta.setFromTree(format, root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new IIOImage(img, null, meta));
        }
        writer.dispose();
        return bytes.toByteArray();
    }

    static BufferedImage picture(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random random = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = ((x / 9 + y / 7) % 2 == 0 ? 40 : 200) + random.nextInt(20);
                img.setRGB(x, y, v << 16 | ((x * 255 / w) << 8) | (y * 255 / h));
            }
        }
        return img;
    }

    static void assertLikeJdk(byte[] jpeg, int w, int h) throws Exception {
        assertThat(new String(jpeg, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("\u00FF\u00DD");
        DctJpeg.Image ours = DctJpeg.decode(jpeg);
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        reader.setInput(ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg)));
        Raster raw = reader.readRaster(0, null);
        int[] theirs = raw.getPixels(0, 0, w, h, (int[]) null);
        assertThat(ours.width()).isEqualTo(w);
        assertThat(ours.height()).isEqualTo(h);
        assertThat(ours.samples()).hasSize(theirs.length);
        int n = ours.components();
        int worstLuma = 0;
        double chroma = 0;
        for (int i = 0; i < theirs.length; i++) {
            int d = Math.abs(ours.samples()[i] - theirs[i]);
            if (i % n == 0) {
                worstLuma = Math.max(worstLuma, d);
            } else {
                chroma += d;
            }
        }
        // Luminance is never subsampled: equal up to IDCT rounding. Chroma: the JDK upsamples by
        // interpolation ("fancy upsampling"), we replicate, so only the average is bounded.
        assertThat(worstLuma).isLessThanOrEqualTo(2);
        if (n > 1) {
            assertThat(chroma / (theirs.length - theirs.length / n)).isLessThan(8);
        }
    }

    @Test
    void greyWithRestartIntervals() throws Exception {
        BufferedImage img = picture(61, 45, BufferedImage.TYPE_BYTE_GRAY);
        assertLikeJdk(jdkJpeg(img, 2), 61, 45);
    }

    @Test
    void subsampledColourWithRestartIntervals() throws Exception {
        BufferedImage img = picture(50, 38, BufferedImage.TYPE_3BYTE_BGR);
        assertLikeJdk(jdkJpeg(img, 3), 50, 38);
    }

    @Test
    void truncatedAndDamagedStreamsAreCorrupt() throws Exception {
        byte[] jpeg = jdkJpeg(picture(40, 40, BufferedImage.TYPE_BYTE_GRAY), 0);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatThrownBy(() -> DctJpeg.decode(cut)).isInstanceOf(org.telecare.pixel.PixelDataException.class);
        byte[] noisy = jpeg.clone();
        for (int i = jpeg.length / 2; i < jpeg.length - 2; i++) {
            noisy[i] = (byte) 0xFF;
        }
        assertThatThrownBy(() -> DctJpeg.decode(noisy)).isInstanceOf(org.telecare.pixel.PixelDataException.class);
    }
}
