package org.telecare.accounts.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * TOTP parameters (SEC-3 two-factor login; S004 §九 1.20).
 *
 * @param algorithm the HMAC (SHA-1 by default: what authenticator apps support)
 * @param digits    code length, 6..8 (RFC 4226 §5.3: at least 6)
 * @param step      time step X (RFC 6238 §5.2 recommends 30 seconds); whole seconds
 * @param window    steps accepted either side of the current one for clock drift
 *                  (RFC 6238 §5.2 recommends at most one)
 * @param issuer    shown by the authenticator app next to the account
 */
public record TotpSettings(TotpAlgorithm algorithm, int digits, Duration step, int window, String issuer) {

    public TotpSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(issuer, "issuer");
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6..8, was " + digits);
        }
        if (step.toMillis() < 1000 || step.getNano() != 0) {
            throw new IllegalArgumentException("step must be a whole number of seconds, at least 1, was " + step);
        }
        if (window < 0 || window > 10) {
            throw new IllegalArgumentException("window must be 0..10, was " + window);
        }
        if (issuer.isBlank() || issuer.indexOf(':') >= 0) {
            throw new IllegalArgumentException("issuer must be non-blank and contain no ':'");
        }
    }

    /** HMAC-SHA-1, 6 digits, 30 s, ±1 step, issuer "telecare". */
    public static TotpSettings defaults() {
        return new TotpSettings(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1, "telecare");
    }
}
