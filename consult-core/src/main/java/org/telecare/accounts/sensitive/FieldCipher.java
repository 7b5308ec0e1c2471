package org.telecare.accounts.sensitive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encryption at rest of single field values (SEC-7: ID-card and phone numbers): AES-256-GCM with a
 * random 96-bit nonce per value and a 128-bit tag.
 *
 * <p>Encoded form: {@code v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>} without padding,
 * compact enough for a text column. The key id lets the {@link FieldKeys} keyring rotate keys:
 * new values use the current key, old values decrypt with the key they name.
 *
 * <p><b>Context (associated data).</b> Every call names where the value lives, for example
 * {@code "user:42:phone"} or {@code "patient:<id>:idCard"}. The context is authenticated but not
 * stored, so a ciphertext copied into another record or field fails to decrypt instead of
 * silently showing one patient's number on another's record. The version and key id are
 * authenticated too. Use stable ids (not something that changes, like a login name) in contexts.
 *
 * <p>Thread-safe; create one per keyring.
 */
public final class FieldCipher {

    /** The format version prefix. */
    public static final String VERSION = "v1";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int TAG_BYTES = TAG_BITS / 8;
    /** Field values are short; anything longer than this is refused before decoding. */
    static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private final FieldKeys keys;
    private final SecureRandom random;

    public FieldCipher(FieldKeys keys) {
        this(keys, new SecureRandom());
    }

    public FieldCipher(FieldKeys keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Encrypts a value with the current key.
     *
     * @param plaintext the value (any string, may be empty)
     * @param context where it is stored, e.g. {@code "user:42:phone"}; non-blank; the same
     *     context must be given to {@link #decrypt}
     * @return {@code v1.<keyId>.<base64url>}; a different string on every call
     */
    public String encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        requireContext(context);
        FieldKey key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] pt = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(key.id(), context));
            byte[] ctAndTag = cipher.doFinal(pt);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + ctAndTag.length).put(nonce).put(ctAndTag).array();
            return VERSION + "." + key.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every JDK; this is a broken runtime, not bad input.
            throw new IllegalStateException("AES-GCM encryption unavailable: " + e.getClass().getSimpleName(), e);
        } finally {
            java.util.Arrays.fill(pt, (byte) 0);
        }
    }

    /**
     * Decrypts a value made by {@link #encrypt} with the same context.
     *
     * @throws FieldDecryptionException when malformed, of an unknown version or key id, altered,
     *     or made for another context
     */
    public String decrypt(String encoded, String context) {
        requireContext(context);
        Parsed p = parse(encoded);
        FieldKey key = keys.find(p.keyId).orElseThrow(() -> new FieldDecryptionException(
                FieldDecryptionException.Reason.UNKNOWN_KEY,
                "encrypted value names key id \"" + p.keyId + "\", which is not configured"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.aesKey(),
                    new GCMParameterSpec(TAG_BITS, p.payload, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(p.keyId, context));
            byte[] pt = cipher.doFinal(p.payload, NONCE_BYTES, p.payload.length - NONCE_BYTES);
            String s = new String(pt, StandardCharsets.UTF_8);
            java.util.Arrays.fill(pt, (byte) 0);
            return s;
        } catch (AEADBadTagException e) {
            throw new FieldDecryptionException(FieldDecryptionException.Reason.AUTHENTICATION_FAILED,
                    "encrypted value failed authentication (altered, or not stored under context \""
                            + FieldKey.abbreviate(context) + "\")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The key id an encoded value names, without decrypting it.
     *
     * @throws FieldDecryptionException if the value is malformed
     */
    public static String keyIdOf(String encoded) {
        return parse(encoded).keyId;
    }

    /**
     * Whether a stored value was made with a key other than the current one, so a background job
     * should decrypt and re-encrypt it (key rotation). Malformed values throw.
     */
    public boolean needsReencryption(String encoded) {
        return !keyIdOf(encoded).equals(keys.current().id());
    }

    /** Whether a string looks like an encoded value (prefix check only; does not decrypt). */
    public static boolean looksEncrypted(String value) {
        return value != null && value.startsWith(VERSION + ".");
    }

    private record Parsed(String keyId, byte[] payload) {}

    private static Parsed parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw malformed("encrypted value is empty");
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw malformed("encrypted value is too long (" + encoded.length() + " characters)");
        }
        int first = encoded.indexOf('.');
        int second = first < 0 ? -1 : encoded.indexOf('.', first + 1);
        if (first < 0 || second < 0 || encoded.indexOf('.', second + 1) >= 0) {
            throw malformed("encrypted value is not of the form v1.<keyId>.<data>");
        }
        String version = encoded.substring(0, first);
        if (!VERSION.equals(version)) {
            throw new FieldDecryptionException(FieldDecryptionException.Reason.UNSUPPORTED_VERSION,
                    "encrypted value has unsupported version \"" + FieldKey.abbreviate(version) + "\"");
        }
        String keyId = encoded.substring(first + 1, second);
        if (!FieldKey.ID.matcher(keyId).matches()) {
            throw malformed("encrypted value has an invalid key id");
        }
        String data = encoded.substring(second + 1);
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw malformed("encrypted value data is not valid base64url");
        }
        // Only the canonical encoding is accepted, so each ciphertext has exactly one spelling.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(payload).equals(data)) {
            throw malformed("encrypted value data is not canonical unpadded base64url");
        }
        if (payload.length < NONCE_BYTES + TAG_BYTES) {
            throw malformed("encrypted value data is too short");
        }
        return new Parsed(keyId, payload);
    }

    private static FieldDecryptionException malformed(String message) {
        return new FieldDecryptionException(FieldDecryptionException.Reason.MALFORMED, message);
    }

    private static void requireContext(String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("an encryption context (e.g. \"user:<id>:phone\") is required");
        }
    }

    /** {@code "v1" NUL keyId NUL context}, UTF-8: unambiguous since ids contain no NUL. */
    private static byte[] associatedData(String keyId, String context) {
        return (VERSION + '\0' + keyId + '\0' + context).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FieldCipher[" + keys + "]";
    }
}
