package org.telecare.accounts.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Checking a captcha answer against the stored salted hash (SEC-2; S004 §九 1.4 "验证码须在后端校验").
 *
 * <p>Stored form: {@code sha256$<salt b64>$<SHA-256(salt ‖ ANSWER) b64>}. The hash keeps the
 * answer out of the store and logs; it is not meant to resist offline guessing (a 5-character
 * code has about 4 million values) and needs not: it never leaves the server and the challenge
 * dies after two minutes or one attempt.
 *
 * <p>Answers are compared ignoring case and surrounding or inner spaces, and in constant time.
 */
public final class CaptchaAnswer {

    private static final String SCHEME = "sha256";
    /** Longer answers are not looked at (no real code is this long). */
    private static final int MAX_ANSWER = 32;

    private CaptchaAnswer() {
    }

    /**
     * Whether {@code answer} is the challenge's code and the challenge has not expired. The caller
     * must delete the challenge after calling this, whatever the result (single use).
     */
    public static boolean matches(CaptchaChallenge challenge, String answer, Clock clock) {
        return matches(challenge.answerHash(), challenge.expiresAt(), answer, clock);
    }

    /** The same, for a challenge the caller stored as hash and expiry. */
    public static boolean matches(String answerHash, Instant expiresAt, String answer, Clock clock) {
        if (answerHash == null || expiresAt == null || answer == null || answer.length() > MAX_ANSWER) {
            return false;
        }
        if (!clock.instant().isBefore(expiresAt)) {
            return false;
        }
        String normalized = normalize(answer);
        if (normalized.isEmpty()) {
            return false;
        }
        String[] parts = answerHash.split("\\$", -1);
        if (parts.length != 3 || !parts[0].equals(SCHEME)) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts[1]);
            expected = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(salt, normalized));
    }

    /** The stored form of a code with the given salt. */
    static String hash(String code, byte[] salt) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(digest(salt, normalize(code)));
    }

    private static String normalize(String answer) {
        StringBuilder b = new StringBuilder(answer.length());
        answer.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(b::appendCodePoint);
        return b.toString().toUpperCase(Locale.ROOT);
    }

    private static byte[] digest(byte[] salt, String normalized) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(normalized.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
