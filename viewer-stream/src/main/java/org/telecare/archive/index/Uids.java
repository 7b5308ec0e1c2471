package org.telecare.archive.index;

import java.util.regex.Pattern;

/** UID syntax, PS3.5 §9.1: digit components separated by dots, no leading zeros, at most 64 characters. */
final class Uids {
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private Uids() {
    }

    static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }

    static String require(String what, String uid) {
        if (!isValid(uid)) {
            throw new IllegalArgumentException(what + " is not a valid UID (PS3.5 §9.1): '" + uid + "'");
        }
        return uid;
    }
}
