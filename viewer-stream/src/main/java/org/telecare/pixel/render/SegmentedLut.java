package org.telecare.pixel.render;

import org.telecare.pixel.PixelDataException;

import java.util.Arrays;

/**
 * Expands Segmented Palette Color LUT Data (PS3.3 §C.7.9.2): discrete segments (opcode 0, n
 * values), linear segments (opcode 1, n entries ramping from the previous value to the given
 * one) and indirect segments (opcode 2, n segments copied from a 32-bit word offset, low word
 * first). Bounded: output stops at the descriptor's entry count, indirection is not nested.
 */
final class SegmentedLut {
    private SegmentedLut() {
    }

    static int[] expand(int[] words, int entries, String what) throws PixelDataException {
        int[] out = new int[entries];
        int[] filled = {0};
        expand(words, 0, words.length, out, filled, true, what);
        if (filled[0] != entries) {
            throw Lut.invalid(what + ": segments give " + filled[0] + " entries, the descriptor says " + entries);
        }
        return out;
    }

    /** Expands up to {@code segments} segments (or to the end) from word {@code at}. */
    private static int expand(int[] w, int at, int segments, int[] out, int[] filled, boolean top, String what)
            throws PixelDataException {
        int done = 0;
        while (at < w.length && done < segments) {
            if (at + 1 >= w.length) {
                throw Lut.invalid(what + ": segment header cut short");
            }
            int op = w[at];
            int n = w[at + 1];
            at += 2;
            switch (op) {
                case 0 -> {
                    need(w, at, n, what);
                    put(out, filled, Arrays.copyOfRange(w, at, at + n), what);
                    at += n;
                }
                case 1 -> {
                    need(w, at, 1, what);
                    if (filled[0] == 0) {
                        throw Lut.invalid(what + ": a linear segment cannot come first");
                    }
                    double from = out[filled[0] - 1];
                    int to = w[at++];
                    int[] ramp = new int[n];
                    for (int i = 0; i < n; i++) {
                        ramp[i] = (int) Math.round(from + (to - from) * (i + 1) / n);
                    }
                    put(out, filled, ramp, what);
                }
                case 2 -> {
                    need(w, at, 2, what);
                    if (!top) {
                        throw Lut.invalid(what + ": nested indirect segments");
                    }
                    long offset = (w[at] & 0xFFFFL) | (long) (w[at + 1] & 0xFFFF) << 16;
                    at += 2;
                    if (offset >= w.length) {
                        throw Lut.invalid(what + ": indirect segment points outside the data");
                    }
                    expand(w, (int) offset, n, out, filled, false, what);
                }
                default -> throw Lut.invalid(what + ": unknown segment opcode " + op);
            }
            done++;
        }
        return at;
    }

    private static void need(int[] w, int at, int n, String what) throws PixelDataException {
        if (at + n > w.length) {
            throw Lut.invalid(what + ": segment runs past the data");
        }
    }

    private static void put(int[] out, int[] filled, int[] values, String what) throws PixelDataException {
        if (filled[0] + values.length > out.length) {
            throw Lut.invalid(what + ": segments give more entries than the descriptor says");
        }
        System.arraycopy(values, 0, out, filled[0], values.length);
        filled[0] += values.length;
    }
}
