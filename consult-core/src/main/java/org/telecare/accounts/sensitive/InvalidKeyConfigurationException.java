package org.telecare.accounts.sensitive;

/**
 * The field-encryption or blind-index key configuration is unusable: bad Base64, wrong length,
 * bad id, unknown current key id. Messages name key ids, never key material.
 */
public final class InvalidKeyConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyConfigurationException(String message) {
        super(message);
    }
}
