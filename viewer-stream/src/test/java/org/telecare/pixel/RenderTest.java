package org.telecare.pixel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.pixel.codec.Decoders;
import org.telecare.pixel.render.ImageEncoding;
import org.telecare.pixel.render.Renderer;
import org.telecare.pixel.render.Viewport;
import org.telecare.pixel.render.VoiFunction;
import org.telecare.pixel.render.Window;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rendering against DCMTK's dcmj2pnm as the reference: the same object, the same window
 * options, every output sample equal within ±1 (rounding differs at .5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderTest {
    record Pnm(int width, int height, int channels, int[] samples) {
    }

    Path dir;

    @BeforeAll
    void dir() throws Exception {
        dir = Files.createTempDirectory("pixel-render");
    }

    Pnm reference(Attributes ds, String name, String... options) throws Exception {
        Dcmj2pnm.Pnm p = Dcmj2pnm.render(PixelImages.write(dir.resolve(name + ".dcm"), ds), dir.resolve(name + ".pnm"), options);
        return new Pnm(p.width(), p.height(), p.channels(), p.samples());
    }

    static Pnm ours(Attributes ds, int frame, Optional<Window> window) throws Exception {
        BufferedImage img = Renderer.render(ds, Decoders.decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, frame),
                frame - 1, window);
        int channels = img.getType() == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
        int[] s = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        return new Pnm(img.getWidth(), img.getHeight(), channels, s);
    }

    static void assertClose(Pnm ours, Pnm reference, int tolerance) {
        assertThat(ours.width()).isEqualTo(reference.width());
        assertThat(ours.height()).isEqualTo(reference.height());
        assertThat(ours.channels()).isEqualTo(reference.channels());
        int worst = 0;
        int at = -1;
        for (int i = 0; i < ours.samples().length; i++) {
            int d = Math.abs(ours.samples()[i] - reference.samples()[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst).as("largest difference, at sample " + at + " (ours "
                + (at < 0 ? "" : ours.samples()[at] + ", dcmj2pnm " + reference.samples()[at]) + ")").isLessThanOrEqualTo(tolerance);
    }

    @Test
    void storedWindowAfterRescaleMatchesDcmtk() throws Exception {
        Attributes ds = PixelImages.ct12("2.25.901", 40, 64);
        assertClose(ours(ds, 1, Optional.empty()), reference(ds, "stored", "+Wi", "1"), 1);
    }

    @Test
    void requestedWindowsMatchDcmtk() throws Exception {
        Attributes ds = PixelImages.ct12("2.25.902", 40, 64);
        assertClose(ours(ds, 1, Optional.of(new Window(1000, 2000, VoiFunction.LINEAR))),
                reference(ds, "linear", "+Ww", "1000", "2000"), 1);
        assertClose(ours(ds, 1, Optional.of(new Window(300, 700, VoiFunction.SIGMOID))),
                reference(ds, "sigmoid", "+Ww", "300", "700", "+Wfs"), 1);
    }

    @Test
    void linearExactDiffersFromLinearAsTheStandardSays() throws Exception {
        // §C.11.2.1.3.2: LINEAR_EXACT has no half-sample offset; at the window's lower edge LINEAR is already 0.
        Window linear = new Window(100, 11, VoiFunction.LINEAR);
        Window exact = new Window(100, 11, VoiFunction.LINEAR_EXACT);
        assertThat(linear.apply(94.5)).isZero();
        assertThat(linear.apply(100)).isCloseTo(0.55 * 255, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(exact.apply(100)).isEqualTo(127.5);
        assertThat(exact.apply(105.5)).isEqualTo(255);
        assertThat(new Window(100, 11, VoiFunction.SIGMOID).apply(100)).isEqualTo(127.5);
    }

    @Test
    void signedDataWithoutWindowUsesMinMaxLikeDcmtk() throws Exception {
        Attributes ds = PixelImages.ct16Signed("2.25.903", 30, 50, 1);
        assertClose(ours(ds, 1, Optional.empty()), reference(ds, "minmax", "+Wm"), 1);
    }

    @Test
    void secondFrameOfAMultiFrameObjectMatchesDcmtk() throws Exception {
        Attributes ds = PixelImages.ct16Signed("2.25.904", 20, 30, 3);
        assertClose(ours(ds, 2, Optional.of(new Window(0, 1500, VoiFunction.LINEAR))),
                reference(ds, "frame2", "+F", "2", "+Ww", "0", "1500"), 1);
    }

    @Test
    void monochrome1IsInvertedLikeDcmtk() throws Exception {
        Attributes ds = PixelImages.mono1("2.25.905", 33, 41);
        Pnm ours = ours(ds, 1, Optional.empty());
        assertClose(ours, reference(ds, "mono1", "+Wm"), 1);
        assertThat(ours.samples()[0]).as("stored 0 in MONOCHROME1 is white").isEqualTo(255);
    }

    @Test
    void rgbAndPaletteMatchDcmtk() throws Exception {
        Attributes rgb = PixelImages.rgb8("2.25.906", 32, 48);
        assertClose(ours(rgb, 1, Optional.empty()), reference(rgb, "rgb"), 0);
        Attributes palette = PixelImages.palette8("2.25.907", 32, 48);
        assertClose(ours(palette, 1, Optional.empty()), reference(palette, "palette"), 0);
    }

    @Test
    void voiLutSequenceMatchesDcmtk() throws Exception {
        Attributes ds = PixelImages.mono2("2.25.908", 32, 40);
        Attributes item = ds.newSequence(0x00283010, false).addItem();
        item.putInts(0x00283002, VR.US, 256, 0, 8);
        short[] lut = new short[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = (short) (i < 64 ? 0 : i > 191 ? 255 : (i - 64) * 2);
        }
        item.putBytes(0x00283006, VR.OW, PixelImages.le(lut));
        assertClose(ours(ds, 1, Optional.empty()), reference(ds, "voilut", "+Wl", "1"), 1);
    }

    @Test
    void modalityLutSequenceMatchesDcmtk() throws Exception {
        Attributes ds = PixelImages.mono2("2.25.909", 32, 40);
        Attributes item = ds.newSequence(0x00283000, false).addItem();
        item.putInts(0x00283002, VR.US, 256, 0, 12);
        short[] lut = new short[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = (short) (i * i / 16);
        }
        item.putBytes(0x00283006, VR.OW, PixelImages.le(lut));
        item.putString(0x00281054, VR.LO, "US");
        assertClose(ours(ds, 1, Optional.of(new Window(1000, 2000, VoiFunction.LINEAR))),
                reference(ds, "modlut", "+Ww", "1000", "2000"), 1);
    }

    @Test
    void planarConfigurationOneRendersLikePixelInterleaved() throws Exception {
        Attributes interleaved = PixelImages.rgb8("2.25.910", 16, 20);
        byte[] px = interleaved.getBytes(Tag.PIXEL_DATA).orElseThrow();
        byte[] planar = new byte[px.length];
        int n = 16 * 20;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                planar[c * n + i] = px[i * 3 + c];
            }
        }
        Attributes byPlane = interleaved.copy();
        byPlane.putInts(0x00280006, VR.US, 1);
        byPlane.putBytes(Tag.PIXEL_DATA, VR.OB, planar);
        assertThat(ours(byPlane, 1, Optional.empty()).samples()).isEqualTo(ours(interleaved, 1, Optional.empty()).samples());
        assertClose(ours(byPlane, 1, Optional.empty()), reference(byPlane, "planar"), 0);
    }

    @Test
    void nativeYbrFull422IsUpsampledAndConverted() throws Exception {
        Attributes ds = PixelImages.rgb8("2.25.911", 2, 4);
        ds.putString(0x00280004, VR.CS, "YBR_FULL_422");
        // Two rows of two pairs: Y1 Y2 Cb Cr; grey (Cb = Cr = 128) then pure red-ish chroma.
        ds.putBytes(Tag.PIXEL_DATA, VR.OB, new byte[] {10, 20, (byte) 128, (byte) 128, 30, 40, (byte) 128, (byte) 128,
                76, 76, 85, (byte) 255, 0, 0, (byte) 128, (byte) 128});
        Pnm p = ours(ds, 1, Optional.empty());
        assertThat(java.util.Arrays.copyOfRange(p.samples(), 0, 12)).containsExactly(10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40);
        assertThat(p.samples()[12]).isGreaterThan(240); // Y 76, Cr 255: red
        assertThat(p.samples()[13]).isLessThan(10);
    }

    @Test
    void segmentedPaletteEqualsItsExpandedForm() throws Exception {
        Attributes plain = PixelImages.palette8("2.25.912", 16, 16);
        Attributes segmented = plain.copy();
        // Red: discrete 0, then linear to 65535 over 255 entries = i * 257; green: 65535, then linear down to 0.
        segmented.remove(0x00281201);
        segmented.remove(0x00281202);
        segmented.putBytes(0x00281221, VR.OW, PixelImages.le(new short[] {0, 1, 0, 1, 255, (short) 65535}));
        segmented.putBytes(0x00281222, VR.OW, PixelImages.le(new short[] {0, 1, (short) 65535, 1, 255, 0}));
        assertThat(ours(segmented, 1, Optional.empty()).samples()).isEqualTo(ours(plain, 1, Optional.empty()).samples());
    }

    @Test
    void indirectPaletteSegmentRepeatsEarlierSegments() throws Exception {
        Attributes ds = PixelImages.palette8("2.25.916", 2, 2);
        ds.putBytes(Tag.PIXEL_DATA, VR.OB, new byte[] {0, 1, 2, 3});
        for (int c = 0; c < 3; c++) {
            ds.putInts(0x00281101 + c, VR.US, 4, 0, 8);
            ds.remove(0x00281201 + c);
            // Discrete [10, 20], then indirect: one segment from word offset 0 again (PS3.3 §C.7.9.2.3).
            ds.putBytes(0x00281221 + c, VR.OW, PixelImages.le(new short[] {0, 2, 10, 20, 2, 1, 0, 0}));
        }
        assertThat(ours(ds, 1, Optional.empty()).samples()).containsExactly(10, 10, 10, 20, 20, 20, 10, 10, 10, 20, 20, 20);
    }

    @Test
    void frameVoiLutInSharedFunctionalGroupsIsUsed() throws Exception {
        Attributes top = PixelImages.ct12("2.25.913", 20, 20);
        Attributes enhanced = top.copy();
        enhanced.remove(0x00281050);
        enhanced.remove(0x00281051);
        enhanced.remove(0x00281052);
        enhanced.remove(0x00281053);
        Attributes shared = enhanced.newSequence(0x52009229, false).addItem();
        Attributes voi = shared.newSequence(0x00289132, false).addItem();
        voi.putString(0x00281050, VR.DS, "40");
        voi.putString(0x00281051, VR.DS, "400");
        Attributes pvt = shared.newSequence(0x00289145, false).addItem();
        pvt.putString(0x00281052, VR.DS, "-1024");
        pvt.putString(0x00281053, VR.DS, "1");
        assertThat(ours(enhanced, 1, Optional.empty()).samples()).isEqualTo(ours(top, 1, Optional.empty()).samples());
    }

    @Test
    void viewportKeepsAspectAndEncodingsRoundTrip() throws Exception {
        Attributes ds = PixelImages.rgb8("2.25.914", 100, 200);
        BufferedImage img = Renderer.render(ds, Decoders.decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1), 0, Optional.empty());
        BufferedImage fitted = new Viewport(64, 64).fit(img);
        assertThat(fitted.getWidth()).isEqualTo(64);
        assertThat(fitted.getHeight()).isEqualTo(32);
        assertThat(new Viewport(0, 50).fit(img).getWidth()).isEqualTo(100);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ImageEncoding.PNG.encode(img, 0)));
        assertThat(png.getRaster().getPixels(0, 0, 200, 100, (int[]) null))
                .isEqualTo(img.getRaster().getPixels(0, 0, 200, 100, (int[]) null));
        byte[] jpeg = ImageEncoding.JPEG.encode(img, 90);
        assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
        assertThat(ImageEncoding.JPEG.encode(img, 10).length).isLessThan(jpeg.length);
        assertThatThrownBy(() -> new Viewport(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badLutsAreTypedErrors() {
        Attributes ds = PixelImages.palette8("2.25.915", 4, 4);
        ds.putBytes(0x00281201, VR.OW, new byte[] {1, 0});
        assertThatThrownBy(() -> ours(ds, 1, Optional.empty())).isInstanceOfSatisfying(PixelDataException.class,
                e -> assertThat(e.kind()).isEqualTo(PixelDataException.Kind.INVALID_ATTRIBUTES));
    }

    static byte[] words(int... w) {
        ByteBuffer b = ByteBuffer.allocate(w.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : w) {
            b.putShort((short) v);
        }
        return b.array();
    }
}
