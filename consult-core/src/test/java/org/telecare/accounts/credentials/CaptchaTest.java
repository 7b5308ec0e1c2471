package org.telecare.accounts.credentials;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptchaTest {

    private static final Instant NOW = Instant.parse("2025-03-01T02:00:00Z");

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final Captcha captcha = new Captcha(CaptchaSettings.defaults(), new SecureRandom(), clock);

    @Test
    void rendersInHeadlessMode() throws IOException {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        CaptchaChallenge c = captcha.generate();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(c.png()));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(160);
        assertThat(image.getHeight()).isEqualTo(60);
        assertThat(c.png()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void theImageHasTextAndNoiseNotJustABackground() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(captcha.generate().png()));
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 3 * 130) {
                    dark++;
                }
            }
        }
        assertThat(colours).hasSizeGreaterThan(50);
        assertThat(dark).as("dark (glyph) pixels").isGreaterThan(300);
    }

    @Test
    void aFontIsFound() {
        assertThat(CaptchaImage.fontFamily()).isIn("DejaVu Sans", "Liberation Sans", "SansSerif");
    }

    @Test
    void challengeCarriesIdHashAndExpiryButNotTheAnswer() {
        CaptchaChallenge c = captcha.challengeFor("ACEFG");
        assertThat(c.id()).matches("[A-Za-z0-9_-]{22}");
        assertThat(c.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(c.answerHash()).startsWith("sha256$").doesNotContain("ACEFG");
        assertThat(c.toString()).doesNotContain(c.answerHash());
        assertThat(captcha.generate().id()).isNotEqualTo(captcha.generate().id());
    }

    @Test
    void codesUseTheUnambiguousAlphabet() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = captcha.newCode();
            assertThat(code).hasSize(5).matches("[" + CaptchaSettings.UNAMBIGUOUS + "]+").doesNotContainPattern("[0O1IlL]");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void answersMatchIgnoringCaseAndSpaces() {
        CaptchaChallenge c = captcha.challengeFor("ACEFG");
        assertThat(CaptchaAnswer.matches(c, "ACEFG", clock)).isTrue();
        assertThat(CaptchaAnswer.matches(c, "acefg", clock)).isTrue();
        assertThat(CaptchaAnswer.matches(c, " aC eFg ", clock)).isTrue();
        assertThat(CaptchaAnswer.matches(c.answerHash(), c.expiresAt(), "acefg", clock)).isTrue();
    }

    @Test
    void wrongAnswers() {
        CaptchaChallenge c = captcha.challengeFor("ACEFG");
        assertThat(CaptchaAnswer.matches(c, "ACEFH", clock)).isFalse();
        assertThat(CaptchaAnswer.matches(c, "ACEF", clock)).isFalse();
        assertThat(CaptchaAnswer.matches(c, "ACEFGG", clock)).isFalse();
        assertThat(CaptchaAnswer.matches(c, "", clock)).isFalse();
        assertThat(CaptchaAnswer.matches(c, "   ", clock)).isFalse();
        assertThat(CaptchaAnswer.matches(c, null, clock)).isFalse();
        assertThat(CaptchaAnswer.matches(c, "A".repeat(100_000), clock)).isFalse();
    }

    @Test
    void answersExpireAfterTwoMinutes() {
        CaptchaChallenge c = captcha.challengeFor("ACEFG");
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(CaptchaAnswer.matches(c, "ACEFG", clock)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(CaptchaAnswer.matches(c, "ACEFG", clock)).isFalse();
    }

    @Test
    void saltsDiffer() {
        assertThat(captcha.challengeFor("ACEFG").answerHash()).isNotEqualTo(captcha.challengeFor("ACEFG").answerHash());
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        Instant later = NOW.plusSeconds(60);
        assertThat(CaptchaAnswer.matches(null, later, "ACEFG", clock)).isFalse();
        assertThat(CaptchaAnswer.matches("ACEFG", later, "ACEFG", clock)).isFalse();
        assertThat(CaptchaAnswer.matches("sha256$!!$!!", later, "ACEFG", clock)).isFalse();
        assertThat(CaptchaAnswer.matches("md5$AAAA$AAAA", later, "ACEFG", clock)).isFalse();
        assertThat(CaptchaAnswer.matches(captcha.challengeFor("ACEFG").answerHash(), null, "ACEFG", clock)).isFalse();
    }

    @Test
    void settingsAreValidated() {
        Duration two = Duration.ofMinutes(2);
        assertThatThrownBy(() -> new CaptchaSettings(3, CaptchaSettings.UNAMBIGUOUS, 160, 60, two)).hasMessageContaining("length");
        assertThatThrownBy(() -> new CaptchaSettings(5, "abcdefghijk", 160, 60, two)).hasMessageContaining("alphabet");
        assertThatThrownBy(() -> new CaptchaSettings(5, "AABCDEFGHIJ", 160, 60, two)).hasMessageContaining("alphabet");
        assertThatThrownBy(() -> new CaptchaSettings(5, CaptchaSettings.UNAMBIGUOUS, 50, 60, two)).hasMessageContaining("image");
        assertThatThrownBy(() -> new CaptchaSettings(5, CaptchaSettings.UNAMBIGUOUS, 160, 60, Duration.ZERO)).hasMessageContaining("ttl");
    }

    @Test
    void otherSizesRender() throws IOException {
        Captcha big = new Captcha(new CaptchaSettings(6, CaptchaSettings.UNAMBIGUOUS, 240, 80, Duration.ofMinutes(1)),
                new SecureRandom(), clock);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(big.generate().png()));
        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(image.getHeight()).isEqualTo(80);
    }
}
