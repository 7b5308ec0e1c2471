package org.telecare.pixel;

/**
 * One decoded frame: samples as stored (Bits Stored bits, sign-extended when Pixel
 * Representation is signed), pixel-interleaved whatever the Planar Configuration was, row by
 * row. {@code photometric} is what the samples are now: a JPEG 2000 decoder that undoes the
 * codestream's colour transform turns YBR_ICT/YBR_RCT into RGB.
 */
public record Frame(int columns, int rows, int samplesPerPixel, int[] samples, String photometric) {
    public Frame {
        if ((long) columns * rows * samplesPerPixel != samples.length) {
            throw new IllegalArgumentException(samples.length + " samples for " + columns + "x" + rows + "x" + samplesPerPixel);
        }
    }
}
