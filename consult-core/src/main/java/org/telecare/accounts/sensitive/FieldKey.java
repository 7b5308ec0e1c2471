package org.telecare.accounts.sensitive;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 field-encryption key and its id (SEC-7). The id is written into every ciphertext
 * ({@code v1.<keyId>.…}) so that after a rotation old values still name the key that decrypts them.
 *
 * <p>The key material never leaves this class except as a {@link SecretKey} for the cipher;
 * {@link #toString()} shows the id only.
 */
public final class FieldKey {

    /** Key length in bytes: AES-256. */
    public static final int KEY_LENGTH = 32;
    /** Ids are short tokens without '.', the separator of the encoded form. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String id;
    private final byte[] material;

    /**
     * @param id a key id: 1–32 characters of {@code A-Z a-z 0-9 _ -}
     * @param material exactly 32 bytes; copied
     * @throws InvalidKeyConfigurationException for a bad id or length (the message never contains
     *     key material)
     */
    public FieldKey(String id, byte[] material) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidKeyConfigurationException(
                    "field key id must be 1-32 characters of A-Z a-z 0-9 _ - (got "
                            + (id == null ? "null" : "\"" + abbreviate(id) + "\"") + ")");
        }
        Objects.requireNonNull(material, "material");
        if (material.length != KEY_LENGTH) {
            throw new InvalidKeyConfigurationException("field key \"" + id + "\" must be "
                    + KEY_LENGTH + " bytes (AES-256) but is " + material.length + " bytes");
        }
        this.id = id;
        this.material = material.clone();
    }

    public String id() {
        return id;
    }

    SecretKey aesKey() {
        return new SecretKeySpec(material, "AES");
    }

    SecretKey hmacKey() {
        return new SecretKeySpec(material, "HmacSHA256");
    }

    /** Same id and same material (constant-time comparison of the material). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FieldKey other && id.equals(other.id)
                && MessageDigest.isEqual(material, other.material);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Overwrites the key material in memory; the key is unusable afterwards. */
    public void destroy() {
        Arrays.fill(material, (byte) 0);
    }

    @Override
    public String toString() {
        return "FieldKey[id=" + id + ", material=<redacted>]";
    }

    static String abbreviate(String s) {
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
