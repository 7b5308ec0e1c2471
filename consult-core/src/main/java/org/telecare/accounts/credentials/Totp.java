package org.telecare.accounts.credentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238) for two-factor login (SEC-3; S004 §九 1.20), compatible
 * with the usual authenticator apps.
 *
 * <p>{@link #verify(byte[], String, OptionalLong)} returns the time step the code matched; the
 * caller stores it (compare-and-set) and passes it back next time, so a code that was already
 * used, or an older one, is refused: RFC 6238 §5.2 "the verifier MUST NOT accept the second
 * attempt of the OTP after the successful validation has been issued for the first OTP".
 * Guessing is limited by the caller counting wrong codes as login failures ({@link LoginThrottle}).
 *
 * <p>Thread-safe.
 */
public final class Totp {

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final TotpSettings settings;
    private final Clock clock;

    public Totp(TotpSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TotpSettings settings() {
        return settings;
    }

    /** A new random secret as long as the HMAC output (20 bytes for SHA-1, RFC 4226 §4 R6). */
    public byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[settings.algorithm().secretLength()];
        random.nextBytes(secret);
        return secret;
    }

    /** The time step T = floor((now − T0) / X) with T0 = 0 (RFC 6238 §4.2). */
    public long currentStep() {
        return stepAt(clock.instant());
    }

    public long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), settings.step().getSeconds());
    }

    /** The code for the current step. */
    public String code(byte[] secret) {
        return code(secret, currentStep());
    }

    /** The code for a time step. */
    public String code(byte[] secret, long step) {
        return hotp(settings.algorithm(), secret, step, settings.digits());
    }

    /** Any acceptable code, without the replay check; prefer the three-argument form at login. */
    public OptionalLong verify(byte[] secret, String code) {
        return verify(secret, code, OptionalLong.empty());
    }

    /**
     * Checks a code typed by the user against the steps within {@link TotpSettings#window()} of
     * now.
     *
     * @param lastUsedStep the step of the last accepted code for this secret, if any; only later
     *                     steps are accepted (anti-replay)
     * @return the matched step, which the caller must store as the new last used step; empty when
     *         the code is wrong, already used, or not {@code digits} ASCII digits
     */
    public OptionalLong verify(byte[] secret, String code, OptionalLong lastUsedStep) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(lastUsedStep, "lastUsedStep");
        if (!wellFormed(code)) {
            return OptionalLong.empty();
        }
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long matched = Long.MIN_VALUE;
        // Every step in the window is computed and compared, whatever matches, so the time taken
        // does not depend on the code.
        for (long step = now - settings.window(); step <= now + settings.window(); step++) {
            byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
            boolean fresh = lastUsedStep.isEmpty() || step > lastUsedStep.getAsLong();
            if (MessageDigest.isEqual(expected, typed) && fresh && matched == Long.MIN_VALUE) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The otpauth URI (Google Authenticator "Key Uri Format") that the enrolment page shows as a
     * QR code: {@code otpauth://totp/telecare:<login>?secret=<base32>&issuer=telecare}, plus
     * algorithm, digits and period when they differ from the defaults apps assume.
     */
    public String enrolmentUri(String login, byte[] secret) {
        Objects.requireNonNull(login, "login");
        if (login.isBlank()) {
            throw new IllegalArgumentException("login is blank");
        }
        String issuer = uriEncode(settings.issuer());
        StringBuilder uri = new StringBuilder("otpauth://totp/").append(issuer).append(':').append(uriEncode(login))
                .append("?secret=").append(Base32.encode(secret)).append("&issuer=").append(issuer);
        if (settings.algorithm() != TotpAlgorithm.SHA1) {
            uri.append("&algorithm=").append(settings.algorithm().name());
        }
        if (settings.digits() != 6) {
            uri.append("&digits=").append(settings.digits());
        }
        if (settings.step().getSeconds() != 30) {
            uri.append("&period=").append(settings.step().getSeconds());
        }
        return uri.toString();
    }

    /**
     * HOTP (RFC 4226 §5.3) with the counter as an 8-byte big-endian value: HMAC, dynamic
     * truncation to 31 bits, modulo 10^digits, left-padded with zeros.
     *
     * @throws IllegalArgumentException if the secret is shorter than 16 bytes (RFC 4226 §4 R6)
     */
    static String hotp(TotpAlgorithm algorithm, byte[] secret, long counter, int digits) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("TOTP secret must be at least 16 bytes, was " + secret.length);
        }
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(algorithm.macName());
            hmac.init(new SecretKeySpec(secret, algorithm.macName()));
            mac = hmac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.macName() + " is not available in this JVM", e);
        }
        int offset = mac[mac.length - 1] & 0x0f;
        int binary = ((mac[offset] & 0x7f) << 24) | ((mac[offset + 1] & 0xff) << 16)
                | ((mac[offset + 2] & 0xff) << 8) | (mac[offset + 3] & 0xff);
        String otp = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - otp.length()) + otp;
    }

    private boolean wellFormed(String code) {
        if (code == null || code.length() != settings.digits()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Percent-encoding for a URI path or query value (space as %20, not '+'). */
    private static String uriEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
