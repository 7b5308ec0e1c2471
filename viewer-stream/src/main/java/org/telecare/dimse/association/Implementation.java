package org.telecare.dimse.association;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Who we are on the wire: the implementation class UID (PS3.7 Annex D.3.3.2) under the
 * UUID-derived root {@code 2.25} (PS3.5 §B.2), and the implementation version name.
 */
public final class Implementation {

    /** {@code 2.25.} followed by the decimal value of a name-based UUID of "org.telecare.dimse". */
    public static final String CLASS_UID = uuidUid(UUID.nameUUIDFromBytes("org.telecare.dimse".getBytes(StandardCharsets.US_ASCII)));
    public static final String VERSION_NAME = "TELECARE_0.1";

    private Implementation() {
    }

    /** A UID from a UUID, as PS3.5 §B.2 describes: {@code 2.25.} + the UUID as an unsigned integer. */
    public static String uuidUid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
