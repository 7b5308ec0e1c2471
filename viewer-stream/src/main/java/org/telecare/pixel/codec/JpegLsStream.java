package org.telecare.pixel.codec;

import org.telecare.pixel.PixelDataException;
import org.telecare.pixel.PixelDataException.Kind;

/**
 * One JPEG-LS stream being decoded (T.87 Annex A and C): markers, then each scan's
 * context-modelled Golomb codes and run mode. Section numbers below are T.87's.
 */
final class JpegLsStream {
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
            4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final int CONTEXTS = 365;

    private final byte[] in;
    private int pos;
    // Frame (SOF55) and preset parameters (LSE, C.2.4.1.1).
    private int precision;
    private int rows;
    private int columns;
    private int components;
    private int[] componentIds;
    private int maxValCustom;
    private int t1Custom;
    private int t2Custom;
    private int t3Custom;
    private int resetCustom;
    private int[] out;
    private int scansDone;
    private int componentsPerScan;
    // Scan state.
    private int near;
    private int maxVal;
    private int range;
    private int qbpp;
    private int limit;
    private int t1;
    private int t2;
    private int t3;
    private int reset;
    private final int[] a = new int[CONTEXTS + 2];
    private final int[] b = new int[CONTEXTS + 2];
    private final int[] c = new int[CONTEXTS + 2];
    private final int[] n = new int[CONTEXTS + 2];
    private final int[] nn = new int[CONTEXTS + 2];
    private int[] runIndex;
    // Bit reader.
    private int bitBuffer;
    private int bitCount;
    private boolean lastWasFF;

    JpegLsStream(byte[] in) {
        this.in = in;
    }

    int[] decode() throws PixelDataException {
        if (in.length < 4 || (in[0] & 0xFF) != 0xFF || (in[1] & 0xFF) != 0xD8) {
            throw corrupt("the frame does not start with a JPEG SOI marker");
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xF7 -> frameHeader();
                case 0xF8 -> presets();
                case 0xDA -> scan();
                case 0xD9 -> {
                    if (out == null || scansDone == 0) {
                        throw corrupt("JPEG-LS stream ends before any scan");
                    }
                    if (scansDone < (componentsPerScan == 1 ? components : 1)) {
                        throw corrupt("JPEG-LS stream ends after " + scansDone + " of " + components + " component scans");
                    }
                    return out;
                }
                case 0xDD -> throw unsupported("JPEG-LS restart intervals (DRI)");
                case 0xC0, 0xC1, 0xC2, 0xC3 -> throw corrupt("a JPEG (not JPEG-LS) frame header in a JPEG-LS frame");
                default -> skipSegment();
            }
        }
    }

    private int nextMarker() throws PixelDataException {
        if (pos + 2 > in.length) {
            throw corrupt("JPEG-LS stream truncated: no EOI marker");
        }
        if ((in[pos] & 0xFF) != 0xFF) {
            throw corrupt("expected a JPEG-LS marker at byte " + pos);
        }
        while (pos + 1 < in.length && (in[pos + 1] & 0xFF) == 0xFF) {
            pos++;
        }
        int marker = in[pos + 1] & 0xFF;
        pos += 2;
        return marker;
    }

    private int segmentLength() throws PixelDataException {
        if (pos + 2 > in.length) {
            throw corrupt("JPEG-LS marker segment truncated");
        }
        int length = u16(pos);
        if (length < 2 || pos + length > in.length) {
            throw corrupt("JPEG-LS marker segment overruns the frame");
        }
        return length;
    }

    private void skipSegment() throws PixelDataException {
        pos += segmentLength();
    }

    private void frameHeader() throws PixelDataException {
        int length = segmentLength();
        precision = in[pos + 2] & 0xFF;
        rows = u16(pos + 3);
        columns = u16(pos + 5);
        components = in[pos + 7] & 0xFF;
        if (precision < 2 || precision > 16 || rows < 1 || columns < 1 || components < 1 || components > 4
                || length != 8 + 3 * components) {
            throw corrupt("JPEG-LS frame header: " + precision + " bits, " + columns + "x" + rows + ", "
                    + components + " components");
        }
        componentIds = new int[components];
        for (int i = 0; i < components; i++) {
            componentIds[i] = in[pos + 8 + 3 * i] & 0xFF;
            if (in[pos + 9 + 3 * i] != 0x11) {
                throw unsupported("JPEG-LS subsampled components");
            }
        }
        out = new int[rows * columns * components];
        pos += length;
    }

    /** LSE (C.2.4.1): preset coding parameters (ID 1); mapping tables are not supported. */
    private void presets() throws PixelDataException {
        int length = segmentLength();
        int id = in[pos + 2] & 0xFF;
        if (id != 1) {
            throw unsupported("JPEG-LS LSE segment of type " + id + " (mapping tables)");
        }
        if (length != 13) {
            throw corrupt("JPEG-LS preset parameters segment of length " + length);
        }
        maxValCustom = u16(pos + 3);
        t1Custom = u16(pos + 5);
        t2Custom = u16(pos + 7);
        t3Custom = u16(pos + 9);
        resetCustom = u16(pos + 11);
        pos += length;
    }

    private void scan() throws PixelDataException {
        if (out == null) {
            throw corrupt("JPEG-LS scan before the frame header");
        }
        int length = segmentLength();
        int ns = in[pos + 2] & 0xFF;
        if (ns < 1 || ns > components || length != 6 + 2 * ns) {
            throw corrupt("JPEG-LS scan header with " + ns + " components");
        }
        int[] which = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = in[pos + 3 + 2 * i] & 0xFF;
            which[i] = -1;
            for (int k = 0; k < components; k++) {
                if (componentIds[k] == id) {
                    which[i] = k;
                }
            }
            if (which[i] < 0) {
                throw corrupt("JPEG-LS scan names unknown component " + id);
            }
            if (in[pos + 4 + 2 * i] != 0) {
                throw unsupported("JPEG-LS mapping tables");
            }
        }
        near = in[pos + 3 + 2 * ns] & 0xFF;
        int ilv = in[pos + 4 + 2 * ns] & 0xFF;
        int pointTransform = in[pos + 5 + 2 * ns] & 0x0F;
        pos += length;
        if (pointTransform != 0) {
            throw unsupported("JPEG-LS point transform");
        }
        if (ilv > 2 || (ilv == 0 && ns != 1)) {
            throw corrupt("JPEG-LS interleave mode " + ilv + " with " + ns + " components");
        }
        componentsPerScan = ns;
        parameters();
        if (ilv == 2 && ns > 1) {
            decodeSampleInterleaved(which);
        } else {
            decodeScan(which);
        }
        scansDone++;
        // The scan's bits end at the next marker: FF followed by a byte with its high bit set.
        while (pos + 1 < in.length && !((in[pos] & 0xFF) == 0xFF && (in[pos + 1] & 0x80) != 0)) {
            pos++;
        }
    }

    /** C.2.4.1.1: MAXVAL, RANGE, qbpp, LIMIT and the default thresholds for this NEAR. */
    private void parameters() throws PixelDataException {
        maxVal = maxValCustom != 0 ? maxValCustom : (1 << precision) - 1;
        if (near > Math.min(255, maxVal / 2)) {
            throw corrupt("JPEG-LS NEAR " + near + " too large");
        }
        range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        limit = 2 * (bpp + Math.max(8, bpp));
        int factor;
        int d1;
        int d2;
        int d3;
        if (maxVal >= 128) {
            factor = (Math.min(maxVal, 4095) + 128) / 256;
            d1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1);
            d2 = clamp(factor * (7 - 3) + 3 + 5 * near, d1);
            d3 = clamp(factor * (21 - 4) + 4 + 7 * near, d2);
        } else {
            factor = 256 / (maxVal + 1);
            d1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1);
            d2 = clamp(Math.max(3, 7 / factor + 5 * near), d1);
            d3 = clamp(Math.max(4, 21 / factor + 7 * near), d2);
        }
        t1 = t1Custom != 0 ? t1Custom : d1;
        t2 = t2Custom != 0 ? t2Custom : d2;
        t3 = t3Custom != 0 ? t3Custom : d3;
        reset = resetCustom != 0 ? resetCustom : 64;
        int initial = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, initial);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
        java.util.Arrays.fill(nn, 0);
        bitBuffer = 0;
        bitCount = 0;
        lastWasFF = false;
    }

    private int clamp(int i, int j) {
        return i > maxVal || i < j ? j : i;
    }

    private static int ceilLog2(int v) {
        int k = 0;
        while ((1L << k) < v) {
            k++;
        }
        return k;
    }

    /** Decodes the lines of the scan's components; each component keeps its previous line and run index. */
    private void decodeScan(int[] which) throws PixelDataException {
        int ns = which.length;
        int[][] previous = new int[ns][columns + 2];
        int[][] current = new int[ns][columns + 2];
        runIndex = new int[ns];
        for (int y = 0; y < rows; y++) {
            for (int s = 0; s < ns; s++) {
                int[] prev = previous[s];
                int[] cur = current[s];
                prev[columns + 1] = prev[columns];
                cur[0] = prev[1];
                decodeLine(prev, cur, s);
                int comp = which[s];
                for (int x = 0; x < columns; x++) {
                    out[(y * columns + x) * components + comp] = cur[x + 1];
                }
                previous[s] = cur;
                current[s] = prev;
            }
        }
    }

    /**
     * Sample-interleaved scans (ILV 2): each pixel's components in turn, each with its own
     * neighbours and the shared contexts; run mode only when every component's gradients are
     * zero, the run repeating the whole left pixel, and interruption samples coded per component
     * in the first run interruption context with Rb as prediction. One run index for the scan.
     */
    private void decodeSampleInterleaved(int[] which) throws PixelDataException {
        int ns = which.length;
        int[][] previous = new int[ns][columns + 2];
        int[][] current = new int[ns][columns + 2];
        runIndex = new int[1];
        for (int y = 0; y < rows; y++) {
            for (int s = 0; s < ns; s++) {
                previous[s][columns + 1] = previous[s][columns];
                current[s][0] = previous[s][1];
            }
            int x = 1;
            int[] q1 = new int[ns];
            int[] q2 = new int[ns];
            int[] q3 = new int[ns];
            while (x <= columns) {
                boolean flat = true;
                for (int s = 0; s < ns; s++) {
                    int[] prev = previous[s];
                    int[] cur = current[s];
                    q1[s] = quantize(prev[x + 1] - prev[x]);
                    q2[s] = quantize(prev[x] - prev[x - 1]);
                    q3[s] = quantize(prev[x - 1] - cur[x - 1]);
                    flat &= q1[s] == 0 && q2[s] == 0 && q3[s] == 0;
                }
                if (flat) {
                    x = runModeInterleaved(previous, current, x);
                } else {
                    for (int s = 0; s < ns; s++) {
                        int[] prev = previous[s];
                        int[] cur = current[s];
                        cur[x] = regular(q1[s], q2[s], q3[s], cur[x - 1], prev[x], prev[x - 1]);
                    }
                    x++;
                }
            }
            for (int s = 0; s < ns; s++) {
                int comp = which[s];
                for (int i = 0; i < columns; i++) {
                    out[(y * columns + i) * components + comp] = current[s][i + 1];
                }
                int[] t = previous[s];
                previous[s] = current[s];
                current[s] = t;
            }
        }
    }

    private int runModeInterleaved(int[][] previous, int[][] current, int x) throws PixelDataException {
        int count = runLength(columns - x + 1, 0);
        for (int s = 0; s < current.length; s++) {
            int ra = current[s][x - 1];
            for (int i = 0; i < count; i++) {
                current[s][x + i] = ra;
            }
        }
        x += count;
        if (x > columns) {
            return x;
        }
        for (int s = 0; s < current.length; s++) {
            int ra = current[s][x - 1];
            int rb = previous[s][x];
            current[s][x] = reconstruct(rb, interruption(CONTEXTS, 0, 0) * (rb - ra < 0 ? -1 : 1));
        }
        runIndex[0] = Math.max(0, runIndex[0] - 1);
        return x + 1;
    }

    /** A.7.1.2: the length of a run of at most {@code left} samples, updating the run index. */
    private int runLength(int left, int s) throws PixelDataException {
        int count = 0;
        while (readBit() == 1) {
            int step = Math.min(1 << J[runIndex[s]], left - count);
            count += step;
            if (step == (1 << J[runIndex[s]])) {
                runIndex[s] = Math.min(31, runIndex[s] + 1);
            }
            if (count == left) {
                break;
            }
        }
        if (count != left) {
            count += J[runIndex[s]] > 0 ? readBits(J[runIndex[s]]) : 0;
        }
        if (count > left) {
            throw corrupt("JPEG-LS run longer than the line");
        }
        return count;
    }

    /** One line (A.2 to A.7): {@code prev} and {@code cur} hold samples at 1…columns, borders at 0 and columns+1. */
    private void decodeLine(int[] prev, int[] cur, int s) throws PixelDataException {
        int x = 1;
        while (x <= columns) {
            int ra = cur[x - 1];
            int rb = prev[x];
            int rc = prev[x - 1];
            int rd = prev[x + 1];
            int q1 = quantize(rd - rb);
            int q2 = quantize(rb - rc);
            int q3 = quantize(rc - ra);
            if (q1 == 0 && q2 == 0 && q3 == 0) {
                x = runMode(prev, cur, x, s);
            } else {
                cur[x] = regular(q1, q2, q3, ra, rb, rc);
                x++;
            }
        }
    }

    /** A.3.3: gradient quantization against T1, T2, T3 (0 within ±NEAR). */
    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        }
        if (d <= -t2) {
            return -3;
        }
        if (d <= -t1) {
            return -2;
        }
        if (d < -near) {
            return -1;
        }
        if (d <= near) {
            return 0;
        }
        if (d < t1) {
            return 1;
        }
        if (d < t2) {
            return 2;
        }
        if (d < t3) {
            return 3;
        }
        return 4;
    }

    /** A.4 to A.6: a sample in regular mode. */
    private int regular(int q1, int q2, int q3, int ra, int rb, int rc) throws PixelDataException {
        int sign = 1;
        if (q1 < 0 || (q1 == 0 && (q2 < 0 || (q2 == 0 && q3 < 0)))) {
            sign = -1;
            q1 = -q1;
            q2 = -q2;
            q3 = -q3;
        }
        int q = 81 * q1 + 9 * q2 + q3;
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px += sign * c[q];
        px = Math.max(0, Math.min(maxVal, px));
        int k = 0;
        while ((n[q] << k) < a[q]) {
            k++;
        }
        int mErrval = golomb(k, limit);
        int errval = (mErrval & 1) == 0 ? mErrval >> 1 : -((mErrval + 1) >> 1);
        if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) {
            errval = -errval - 1; // A.5.2: the mapping is inverted for this context
        }
        updateRegular(q, errval);
        return reconstruct(px, sign * errval);
    }

    /** A.6.1 and A.6.2: context variables and bias correction. */
    private void updateRegular(int q, int errval) {
        b[q] += errval * (2 * near + 1);
        a[q] += Math.abs(errval);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] >>= 1;
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] <= -n[q]) {
            b[q] += n[q];
            if (c[q] > -128) {
                c[q]--;
            }
            if (b[q] <= -n[q]) {
                b[q] = -n[q] + 1;
            }
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (c[q] < 127) {
                c[q]++;
            }
            if (b[q] > 0) {
                b[q] = 0;
            }
        }
    }

    /** A.4.4 and the modulo reduction of A.4.5: the reconstructed sample. */
    private int reconstruct(int predicted, int errval) {
        int rx = predicted + errval * (2 * near + 1);
        if (rx < -near) {
            rx += range * (2 * near + 1);
        } else if (rx > maxVal + near) {
            rx -= range * (2 * near + 1);
        }
        return Math.max(0, Math.min(maxVal, rx));
    }

    /** A.7: a run of Ra from {@code x}, then (unless the line ended) a run interruption sample. */
    private int runMode(int[] prev, int[] cur, int x, int s) throws PixelDataException {
        int ra = cur[x - 1];
        int count = runLength(columns - x + 1, s);
        for (int i = 0; i < count; i++) {
            cur[x + i] = ra;
        }
        x += count;
        if (x > columns) {
            return x;
        }
        int rb = prev[x];
        if (Math.abs(ra - rb) <= near) {
            cur[x] = reconstruct(ra, interruption(CONTEXTS + 1, 1, s));
        } else {
            cur[x] = reconstruct(rb, interruption(CONTEXTS, 0, s) * (rb - ra < 0 ? -1 : 1));
        }
        runIndex[s] = Math.max(0, runIndex[s] - 1);
        return x + 1;
    }

    /** A.7.2: the error of a run interruption sample, with its own two contexts. */
    private int interruption(int q, int riType, int s) throws PixelDataException {
        int temp = riType == 0 ? a[q] : a[q] + (n[q] >> 1);
        int k = 0;
        while ((n[q] << k) < temp) {
            k++;
        }
        int emErrval = golomb(k, limit - J[runIndex[s]] - 1);
        int t = emErrval + riType;
        int map = t & 1;
        int abs = (t + map) / 2;
        int errval = (k != 0 || 2 * nn[q] >= n[q]) == (map != 0) ? -abs : abs;
        if (errval < 0) {
            nn[q]++;
        }
        a[q] += (emErrval + 1 - riType) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[q] >>= 1;
        }
        n[q]++;
        return errval;
    }

    /** A.5.3: a limited-length Golomb code. */
    private int golomb(int k, int limit) throws PixelDataException {
        int zeros = 0;
        while (readBit() == 0) {
            if (++zeros > limit) {
                throw corrupt("JPEG-LS code longer than its limit");
            }
        }
        if (zeros >= limit - (qbpp + 1)) {
            return readBits(qbpp) + 1;
        }
        return k == 0 ? zeros : (zeros << k) + readBits(k);
    }

    private int readBits(int count) throws PixelDataException {
        int v = 0;
        for (int i = 0; i < count; i++) {
            v = v << 1 | readBit();
        }
        return v;
    }

    /** One bit; after an FF byte only seven bits of the next byte are data (A.1, bit stuffing). */
    private int readBit() throws PixelDataException {
        if (bitCount == 0) {
            if (pos >= in.length) {
                throw corrupt("JPEG-LS scan data truncated");
            }
            int next = in[pos] & 0xFF;
            if (lastWasFF) {
                if ((next & 0x80) != 0) {
                    throw corrupt("JPEG-LS scan data ends early (marker FF" + Integer.toHexString(next).toUpperCase() + ")");
                }
                bitBuffer = next;
                bitCount = 7;
            } else {
                bitBuffer = next;
                bitCount = 8;
            }
            lastWasFF = next == 0xFF;
            pos++;
        }
        bitCount--;
        return (bitBuffer >> bitCount) & 1;
    }

    private int u16(int at) {
        return (in[at] & 0xFF) << 8 | (in[at + 1] & 0xFF);
    }

    private static PixelDataException corrupt(String message) {
        return new PixelDataException(Kind.CORRUPT, message);
    }

    private static PixelDataException unsupported(String what) {
        return new PixelDataException(Kind.UNSUPPORTED_TRANSFER_SYNTAX, what + " is not decodable here");
    }
}
