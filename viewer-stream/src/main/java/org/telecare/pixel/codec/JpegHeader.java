package org.telecare.pixel.codec;

import org.telecare.pixel.PixelDataException;

/**
 * What a JPEG stream's markers say before its scan (ITU-T T.81 §B.2): the frame's process and
 * precision, and whether colour components are RGB (Adobe APP14 transform 0, or component
 * identifiers 'R','G','B') rather than YCbCr.
 */
record JpegHeader(boolean lossless, int precision, boolean rgb) {
    private static final int SOI = 0xD8;

    static JpegHeader parse(byte[] b) throws PixelDataException {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != SOI) {
            throw corrupt("the frame does not start with a JPEG SOI marker");
        }
        int at = 2;
        Boolean adobeRgb = null;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                throw corrupt("expected a JPEG marker at byte " + at);
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte (T.81 §B.1.1.2)
                continue;
            }
            int length = (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
            int body = at + 4;
            if (length < 2 || at + 2 + length > b.length) {
                throw corrupt("JPEG marker segment FF" + Integer.toHexString(marker).toUpperCase() + " overruns the frame");
            }
            if (marker == 0xEE && length >= 14 && new String(b, body, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Adobe")) {
                adobeRgb = b[body + 11] == 0;
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (length < 8) {
                    throw corrupt("JPEG SOF segment too short");
                }
                int precision = b[body] & 0xFF;
                int components = b[body + 5] & 0xFF;
                boolean named = components == 3 && length >= 8 + 9
                        && b[body + 6] == 'R' && b[body + 9] == 'G' && b[body + 12] == 'B';
                boolean lossless = marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF;
                return new JpegHeader(lossless, precision, adobeRgb != null ? adobeRgb : named);
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            at += 2 + length;
        }
        throw corrupt("no JPEG frame header (SOF) before the scan");
    }

    private static PixelDataException corrupt(String message) {
        return new PixelDataException(PixelDataException.Kind.CORRUPT, message);
    }
}
