package org.telecare.pixel.codec;

import org.telecare.pixel.ImagePixel;

/**
 * Extracts a sample from the bits allocated to it (PS3.5 §8.1.1): shift down to below High
 * Bit, keep Bits Stored bits (bits above may hold overlays or garbage), sign-extend for signed
 * Pixel Representation.
 */
record StoredBits(int shift, int mask, int signBit, boolean signed) {
    static StoredBits of(ImagePixel p) {
        int shift = p.highBit() + 1 - p.bitsStored();
        int mask = (int) ((1L << p.bitsStored()) - 1);
        return new StoredBits(shift, mask, 1 << (p.bitsStored() - 1), p.signed());
    }

    /** For samples that a decoder already delivers right-aligned (JPEG, JPEG 2000): mask and sign only. */
    static StoredBits aligned(ImagePixel p) {
        StoredBits b = of(p);
        return new StoredBits(0, b.mask, b.signBit, b.signed);
    }

    int value(int raw) {
        int v = (raw >>> shift) & mask;
        return signed && (v & signBit) != 0 ? v - (mask + 1) : v;
    }
}
