package org.telecare.accounts.credentials;

/**
 * The HMAC of a TOTP (RFC 6238 §1.2 allows SHA-1, SHA-256 and SHA-512). SHA-1 is the default
 * because every authenticator app supports it; HMAC-SHA-1 is not affected by SHA-1 collisions
 * (RFC 6238 §5.1 and RFC 4226 Appendix A).
 */
public enum TotpAlgorithm {
    SHA1("HmacSHA1", 20),
    SHA256("HmacSHA256", 32),
    SHA512("HmacSHA512", 64);

    private final String macName;
    private final int secretLength;

    TotpAlgorithm(String macName, int secretLength) {
        this.macName = macName;
        this.secretLength = secretLength;
    }

    /** The JCA name of the HMAC. */
    public String macName() {
        return macName;
    }

    /** Secret length in bytes: the hash output length (RFC 4226 §4 R6 asks for at least 128, recommends 160 bits). */
    public int secretLength() {
        return secretLength;
    }
}
