package org.telecare.pixel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.pixel.codec.Decoders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decoding against real encoders: each original is compressed by DCMTK or OpenJPEG, decoded
 * here, and compared with the original samples, exactly for lossless syntaxes and within a
 * tolerance for lossy ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecodeTest {
    Path dir;

    @BeforeAll
    void dir() throws Exception {
        dir = Files.createTempDirectory("pixel-decode");
    }

    record Case(String name, Function<String, Attributes> image, String tool, String[] options, TransferSyntax expected,
                double meanTolerance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case lossless(String name, Function<String, Attributes> image, String tool, TransferSyntax ts, String... options) {
        return new Case(name, image, tool, options, ts, 0);
    }

    static Function<String, Attributes> ct12 = uid -> PixelImages.ct12(uid, 40, 50);
    static Function<String, Attributes> ct16 = uid -> PixelImages.ct16Signed(uid, 40, 50, 1);
    static Function<String, Attributes> ct16x3 = uid -> PixelImages.ct16Signed(uid, 24, 30, 3);
    static Function<String, Attributes> rgb = uid -> PixelImages.rgb8(uid, 32, 48);
    static Function<String, Attributes> mono1 = uid -> PixelImages.mono1(uid, 33, 41);
    static Function<String, Attributes> mono2 = uid -> PixelImages.mono2(uid, 32, 40);
    static Function<String, Attributes> blocks8 = uid -> PixelImages.blocks(uid, 61, 77, 8);
    static Function<String, Attributes> rgbBlocks = uid -> PixelImages.rgbBlocks(uid, 45, 70);
    static Function<String, Attributes> blocks12 = uid -> PixelImages.blocks(uid, 64, 90, 12);

    static Stream<Case> compressed() {
        return Stream.of(
                lossless("implicit LE, 16-bit signed", ct16, "dcmconv", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "+ti"),
                lossless("deflated, 16-bit signed", ct16, "dcmconv", TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "+td"),
                lossless("big endian, 16-bit signed", ct16, "dcmconv", TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "+tb"),
                lossless("big endian, 8-bit odd size", mono1, "dcmconv", TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "+tb"),
                lossless("big endian, RGB", rgb, "dcmconv", TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "+tb"),
                lossless("RLE, 16-bit signed", ct16, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                lossless("RLE, 3 frames", ct16x3, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                lossless("RLE, 12-bit", ct12, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                lossless("RLE, RGB", rgb, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                lossless("RLE, MONOCHROME1 odd size", mono1, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                lossless("JPEG lossless SV1, 16-bit signed", ct16, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS_SV1, "+e1"),
                lossless("JPEG lossless SV1, 3 frames", ct16x3, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS_SV1, "+e1"),
                lossless("JPEG lossless SV1, 12-bit", ct12, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS_SV1, "+e1"),
                lossless("JPEG lossless process 14 SV6, 12-bit", ct12, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS, "+el", "+sv", "6"),
                lossless("JPEG lossless process 14 SV7, 16-bit", ct16, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS, "+el", "+sv", "7"),
                lossless("JPEG lossless SV1, RGB", rgb, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS_SV1, "+e1"),
                lossless("RLE, blocks", blocks8, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                lossless("JPEG lossless SV1, blocks", blocks12, "dcmcjpeg", TransferSyntax.JPEG_LOSSLESS_SV1, "+e1"),
                lossless("JPEG-LS lossless, 8-bit blocks", blocks8, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS),
                lossless("JPEG-LS lossless, 12-bit blocks", blocks12, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS),
                lossless("JPEG-LS lossless, 12-bit", ct12, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS),
                lossless("JPEG-LS lossless, 16-bit signed", ct16, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS),
                lossless("JPEG-LS lossless, 3 frames", ct16x3, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS),
                lossless("JPEG-LS lossless, MONOCHROME1 odd size", mono1, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS),
                lossless("JPEG-LS lossless, RGB line-interleaved", rgb, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS, "+il"),
                lossless("JPEG-LS lossless, RGB by plane", rgb, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS, "+in"),
                lossless("JPEG-LS lossless, RGB sample-interleaved", rgb, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS, "+is"),
                lossless("JPEG-LS lossless, RGB blocks sample-interleaved", rgbBlocks, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS, "+is"),
                lossless("JPEG-LS lossless, RGB blocks line-interleaved", rgbBlocks, "dcmcjpls", TransferSyntax.JPEG_LS_LOSSLESS, "+il"),
                lossless("RLE, RGB blocks", rgbBlocks, "dcmcrle", TransferSyntax.RLE_LOSSLESS),
                new Case("JPEG baseline, grey", mono2, "dcmcjpeg", new String[] {"+eb", "+q", "95"}, TransferSyntax.JPEG_BASELINE, 2),
                new Case("JPEG baseline, RGB as YBR_FULL_422", rgb, "dcmcjpeg", new String[] {"+eb", "+q", "95"}, TransferSyntax.JPEG_BASELINE, 3),
                new Case("JPEG baseline, RGB kept RGB", rgb, "dcmcjpeg", new String[] {"+eb", "+cr", "+q", "95"}, TransferSyntax.JPEG_BASELINE, 3),
                new Case("JPEG extended, 8-bit MONOCHROME1", mono1, "dcmcjpeg", new String[] {"+ee", "+q", "95"}, TransferSyntax.JPEG_EXTENDED, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressed")
    void decodesWhatDcmtkEncoded(Case c) throws Exception {
        String uid = "2.25.7" + Math.abs(c.name.hashCode());
        Attributes original = c.image.apply(uid);
        Path src = PixelImages.write(dir.resolve(uid + ".dcm"), original);
        Path out = Codecs.dcmtk(src, dir.resolve(uid + "-c.dcm"), c.tool, c.options);
        assertThat(PixelImages.transferSyntax(out).uid()).isEqualTo(c.expected.uid());
        compare(original, PixelImages.read(out), c.expected, c.meanTolerance);
    }

    static Stream<Arguments> jpeg2000() {
        return Stream.of(Arguments.of("16-bit signed", ct16, true, 0.0), Arguments.of("12-bit", ct12, true, 0.0),
                Arguments.of("RGB (RCT)", rgb, true, 0.0), Arguments.of("16-bit signed lossy", ct16, false, 40.0),
                Arguments.of("RGB lossy (ICT)", rgb, false, 4.0));
    }

    @ParameterizedTest(name = "JPEG 2000 {0}")
    @MethodSource("jpeg2000")
    void decodesWhatOpenJpegEncoded(String name, Function<String, Attributes> image, boolean lossless, double tolerance)
            throws Exception {
        String uid = "2.25.8" + Math.abs(name.hashCode());
        Attributes original = image.apply(uid);
        Path out = Codecs.jpeg2000(original, dir, uid, lossless);
        TransferSyntax ts = PixelImages.transferSyntax(out);
        compare(original, PixelImages.read(out), ts, tolerance);
    }

    /** Decoded samples of every frame against the original's native samples. */
    static void compare(Attributes original, Attributes decoded, TransferSyntax ts, double meanTolerance) throws Exception {
        ImagePixel p = ImagePixel.of(original);
        for (int f = 1; f <= p.frames(); f++) {
            int[] want = expected(original, f - 1);
            Frame got = Decoders.decode(decoded, ts, f);
            assertThat(got.columns()).isEqualTo(p.columns());
            assertThat(got.rows()).isEqualTo(p.rows());
            int[] g = got.samples();
            if (!got.photometric().equals(p.photometric()) && got.photometric().startsWith("YBR")) {
                g = toRgb(got);
            }
            if (meanTolerance == 0) {
                assertThat(g).as("frame " + f).isEqualTo(want);
            } else {
                double sum = 0;
                for (int i = 0; i < g.length; i++) {
                    sum += Math.abs(g[i] - want[i]);
                }
                assertThat(sum / g.length).as("mean absolute error, frame " + f).isLessThanOrEqualTo(meanTolerance);
            }
        }
    }

    /**
     * The original's samples computed here, independently of the decoders: little endian words
     * read as Java shorts (two's complement) when signed, as unsigned otherwise.
     */
    static int[] expected(Attributes original, int frame) throws Exception {
        ImagePixel p = ImagePixel.of(original);
        byte[] b = original.getBytes(Tag.PIXEL_DATA).orElseThrow();
        int n = p.pixelsPerFrame() * p.samplesPerPixel();
        int[] out = new int[n];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int at = frame * n + i;
            out[i] = p.bitsAllocated() == 8 ? b[at] & 0xFF : p.signed() ? buf.getShort(2 * at) : buf.getShort(2 * at) & 0xFFFF;
        }
        return out;
    }

    /** YCbCr (full range, PS3.3 §C.7.6.3.1.2) to RGB, for comparing lossy colour. */
    static int[] toRgb(Frame f) {
        int[] s = f.samples();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i += 3) {
            double y = s[i], cb = s[i + 1] - 128, cr = s[i + 2] - 128;
            out[i] = clamp(y + 1.402 * cr);
            out[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
            out[i + 2] = clamp(y + 1.772 * cb);
        }
        return out;
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    static Stream<Arguments> twelveBit() {
        return Stream.of(Arguments.of("CT ramp", ct12, new String[] {"+ee"}),
                Arguments.of("blocks, quality 75", blocks12, new String[] {"+ee", "+q", "75"}),
                Arguments.of("blocks, odd size", (Function<String, Attributes>) uid -> PixelImages.blocks(uid, 37, 53, 12),
                        new String[] {"+ee"}));
    }

    /**
     * 12-bit JPEG Extended (process 4), which TwelveMonkeys cannot decode (it hands DCT to the
     * JDK's 8-bit decoder): ours against DCMTK's own decompression (dcmdjpeg, IJG's 12-bit
     * codec), ±2 for IDCT rounding, and against the original within JPEG's loss.
     */
    @ParameterizedTest(name = "12-bit JPEG extended: {0}")
    @MethodSource("twelveBit")
    void twelveBitExtendedJpegMatchesDcmtk(String name, Function<String, Attributes> image, String[] options) throws Exception {
        String uid = "2.25.78" + Math.abs(name.hashCode());
        Attributes original = image.apply(uid);
        String[] withUid = java.util.Arrays.copyOf(options, options.length + 1);
        withUid[options.length] = "+un";
        Path out = Codecs.dcmtk(PixelImages.write(dir.resolve(uid + ".dcm"), original), dir.resolve(uid + "-ext.dcm"),
                "dcmcjpeg", withUid);
        Path reference = Codecs.dcmtk(out, dir.resolve(uid + "-dcmdjpeg.dcm"), "dcmdjpeg");
        int[] ours = Decoders.decode(PixelImages.read(out), TransferSyntax.JPEG_EXTENDED, 1).samples();
        int[] dcmtk = expected(PixelImages.read(reference), 0);
        int[] want = expected(original, 0);
        double error = 0;
        for (int i = 0; i < ours.length; i++) {
            assertThat(Math.abs(ours[i] - dcmtk[i])).as("sample " + i + " against dcmdjpeg").isLessThanOrEqualTo(2);
            error += Math.abs(ours[i] - want[i]);
        }
        assertThat(error / ours.length).as("mean error against the original").isLessThan(40);
    }

    static Stream<Arguments> nearLossless() {
        return Stream.of(Arguments.of("12-bit", ct12, 2), Arguments.of("12-bit wider", ct12, 7),
                Arguments.of("8-bit blocks", blocks8, 3), Arguments.of("12-bit blocks", blocks12, 10),
                Arguments.of("RGB blocks", rgbBlocks, 2),
                Arguments.of("8-bit", mono1, 2), Arguments.of("RGB", rgb, 1));
    }

    /**
     * Near-lossless JPEG-LS keeps every sample within NEAR of the original (T.87 §3.1.51): checked
     * per sample. (DCMTK refuses near-lossless for signed pixel data.)
     */
    @ParameterizedTest(name = "JPEG-LS near-lossless {0}, NEAR {2}")
    @MethodSource("nearLossless")
    void nearLosslessStaysWithinNear(String name, Function<String, Attributes> image, int near) throws Exception {
        String uid = "2.25.79" + Math.abs(name.hashCode());
        Attributes original = image.apply(uid);
        Path out = Codecs.dcmtk(PixelImages.write(dir.resolve(uid + ".dcm"), original), dir.resolve(uid + "-nl.dcm"),
                "dcmcjpls", "+en", "+md", Integer.toString(near), "+un");
        assertThat(PixelImages.transferSyntax(out)).isEqualTo(TransferSyntax.JPEG_LS_NEAR_LOSSLESS);
        int[] want = expected(original, 0);
        int[] got = Decoders.decode(PixelImages.read(out), TransferSyntax.JPEG_LS_NEAR_LOSSLESS, 1).samples();
        int worst = 0;
        boolean lossy = false;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]));
            lossy |= got[i] != want[i];
        }
        assertThat(worst).isLessThanOrEqualTo(near);
        assertThat(lossy).as("near-lossless actually lost something (else this test proves little)").isTrue();
    }

    @Test
    void transferSyntaxesWithoutADecoderAreATypedRefusal() throws Exception {
        Attributes ds = PixelImages.mono2("2.25.792", 8, 8);
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}));
        TransferSyntax htj2k = TransferSyntax.of("1.2.840.10008.1.2.4.201");
        assertThatThrownBy(() -> Decoders.decode(ds, htj2k, 1))
                .isInstanceOfSatisfying(PixelDataException.class,
                        e -> assertThat(e.kind()).isEqualTo(PixelDataException.Kind.UNSUPPORTED_TRANSFER_SYNTAX))
                .hasMessageContaining("1.2.840.10008.1.2.4.201");
    }

    @Test
    void truncatedJpegLsIsCorrupt() throws Exception {
        Attributes original = PixelImages.ct12("2.25.796", 40, 50);
        Path out = Codecs.dcmtk(PixelImages.write(dir.resolve("jlst.dcm"), original), dir.resolve("jlst-c.dcm"), "dcmcjpls");
        Attributes ds = PixelImages.read(out);
        Fragments f = (Fragments) ds.get(Tag.PIXEL_DATA).value();
        byte[] whole = ((org.telecare.dicom.data.ByteValue) f.fragments().getFirst()).bytes();
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(java.util.Arrays.copyOf(whole, (whole.length / 2) & ~1)));
        assertCorrupt(ds, TransferSyntax.JPEG_LS_LOSSLESS);
    }

    @Test
    void truncatedJpegFragmentIsCorrupt() throws Exception {
        Attributes original = PixelImages.mono2("2.25.793", 64, 64);
        Path out = Codecs.dcmtk(PixelImages.write(dir.resolve("trunc.dcm"), original), dir.resolve("trunc-c.dcm"),
                "dcmcjpeg", "+eb");
        Attributes ds = PixelImages.read(out);
        Fragments f = (Fragments) ds.get(Tag.PIXEL_DATA).value();
        byte[] whole = ((org.telecare.dicom.data.ByteValue) f.fragments().getFirst()).bytes();
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(java.util.Arrays.copyOf(whole, (whole.length / 2) & ~1)));
        assertCorrupt(ds, TransferSyntax.JPEG_BASELINE);
    }

    @Test
    void corruptJpegIsCorrupt() throws Exception {
        Attributes ds = new Attributes();
        ds.putInts(Tag.ROWS, VR.US, 8);
        ds.putInts(Tag.COLUMNS, VR.US, 8);
        ds.putInts(Tag.BITS_ALLOCATED, VR.US, 8);
        ds.putInts(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 8,
                0, 8, 1, 1, 0x11, 0, (byte) 0xFF, (byte) 0xDA, 0, 2, 7, 7, (byte) 0xFF, (byte) 0xD9, 0}));
        assertCorrupt(ds, TransferSyntax.JPEG_BASELINE);
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(new byte[] {1, 2, 3, 4}));
        assertCorrupt(ds, TransferSyntax.JPEG_BASELINE);
        assertCorrupt(ds, TransferSyntax.JPEG_2000);
        assertCorrupt(ds, TransferSyntax.RLE_LOSSLESS);
        assertCorrupt(ds, TransferSyntax.JPEG_LS_LOSSLESS);
    }

    @Test
    void truncatedRleAndNativeAreCorrupt() throws Exception {
        Attributes original = PixelImages.ct16Signed("2.25.794", 20, 20, 1);
        Path out = Codecs.dcmtk(PixelImages.write(dir.resolve("rle.dcm"), original), dir.resolve("rle-c.dcm"), "dcmcrle");
        Attributes ds = PixelImages.read(out);
        Fragments f = (Fragments) ds.get(Tag.PIXEL_DATA).value();
        byte[] whole = ((org.telecare.dicom.data.ByteValue) f.fragments().getFirst()).bytes();
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(java.util.Arrays.copyOf(whole, (whole.length - 20) & ~1)));
        assertCorrupt(ds, TransferSyntax.RLE_LOSSLESS);
        Attributes cut = original.copy();
        cut.putBytes(Tag.PIXEL_DATA, VR.OW, new byte[100]);
        assertCorrupt(cut, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /** PS3.5 §8.1.1: only Bits Stored bits ending at High Bit are the sample; the others (old overlays) are ignored. */
    @Test
    void bitsOutsideBitsStoredAreMaskedAndHighBitShifts() throws Exception {
        Attributes ds = PixelImages.ct12("2.25.797", 4, 4);
        byte[] clean = ds.getBytes(Tag.PIXEL_DATA).orElseThrow();
        byte[] dirty = clean.clone();
        for (int i = 1; i < dirty.length; i += 2) {
            dirty[i] |= (byte) 0xF0;
        }
        Attributes overlaid = ds.copy();
        overlaid.putBytes(Tag.PIXEL_DATA, VR.OW, dirty);
        int[] want = expected(ds, 0);
        assertThat(Decoders.decode(overlaid, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1).samples()).isEqualTo(want);
        byte[] high = new byte[clean.length];
        for (int i = 0; i < clean.length; i += 2) {
            int v = ((clean[i] & 0xFF) | (clean[i + 1] & 0xFF) << 8) << 4 | 0x5;
            high[i] = (byte) v;
            high[i + 1] = (byte) (v >> 8);
        }
        Attributes shifted = ds.copy();
        shifted.putInts(Tag.HIGH_BIT, VR.US, 15);
        shifted.putBytes(Tag.PIXEL_DATA, VR.OW, high);
        assertThat(Decoders.decode(shifted, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1).samples()).isEqualTo(want);
        Attributes signed12 = ds.copy();
        signed12.putInts(Tag.PIXEL_REPRESENTATION, VR.US, 1);
        signed12.putBytes(Tag.PIXEL_DATA, VR.OW, new byte[] {(byte) 0xFF, (byte) 0xF8, 0, 0, (byte) 0xFF, 0x07,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        int[] s = Decoders.decode(signed12, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1).samples();
        assertThat(s[0]).as("0x8FF in 12 signed bits, top nibble garbage").isEqualTo(0x8FF - 4096);
        assertThat(s[2]).isEqualTo(0x7FF);
    }

    @Test
    void missingPixelDataAndBadFrameNumbersAreTyped() {
        Attributes ds = PixelImages.mono2("2.25.795", 4, 4);
        assertThatThrownBy(() -> Decoders.decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 2))
                .isInstanceOfSatisfying(PixelDataException.class, e -> assertThat(e.kind()).isEqualTo(PixelDataException.Kind.NO_SUCH_FRAME));
        ds.remove(Tag.PIXEL_DATA);
        assertThatThrownBy(() -> Decoders.decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1))
                .isInstanceOfSatisfying(PixelDataException.class, e -> assertThat(e.kind()).isEqualTo(PixelDataException.Kind.NO_PIXEL_DATA));
    }

    static void assertCorrupt(Attributes ds, TransferSyntax ts) {
        assertThatThrownBy(() -> Decoders.decode(ds, ts, 1)).isInstanceOfSatisfying(PixelDataException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(PixelDataException.Kind.CORRUPT));
    }
}
