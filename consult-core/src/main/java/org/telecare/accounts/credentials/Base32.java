package org.telecare.accounts.credentials;

import java.io.ByteArrayOutputStream;

/**
 * Base32 of RFC 4648 §6 (alphabet A–Z, 2–7), the encoding authenticator apps expect for TOTP
 * secrets in the otpauth URI. Written out rather than pulled from a library because it is 40
 * lines and the only user is {@link Totp}.
 *
 * <p>Encoding omits the '=' padding (authenticator apps do not want it; RFC 4648 §3.2 allows
 * leaving it out when the length is known). Decoding ignores case and accepts padding, since
 * people copy secrets by hand.
 */
public final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException on characters outside the alphabet, a length no encoding
     *                                  can have (1, 3 or 6 characters in the last group), or
     *                                  non-zero unused bits
     */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no Base32 text given");
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        int rest = end % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("Base32 text has an impossible length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < end; i++) {
            int v = ALPHABET.indexOf(Character.toUpperCase(text.charAt(i)));
            if (v < 0) {
                throw new IllegalArgumentException("Base32 text has an invalid character at position " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("Base32 text has non-zero trailing bits");
        }
        return out.toByteArray();
    }
}
