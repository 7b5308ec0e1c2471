package org.telecare.accounts.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * Image captcha parameters (SEC-2; S004 §九 1.1, 1.4).
 *
 * @param length   characters per code
 * @param alphabet characters codes are drawn from; upper-case only, since answers are compared
 *                 ignoring case
 * @param width    image width in pixels
 * @param height   image height in pixels
 * @param ttl      how long a challenge may be answered
 */
public record CaptchaSettings(int length, String alphabet, int width, int height, Duration ttl) {

    /**
     * Upper-case letters and digits without the ones people confuse in a distorted image:
     * 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V.
     */
    public static final String UNAMBIGUOUS = "ACEFGHJKMNPRTWXY34679";

    public CaptchaSettings {
        Objects.requireNonNull(alphabet, "alphabet");
        Objects.requireNonNull(ttl, "ttl");
        if (length < 4 || length > 8) {
            throw new IllegalArgumentException("length must be 4..8, was " + length);
        }
        if (alphabet.length() < 10 || alphabet.chars().distinct().count() != alphabet.length()
                || !alphabet.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("alphabet must be at least 10 distinct characters from A-Z and 0-9");
        }
        if (width < 20 * length || width > 1000 || height < 30 || height > 400) {
            throw new IllegalArgumentException("image must be 20 × length..1000 pixels wide and 30..400 high");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
    }

    /** 5 characters, 160 × 60 pixels, answerable for 2 minutes. */
    public static CaptchaSettings defaults() {
        return new CaptchaSettings(5, UNAMBIGUOUS, 160, 60, Duration.ofMinutes(2));
    }
}
