package org.telecare.dimse.pdu;

/** Argument checks shared by the PDU records. */
final class PduChecks {
    private PduChecks() {
    }

    static int u8(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " must fit in one byte: " + value);
        }
        return value;
    }

    static int u16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " must fit in two bytes: " + value);
        }
        return value;
    }

    /** A UID as carried in PDU items (PS3.8 Annex F: PS3.5 §9 encoding, at most 64 characters). */
    static String uid(String uid, String what) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            throw new IllegalArgumentException(what + " must be a UID of 1 to 64 characters: " + uid);
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                throw new IllegalArgumentException(what + " is not a UID: " + uid);
            }
        }
        return uid;
    }
}
