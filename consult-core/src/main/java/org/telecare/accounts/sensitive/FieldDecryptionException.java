package org.telecare.accounts.sensitive;

import java.util.Objects;

/**
 * A stored field value could not be decrypted. The message says why in general terms and names at
 * most the key id and the context; it never contains the plaintext, the key or the ciphertext.
 */
public final class FieldDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why decryption failed. */
    public enum Reason {
        /** Not of the form {@code v1.<keyId>.<base64url>}, bad Base64, too short or too long. */
        MALFORMED,
        /** A version prefix other than {@code v1}. */
        UNSUPPORTED_VERSION,
        /** The key id named in the value is not in the keyring (removed too early, or forged). */
        UNKNOWN_KEY,
        /**
         * The GCM tag did not verify: the value was altered, or it belongs to another record or
         * field (different context), or was made with a different key of the same id.
         */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;

    FieldDecryptionException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
