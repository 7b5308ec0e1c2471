package org.telecare.accounts.sensitive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * A deterministic blind index for exact-match lookups on encrypted fields (SEC-7), e.g. "find the
 * patient with this ID-card number".
 *
 * <p><b>Why.</b> {@link FieldCipher} output is randomised (a fresh nonce per value) and bound to
 * its record, so the database cannot search it, and decrypting every row to search is slow and
 * puts every plaintext in memory. Instead each encrypted field gets a companion column holding
 * {@code HMAC-SHA256(indexKey, kind ‖ normalised value)}. A lookup computes the same HMAC for the
 * searched value and queries that column. The index contains no plaintext and, without the index
 * key, cannot be reversed by hashing all ~10⁹ possible phone numbers or ID-card numbers (as a
 * plain hash could).
 *
 * <p><b>Rules.</b>
 * <ul>
 *   <li>Use a key of its own, not a {@link FieldKeys} encryption key: a leaked index key then
 *       reveals nothing about the ciphertexts, and each key has one purpose.</li>
 *   <li>The index reveals equality (two records with the same number have the same index); that
 *       is the point, and acceptable for these fields.</li>
 *   <li>Values are normalised first so the same number typed differently matches: full-width
 *       characters folded (NFKC) and spaces removed; ID cards upper-cased ({@code x → X}) and the
 *       15-digit legacy form upgraded to 18 characters; phones stripped of spaces, dashes and a
 *       {@code +86}/{@code 0086} prefix.</li>
 *   <li>The kind is part of the HMAC input, so the same digits as a phone and as something else
 *       give different indexes.</li>
 *   <li>Changing the index key means recomputing every index from the decrypted values; keep
 *       {@link #keyId()} next to the index if rotation is planned.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class BlindIndex {

    /** How index values are written. */
    public enum Encoding {
        /** 64 lower-case hex characters. */
        HEX,
        /** 43 base64url characters without padding. */
        BASE64URL
    }

    private final FieldKey key;
    private final Encoding encoding;

    public BlindIndex(FieldKey key) {
        this(key, Encoding.HEX);
    }

    public BlindIndex(FieldKey key, Encoding encoding) {
        this.key = Objects.requireNonNull(key, "key");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * From configuration: a key id and a Base64 32-byte key (a different key from the encryption
     * keys; {@link FieldKeys#generateKeyBase64()} makes one).
     */
    public static BlindIndex fromConfig(String keyId, String base64Key, Encoding encoding) {
        byte[] material = FieldKeys.decodeKey(keyId, base64Key);
        try {
            return new BlindIndex(new FieldKey(keyId, material), encoding);
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    public String keyId() {
        return key.id();
    }

    public Encoding encoding() {
        return encoding;
    }

    /** Index of an ID-card number (normalised; legacy 15-digit numbers upgraded to 18). */
    public String idCard(String value) {
        return compute("idcard", normaliseIdCard(value));
    }

    /** Index of a phone number (normalised by {@link PhoneNumbers}, else separators stripped). */
    public String phone(String value) {
        return compute("phone", normalisePhone(value));
    }

    /**
     * Index of any other value of the given kind (e.g. {@code "email"}), after NFKC and trimming
     * only; the caller normalises further if needed (e.g. lower-casing emails).
     */
    public String of(String kind, String value) {
        if (kind == null || kind.isBlank() || kind.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a blind index kind is required");
        }
        String v = value == null ? "" : java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC).strip();
        return compute(kind, v);
    }

    static String normaliseIdCard(String value) {
        String s = ChineseIdCard.normalise(value);
        if (s.length() == 15) {
            return ChineseIdCard.tryParse(s, LocalDate.MAX).map(ChineseIdCard::toEighteen).orElse(s);
        }
        return s;
    }

    static String normalisePhone(String value) {
        return PhoneNumbers.normalise(value).orElseGet(() -> PhoneNumbers.stripSeparators(value));
    }

    private String compute(String kind, String normalised) {
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("nothing to index: the " + kind + " value is empty");
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key.hmacKey());
            hmac.update(kind.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            mac = hmac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getSimpleName(), e);
        }
        return switch (encoding) {
            case HEX -> HexFormat.of().formatHex(mac);
            case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        };
    }

    @Override
    public String toString() {
        return "BlindIndex[keyId=" + key.id() + ", encoding=" + encoding + ", material=<redacted>]";
    }
}
