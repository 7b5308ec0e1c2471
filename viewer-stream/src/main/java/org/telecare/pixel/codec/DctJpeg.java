package org.telecare.pixel.codec;

import org.telecare.pixel.PixelDataException;
import org.telecare.pixel.PixelDataException.Kind;

/**
 * A sequential DCT JPEG decoder with Huffman coding (ITU-T T.81 Annex F, processes 1, 2 and
 * 4), written here for 12-bit samples: the JDK's decoder, which TwelveMonkeys uses for DCT,
 * is 8-bit only, and DICOM's JPEG Extended 12-bit (PS3.5 §A.4.1, process 4) is common for CT
 * and MR. Any number of scans, interleaved or not, subsampling, restart intervals; progressive
 * and arithmetic coding are refused. Samples come out per component as coded, upsampled by
 * replication to the full image size, interleaved.
 */
final class DctJpeg {
    private static final int[] ZIGZAG = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
            21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
            60, 61, 54, 47, 55, 62, 63};
    /** cos((2x+1)uπ/16) × C(u)/2, the IDCT basis (T.81 §A.3.3). */
    private static final double[][] BASIS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                BASIS[x][u] = (u == 0 ? Math.sqrt(0.5) : 1) * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    private record Huffman(int[] maxCode, int[] valPtr, int[] minCode, int[] values) {
    }

    private final byte[] in;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4];
    private final Huffman[] ac = new Huffman[4];
    private int precision;
    private int width;
    private int height;
    private int[] ids;
    private int[] h;
    private int[] v;
    private int[] tq;
    private int hMax;
    private int vMax;
    private int[][] planes;
    private int[] planeWidth;
    private int restartInterval;
    private int bits;
    private int bitCount;

    private DctJpeg(byte[] in) {
        this.in = in;
    }

    /** A decoded image: samples pixel-interleaved, row by row. */
    record Image(int width, int height, int components, int[] samples) {
    }

    /** Decodes a stream that {@link JpegHeader} found to start with SOI. */
    static Image decode(byte[] data) throws PixelDataException {
        return new DctJpeg(data).run();
    }

    private Image run() throws PixelDataException {
        pos = 2; // after SOI, checked by JpegHeader
        int scans = 0;
        while (true) {
            int marker = marker();
            switch (marker) {
                case 0xDB -> quantTables();
                case 0xC4 -> huffmanTables();
                case 0xC0, 0xC1 -> frame();
                case 0xDD -> {
                    need(4);
                    restartInterval = u16(pos + 2);
                    pos += u16(pos);
                }
                case 0xDA -> {
                    scan();
                    scans++;
                }
                case 0xD9 -> {
                    if (scans == 0) {
                        throw corrupt("JPEG stream ends before any scan");
                    }
                    return new Image(width, height, ids.length, output());
                }
                case 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> throw new PixelDataException(
                        Kind.UNSUPPORTED_TRANSFER_SYNTAX, "JPEG process with frame marker FF"
                        + Integer.toHexString(marker).toUpperCase() + " (progressive, hierarchical or arithmetic) is not decodable here");
                default -> {
                    need(2);
                    pos += u16(pos);
                }
            }
        }
    }

    private int marker() throws PixelDataException {
        while (pos < in.length && (in[pos] & 0xFF) != 0xFF) {
            pos++; // tolerate padding after entropy-coded data
        }
        while (pos + 1 < in.length && (in[pos + 1] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos + 2 > in.length) {
            throw corrupt("JPEG stream truncated: no EOI marker");
        }
        int m = in[pos + 1] & 0xFF;
        pos += 2;
        return m;
    }

    private void need(int n) throws PixelDataException {
        if (pos + n > in.length || (n >= 2 && pos + u16(pos) > in.length)) {
            throw corrupt("JPEG marker segment overruns the frame");
        }
    }

    private void quantTables() throws PixelDataException {
        need(2);
        int end = pos + u16(pos);
        int at = pos + 2;
        while (at < end) {
            int pq = (in[at] & 0xFF) >> 4;
            int id = in[at] & 0x0F;
            at++;
            if (id > 3 || at + 64 * (pq + 1) > end) {
                throw corrupt("bad JPEG quantization table");
            }
            // Entries in zig-zag order, 8-bit (Pq 0) or 16-bit (Pq 1, needed for 12-bit data), T.81 §B.2.4.1.
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = pq == 0 ? in[at + k] & 0xFF : u16(at + 2 * k);
            }
            at += pq == 0 ? 64 : 128;
            quant[id] = q;
        }
        pos = end;
    }

    private void huffmanTables() throws PixelDataException {
        need(2);
        int end = pos + u16(pos);
        int at = pos + 2;
        while (at < end) {
            if (at + 17 > end) {
                throw corrupt("bad JPEG Huffman table");
            }
            int tc = (in[at] & 0xFF) >> 4;
            int th = in[at] & 0x0F;
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = in[at + i] & 0xFF;
                total += counts[i];
            }
            at += 17;
            if (th > 3 || tc > 1 || at + total > end) {
                throw corrupt("bad JPEG Huffman table");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = in[at + i] & 0xFF;
            }
            at += total;
            // T.81 Annex C and F.2.2.3: codes of each length are consecutive.
            int[] maxCode = new int[18];
            int[] valPtr = new int[17];
            int[] minCode = new int[17];
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                valPtr[l] = k;
                minCode[l] = code;
                code += counts[l];
                k += counts[l];
                maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
            (tc == 0 ? dc : ac)[th] = new Huffman(maxCode, valPtr, minCode, values);
        }
        pos = end;
    }

    private void frame() throws PixelDataException {
        need(8);
        int length = u16(pos);
        precision = in[pos + 2] & 0xFF;
        height = u16(pos + 3);
        width = u16(pos + 5);
        int nf = in[pos + 7] & 0xFF;
        if ((precision != 8 && precision != 12) || width < 1 || height < 1 || nf < 1 || nf > 4 || length != 8 + 3 * nf) {
            throw corrupt("JPEG frame header: " + precision + " bits, " + width + "x" + height + ", " + nf + " components");
        }
        ids = new int[nf];
        h = new int[nf];
        v = new int[nf];
        tq = new int[nf];
        for (int c = 0; c < nf; c++) {
            int at = pos + 8 + 3 * c;
            ids[c] = in[at] & 0xFF;
            h[c] = (in[at + 1] & 0xFF) >> 4;
            v[c] = in[at + 1] & 0x0F;
            tq[c] = in[at + 2] & 0x03;
            if (h[c] < 1 || h[c] > 4 || v[c] < 1 || v[c] > 4) {
                throw corrupt("JPEG sampling factors " + h[c] + "x" + v[c]);
            }
            hMax = Math.max(hMax, h[c]);
            vMax = Math.max(vMax, v[c]);
        }
        int mcusX = ceilDiv(width, 8 * hMax);
        int mcusY = ceilDiv(height, 8 * vMax);
        planes = new int[nf][];
        planeWidth = new int[nf];
        for (int c = 0; c < nf; c++) {
            planeWidth[c] = mcusX * h[c] * 8;
            planes[c] = new int[planeWidth[c] * mcusY * v[c] * 8];
        }
        pos += length;
    }

    private void scan() throws PixelDataException {
        if (planes == null) {
            throw corrupt("JPEG scan before the frame header");
        }
        need(2);
        int length = u16(pos);
        int ns = in[pos + 2] & 0xFF;
        if (ns < 1 || ns > ids.length || length != 6 + 2 * ns) {
            throw corrupt("JPEG scan header with " + ns + " components");
        }
        int[] comp = new int[ns];
        Huffman[] dcs = new Huffman[ns];
        Huffman[] acs = new Huffman[ns];
        for (int i = 0; i < ns; i++) {
            int id = in[pos + 3 + 2 * i] & 0xFF;
            comp[i] = -1;
            for (int c = 0; c < ids.length; c++) {
                if (ids[c] == id) {
                    comp[i] = c;
                }
            }
            int tables = in[pos + 4 + 2 * i] & 0xFF;
            if (comp[i] < 0 || dc[tables >> 4 & 3] == null || ac[tables & 3] == null || quant[tq[comp[i]]] == null) {
                throw corrupt("JPEG scan refers to a missing component or table");
            }
            dcs[i] = dc[tables >> 4 & 3];
            acs[i] = ac[tables & 3];
        }
        pos += length;
        bits = 0;
        bitCount = 0;
        int[] predictors = new int[ns];
        int[] coef = new int[64];
        int mcusX;
        int mcusY;
        if (ns == 1) {
            int c = comp[0];
            mcusX = ceilDiv(ceilDiv(width * h[c], hMax), 8);
            mcusY = ceilDiv(ceilDiv(height * v[c], vMax), 8);
        } else {
            mcusX = ceilDiv(width, 8 * hMax);
            mcusY = ceilDiv(height, 8 * vMax);
        }
        int mcu = 0;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    restart();
                    java.util.Arrays.fill(predictors, 0);
                }
                mcu++;
                for (int i = 0; i < ns; i++) {
                    int c = comp[i];
                    int bh = ns == 1 ? 1 : h[c];
                    int bv = ns == 1 ? 1 : v[c];
                    for (int by = 0; by < bv; by++) {
                        for (int bx = 0; bx < bh; bx++) {
                            predictors[i] = block(coef, dcs[i], acs[i], quant[tq[c]], predictors[i]);
                            idct(coef, planes[c], planeWidth[c], (mx * bh + bx) * 8, (my * bv + by) * 8);
                        }
                    }
                }
            }
        }
    }

    /** A restart marker ends the interval: the bit buffer is dropped and RSTm expected (T.81 §F.2.1.3.1). */
    private void restart() throws PixelDataException {
        bits = 0;
        bitCount = 0;
        while (pos + 1 < in.length && !((in[pos] & 0xFF) == 0xFF && (in[pos + 1] & 0xF8) == 0xD0)) {
            pos++;
        }
        if (pos + 1 >= in.length) {
            throw corrupt("JPEG restart marker missing");
        }
        pos += 2;
    }

    /** One 8×8 block's dequantized coefficients in natural order; returns the new DC predictor (§F.2.2). */
    private int block(int[] coef, Huffman dcTable, Huffman acTable, int[] q, int predictor) throws PixelDataException {
        java.util.Arrays.fill(coef, 0);
        int s = decode(dcTable);
        if (s > 16) {
            throw corrupt("JPEG DC difference category " + s);
        }
        int dcValue = predictor + extend(receive(s), s);
        coef[0] = dcValue * q[0];
        for (int k = 1; k < 64; ) {
            int rs = decode(acTable);
            int r = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (r != 15) {
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw corrupt("JPEG AC coefficients run past the block");
            }
            coef[ZIGZAG[k]] = extend(receive(size), size) * q[k];
            k++;
        }
        return dcValue;
    }

    private void idct(int[] coef, int[] plane, int stride, int x0, int y0) {
        double[] tmp = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int vv = 0; vv < 8; vv++) {
                    sum += BASIS[y][vv] * coef[vv * 8 + u];
                }
                tmp[y * 8 + u] = sum;
            }
        }
        int shift = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) {
                    sum += BASIS[x][u] * tmp[y * 8 + u];
                }
                int value = (int) Math.round(sum) + shift;
                plane[(y0 + y) * stride + x0 + x] = Math.max(0, Math.min(max, value));
            }
        }
    }

    private int decode(Huffman t) throws PixelDataException {
        int code = bit();
        for (int l = 1; l <= 16; l++) {
            if (t.maxCode()[l] >= 0 && code <= t.maxCode()[l] && code >= t.minCode()[l]) {
                int index = t.valPtr()[l] + code - t.minCode()[l];
                if (index >= t.values().length) {
                    break;
                }
                return t.values()[index];
            }
            code = code << 1 | bit();
        }
        throw corrupt("invalid JPEG Huffman code");
    }

    private int receive(int s) throws PixelDataException {
        int value = 0;
        for (int i = 0; i < s; i++) {
            value = value << 1 | bit();
        }
        return value;
    }

    private static int extend(int value, int s) {
        return s == 0 ? 0 : value < (1 << (s - 1)) ? value - (1 << s) + 1 : value;
    }

    /** One bit of entropy-coded data; FF 00 is a stuffed FF, any other marker ends the data early (§F.2.2.5). */
    private int bit() throws PixelDataException {
        if (bitCount == 0) {
            if (pos >= in.length) {
                throw corrupt("JPEG scan data truncated");
            }
            int b = in[pos] & 0xFF;
            if (b == 0xFF) {
                int next = pos + 1 < in.length ? in[pos + 1] & 0xFF : -1;
                if (next != 0) {
                    throw corrupt("JPEG scan data ends early (truncated or damaged)");
                }
                pos += 2;
            } else {
                pos++;
            }
            bits = b;
            bitCount = 8;
        }
        bitCount--;
        return (bits >> bitCount) & 1;
    }

    private int[] output() {
        int nf = ids.length;
        int[] out = new int[width * height * nf];
        for (int c = 0; c < nf; c++) {
            for (int y = 0; y < height; y++) {
                int row = (y * v[c] / vMax) * planeWidth[c];
                for (int x = 0; x < width; x++) {
                    out[(y * width + x) * nf + c] = planes[c][row + x * h[c] / hMax];
                }
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private int u16(int at) {
        return (in[at] & 0xFF) << 8 | (in[at + 1] & 0xFF);
    }

    private static PixelDataException corrupt(String message) {
        return new PixelDataException(Kind.CORRUPT, message);
    }
}
