package org.telecare.dicom.data;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/** Unique identifiers (PS3.5 §9). */
public final class Uid {
    /** Components of digits without leading zeros, separated by dots (PS3.5 §9.1). */
    private static final Pattern SYNTAX = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private Uid() {
    }

    /** A new UID derived from a random UUID under the root 2.25 (PS3.5 §B.2), e.g. for converted images. */
    public static String random() {
        return fromUuid(UUID.randomUUID());
    }

    /** "2.25." followed by the UUID as an unsigned 128-bit decimal integer (PS3.5 §B.2). */
    public static String fromUuid(UUID uuid) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    /** True if {@code uid} has the syntax of PS3.5 §9.1 and at most 64 characters. */
    public static boolean isValid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= 64 && SYNTAX.matcher(uid).matches();
    }
}
