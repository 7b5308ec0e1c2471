package org.telecare.accounts.credentials;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * Creates server-checked image captchas (SEC-2 "captcha after a failure, checked on the server";
 * S004 §九 1.1, 1.4 "要求使用图形验证码防止暴力破解，验证码须在后端校验").
 *
 * <p>{@link #generate()} returns the image for the client and the salted answer hash and expiry
 * for the store; {@link CaptchaAnswer#matches} checks an answer. Codes come from a
 * {@link SecureRandom}, so they cannot be predicted from earlier ones.
 *
 * <p>Thread-safe.
 */
public final class Captcha {

    private static final int ID_BYTES = 16;
    private static final int SALT_BYTES = 16;

    private final CaptchaSettings settings;
    private final SecureRandom random;
    private final Clock clock;

    public Captcha(CaptchaSettings settings, SecureRandom random, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CaptchaSettings settings() {
        return settings;
    }

    public CaptchaChallenge generate() {
        return challengeFor(newCode());
    }

    /** A challenge for a given code; for tests, which need to know the answer. */
    CaptchaChallenge challengeFor(String code) {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] png = CaptchaImage.png(code, settings.width(), settings.height(), random);
        return new CaptchaChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(id), png,
                CaptchaAnswer.hash(code, salt), clock.instant().plus(settings.ttl()));
    }

    String newCode() {
        StringBuilder code = new StringBuilder(settings.length());
        for (int i = 0; i < settings.length(); i++) {
            code.append(settings.alphabet().charAt(random.nextInt(settings.alphabet().length())));
        }
        return code.toString();
    }
}
