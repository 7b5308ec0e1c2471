package org.telecare.dimse.pdu;

import java.nio.charset.StandardCharsets;

/**
 * Application Entity titles: 1 to 16 characters of the default character repertoire without
 * backslash or control characters, not all spaces; carried space-padded to 16 bytes in the
 * A-ASSOCIATE PDUs (PS3.8 Table 9-11, PS3.5 §6.2 VR AE). Leading and trailing spaces are not
 * significant.
 */
public final class AeTitle {
    public static final int LENGTH = 16;

    private AeTitle() {
    }

    /** Returns the trimmed title, or throws if it is not a valid AE title. */
    public static String validate(String title) {
        if (title == null) {
            throw new IllegalArgumentException("AE title is missing");
        }
        String t = title.strip();
        if (t.isEmpty() || t.length() > LENGTH) {
            throw new IllegalArgumentException("AE title must have 1 to 16 significant characters: '" + title + "'");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("AE title has a forbidden character: '" + title + "'");
            }
        }
        return t;
    }

    /** The 16-byte, space-padded field of the A-ASSOCIATE-RQ/AC PDUs. */
    public static byte[] encode(String title) {
        byte[] out = new byte[LENGTH];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] b = validate(title).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    /** Decodes a 16-byte field; throws a {@link PduException} when it holds no valid title. */
    static String decode(byte[] field) throws PduException {
        String raw = new String(field, StandardCharsets.US_ASCII);
        int end = raw.indexOf('\0');
        try {
            return validate(end >= 0 ? raw.substring(0, end) : raw);
        } catch (IllegalArgumentException e) {
            throw PduException.invalid(e.getMessage());
        }
    }
}
