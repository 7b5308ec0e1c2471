package org.telecare.accounts.credentials;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Argon2id password hash in the PHC string format
 * ({@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>}, salt and hash in
 * standard Base64 without padding), the format of the reference implementation and of most
 * libraries, so stored hashes stay portable.
 *
 * <p>Only Argon2id version 0x13 (19, RFC 9106) is accepted: it is the only variant this server
 * ever writes, and refusing the others keeps a tampered row from downgrading the KDF.
 *
 * <p>The arrays are the record's own copies; {@link #clear()} wipes them when the caller is done.
 *
 * @param settings the cost parameters, salt length and hash length this hash was made with
 */
public record Argon2Hash(Argon2Settings settings, byte[] salt, byte[] hash) {

    static final String PREFIX = "$argon2id$v=19$";
    /** A PHC string of the largest allowed salt and hash is about 230 characters; anything much longer is not one. */
    private static final int MAX_ENCODED_LENGTH = 512;
    /** Decimal without sign or leading zeros (PHC string format), at most 10 digits so it fits a long. */
    private static final Pattern PARAMS = Pattern.compile(
            "m=(0|[1-9][0-9]{0,9}),t=(0|[1-9][0-9]{0,9}),p=(0|[1-9][0-9]{0,9})");

    public Argon2Hash {
        if (salt.length != settings.saltLength() || hash.length != settings.hashLength()) {
            throw new IllegalArgumentException("salt and hash lengths must match the settings");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /**
     * Parses a PHC string.
     *
     * @throws IllegalArgumentException saying which part is malformed (never echoing the input,
     *                                  which is a credential)
     */
    public static Argon2Hash parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalArgumentException("no password hash given");
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("password hash is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 6 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException(
                    "password hash must have the form $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>");
        }
        if (!parts[1].equals("argon2id")) {
            throw new IllegalArgumentException("password hash is not Argon2id");
        }
        if (!parts[2].equals("v=19")) {
            throw new IllegalArgumentException("password hash is not Argon2 version 19 (0x13)");
        }
        Matcher m = PARAMS.matcher(parts[3]);
        if (!m.matches()) {
            throw new IllegalArgumentException("password hash parameters must be m=<KiB>,t=<iterations>,p=<lanes> in that order");
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        long lanes = Long.parseLong(m.group(3));
        if (memory > Argon2Settings.MAX_MEMORY_KIB || iterations > Argon2Settings.MAX_ITERATIONS
                || lanes > Argon2Settings.MAX_PARALLELISM) {
            throw new IllegalArgumentException("password hash parameters exceed the allowed maximum");
        }
        byte[] salt = decode(parts[4], "salt");
        byte[] hash = decode(parts[5], "hash");
        try {
            Argon2Settings settings = new Argon2Settings((int) memory, (int) iterations, (int) lanes, salt.length, hash.length);
            return new Argon2Hash(settings, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password hash parameters out of range: " + e.getMessage(), e);
        } finally {
            Arrays.fill(salt, (byte) 0);
            Arrays.fill(hash, (byte) 0);
        }
    }

    /** The PHC string of this hash. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "m=" + settings.memoryKiB() + ",t=" + settings.iterations() + ",p=" + settings.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** The salt (a copy). */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** The hash (a copy). */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Constant-time comparison of the stored hash with a freshly computed one (no early exit on the first different byte). */
    boolean matches(byte[] computed) {
        return MessageDigest.isEqual(hash, computed);
    }

    /** Wipes this record's salt and hash. */
    public void clear() {
        Arrays.fill(salt, (byte) 0);
        Arrays.fill(hash, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Argon2Hash other && settings.equals(other.settings)
                && Arrays.equals(salt, other.salt) && MessageDigest.isEqual(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return settings.hashCode() * 31 + Arrays.hashCode(salt);
    }

    /** Parameters only: the hash itself does not belong in logs. */
    @Override
    public String toString() {
        return "Argon2Hash[m=" + settings.memoryKiB() + ",t=" + settings.iterations() + ",p=" + settings.parallelism()
                + ", salt " + salt.length + " bytes, hash " + hash.length + " bytes]";
    }

    /**
     * Strict Base64: the standard alphabet, no padding, and canonical (re-encoding gives the same
     * text), so one hash has exactly one spelling.
     */
    private static byte[] decode(String text, String what) {
        if (text.isEmpty() || text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("password hash " + what + " must be non-empty Base64 without padding");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password hash " + what + " is not valid Base64");
        }
        if (!Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("password hash " + what + " is not canonical Base64");
        }
        return bytes;
    }
}
