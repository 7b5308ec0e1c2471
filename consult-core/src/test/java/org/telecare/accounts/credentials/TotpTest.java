package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpTest {

    /** The RFC 6238 Appendix B seeds: "1234567890" repeated to the hash length. */
    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    private static Totp totp(TotpAlgorithm algorithm, int digits, long epochSeconds) {
        return new Totp(new TotpSettings(algorithm, digits, Duration.ofSeconds(30), 1, "telecare"),
                Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    private static Totp defaults(Clock clock) {
        return new Totp(TotpSettings.defaults(), clock);
    }

    /** RFC 6238 Appendix B, all three algorithms, 8 digits. */
    @ParameterizedTest
    @CsvSource({
            "59,          94287082, 46119246, 90693936",
            "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326",
            "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826",
    })
    void rfc6238AppendixBVectors(long time, String sha1, String sha256, String sha512) {
        assertThat(totp(TotpAlgorithm.SHA1, 8, time).code(SEED_SHA1)).isEqualTo(sha1);
        assertThat(totp(TotpAlgorithm.SHA256, 8, time).code(SEED_SHA256)).isEqualTo(sha256);
        assertThat(totp(TotpAlgorithm.SHA512, 8, time).code(SEED_SHA512)).isEqualTo(sha512);
        assertThat(totp(TotpAlgorithm.SHA1, 8, time).verify(SEED_SHA1, sha1)).isPresent();
    }

    @Test
    void rfc6238TimeSteps() {
        Totp t = totp(TotpAlgorithm.SHA1, 8, 0);
        assertThat(t.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(t.stepAt(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
        assertThat(t.stepAt(Instant.ofEpochSecond(20000000000L))).isEqualTo(0x27BC86AA);
    }

    /** RFC 4226 Appendix D: HOTP values for counters 0..9 (6 digits). */
    @Test
    void rfc4226AppendixDVectors() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
        for (int c = 0; c < expected.length; c++) {
            assertThat(Totp.hotp(TotpAlgorithm.SHA1, SEED_SHA1, c, 6)).isEqualTo(expected[c]);
        }
    }

    @Test
    void defaultsAreSixDigitSha1ThirtySeconds() {
        Totp t = defaults(Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC));
        assertThat(t.code(SEED_SHA1)).isEqualTo("287082");
        assertThat(t.currentStep()).isEqualTo(1);
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndReturnsTheStep() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
        Totp t = defaults(clock);
        long now = t.currentStep();
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1, now))).hasValue(now);
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1, now - 1))).hasValue(now - 1);
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1, now + 1))).hasValue(now + 1);
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1, now - 2))).isEmpty();
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1, now + 2))).isEmpty();
    }

    @Test
    void aCodeIsAcceptedOnceAndOlderCodesAfterIt() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
        Totp t = defaults(clock);
        long now = t.currentStep();
        String code = t.code(SEED_SHA1);

        OptionalLong used = t.verify(SEED_SHA1, code, OptionalLong.empty());
        assertThat(used).hasValue(now);
        assertThat(t.verify(SEED_SHA1, code, used)).as("replay").isEmpty();
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1, now - 1), used)).as("older step").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(t.verify(SEED_SHA1, code, used)).as("replay in the next step").isEmpty();
        assertThat(t.verify(SEED_SHA1, t.code(SEED_SHA1), used)).hasValue(now + 1);
    }

    @Test
    void wrongCodes() {
        Totp t = defaults(Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC));
        assertThat(t.verify(SEED_SHA1, "287083")).isEmpty();
        assertThat(t.verify(SEED_SHA1, "000000")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"28708", "2870822", "28708a", "287 082", " 287082", "287082 ", "２８７０８２", "٢٨٧٠٨٢",
            "-87082", "+87082", "94287082"})
    void malformedCodesAreRefusedWithoutThrowing(String code) {
        Totp t = defaults(Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC));
        assertThat(t.verify(SEED_SHA1, code)).isEmpty();
        assertThat(t.verify(SEED_SHA1, code, OptionalLong.of(0))).isEmpty();
    }

    @Test
    void secretsAreRandomAndAsLongAsTheHash() {
        Totp t = defaults(Clock.systemUTC());
        SecureRandom random = new SecureRandom();
        byte[] a = t.newSecret(random);
        byte[] b = t.newSecret(random);
        assertThat(a).hasSize(20);
        assertThat(a).isNotEqualTo(b);
        Totp sha256 = new Totp(new TotpSettings(TotpAlgorithm.SHA256, 6, Duration.ofSeconds(30), 1, "telecare"), Clock.systemUTC());
        assertThat(sha256.newSecret(random)).hasSize(32);
        assertThat(t.verify(a, t.code(a))).isPresent();
    }

    @Test
    void shortSecretsAreRefused() {
        Totp t = defaults(Clock.systemUTC());
        assertThatThrownBy(() -> t.code(new byte[10])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> t.verify(null, "123456")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void enrolmentUri() {
        Totp t = defaults(Clock.systemUTC());
        assertThat(t.enrolmentUri("zhangsan", SEED_SHA1))
                .isEqualTo("otpauth://totp/telecare:zhangsan?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=telecare");
        assertThat(t.enrolmentUri("zhang san", SEED_SHA1)).startsWith("otpauth://totp/telecare:zhang%20san?");
        assertThat(t.enrolmentUri("张三&x", SEED_SHA1)).startsWith("otpauth://totp/telecare:%E5%BC%A0%E4%B8%89%26x?");
        assertThatThrownBy(() -> t.enrolmentUri(" ", SEED_SHA1)).isInstanceOf(IllegalArgumentException.class);

        Totp other = new Totp(new TotpSettings(TotpAlgorithm.SHA256, 8, Duration.ofSeconds(60), 1, "Renmin Hospital"),
                Clock.systemUTC());
        assertThat(other.enrolmentUri("li", SEED_SHA256)).startsWith("otpauth://totp/Renmin%20Hospital:li?secret=")
                .endsWith("&issuer=Renmin%20Hospital&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void settingsAreValidated() {
        Duration s30 = Duration.ofSeconds(30);
        assertThatThrownBy(() -> new TotpSettings(TotpAlgorithm.SHA1, 5, s30, 1, "t")).hasMessageContaining("digits");
        assertThatThrownBy(() -> new TotpSettings(TotpAlgorithm.SHA1, 9, s30, 1, "t")).hasMessageContaining("digits");
        assertThatThrownBy(() -> new TotpSettings(TotpAlgorithm.SHA1, 6, Duration.ofMillis(1500), 1, "t")).hasMessageContaining("step");
        assertThatThrownBy(() -> new TotpSettings(TotpAlgorithm.SHA1, 6, Duration.ZERO, 1, "t")).hasMessageContaining("step");
        assertThatThrownBy(() -> new TotpSettings(TotpAlgorithm.SHA1, 6, s30, -1, "t")).hasMessageContaining("window");
        assertThatThrownBy(() -> new TotpSettings(TotpAlgorithm.SHA1, 6, s30, 1, "a:b")).hasMessageContaining("issuer");
    }
}
