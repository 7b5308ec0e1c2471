package org.telecare.accounts.credentials;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One captcha: the client gets {@link #id()} and {@link #png()}; the server stores
 * {@link #id()}, {@link #answerHash()} and {@link #expiresAt()} (never the answer itself), checks
 * the answer with {@link CaptchaAnswer#matches} and deletes the challenge after the first check,
 * right or wrong, so each image can be tried once (SEC-2 "checked on the server"; S004 §九 1.1
 * "验证码须在后端进行校验").
 *
 * @param id         random, URL-safe identifier
 * @param png        the image
 * @param answerHash salted hash of the answer ({@link CaptchaAnswer})
 * @param expiresAt  after this instant the answer is refused
 */
public record CaptchaChallenge(String id, byte[] png, String answerHash, Instant expiresAt) {

    public CaptchaChallenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(answerHash, "answerHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaptchaChallenge c && id.equals(c.id) && Arrays.equals(png, c.png)
                && answerHash.equals(c.answerHash) && expiresAt.equals(c.expiresAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CaptchaChallenge[id=" + id + ", png=" + png.length + " bytes, expiresAt=" + expiresAt + "]";
    }
}
