package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    /** Cheap parameters for tests that are not about cost. */
    static final Argon2Settings FAST = new Argon2Settings(256, 1, 1, 16, 32);

    private final PasswordHasher fast = new PasswordHasher(FAST);

    @Test
    void defaultSettingsFollowOwaspAndProduceAStandardPhcString() {
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.defaults());
        String encoded = hasher.hash("Correct-Horse-9".toCharArray());

        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("Correct-Horse-9".toCharArray(), encoded)).isTrue();
        assertThat(hasher.verify("Correct-Horse-8".toCharArray(), encoded)).isFalse();
        assertThat(hasher.needsRehash(encoded)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String a = fast.hash("same password 1".toCharArray());
        String b = fast.hash("same password 1".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(Arrays.equals(Argon2Hash.parse(a).salt(), Argon2Hash.parse(b).salt())).isFalse();
        assertThat(fast.verify("same password 1".toCharArray(), a)).isTrue();
        assertThat(fast.verify("same password 1".toCharArray(), b)).isTrue();
    }

    /** Hashes made by the Argon2 reference implementation (phc-winner-argon2, src/test.c) verify here. */
    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw",
    })
    void verifiesReferenceImplementationHashes(String reference) {
        assertThat(fast.verify("password".toCharArray(), reference)).isTrue();
        assertThat(fast.verify("passwore".toCharArray(), reference)).isFalse();
        assertThat(Argon2Hash.parse(reference).encode()).isEqualTo(reference);
    }

    @Test
    void referenceHashOfAnotherPassword() {
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94";
        assertThat(fast.verify("differentpassword".toCharArray(), reference)).isTrue();
        assertThat(fast.verify("password".toCharArray(), reference)).isFalse();
    }

    @Test
    void computesTheReferenceTagFromRawBytes() {
        byte[] tag = PasswordHasher.argon2id(new Argon2Settings(256, 2, 1, 8, 32),
                "somesalt".getBytes(StandardCharsets.US_ASCII), "password".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getEncoder().withoutPadding().encodeToString(tag))
                .isEqualTo("nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4");
    }

    @Test
    void passwordsAreHashedAsUtf8() {
        String pw = "医生Pässwörd😀9";
        assertThat(PasswordHasher.utf8(pw.toCharArray())).isEqualTo(pw.getBytes(StandardCharsets.UTF_8));
        String encoded = fast.hash(pw.toCharArray());
        assertThat(fast.verify(pw.toCharArray(), encoded)).isTrue();
        assertThat(fast.verify("医生Passwörd😀9".toCharArray(), encoded)).isFalse();
    }

    @Test
    void loneSurrogatesAreEncodedAsStringGetBytesDoes() {
        char[] pw = {'a', '\uD800', 'b'};
        assertThat(PasswordHasher.utf8(pw)).isEqualTo(new String(pw).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCallersArrayIsLeftAlone() {
        char[] pw = "Leave-me-alone-7".toCharArray();
        String encoded = fast.hash(pw);
        fast.verify(pw, encoded);
        fast.dummyVerify(pw);
        assertThat(new String(pw)).isEqualTo("Leave-me-alone-7");
    }

    @Test
    void hashRefusesMissingEmptyAndOverlongPasswords() {
        assertThatThrownBy(() -> fast.hash(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> fast.hash(new char[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> fast.hash("x".repeat(129).toCharArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
        assertThat(fast.verify("x".repeat(128).toCharArray(), fast.hash("x".repeat(128).toCharArray()))).isTrue();
    }

    @Test
    void verifyIsFalseForBadPasswordsWithoutThrowing() {
        String encoded = fast.hash("Good-password-1".toCharArray());
        assertThat(fast.verify(null, encoded)).isFalse();
        assertThat(fast.verify(new char[0], encoded)).isFalse();
        assertThat(fast.verify("x".repeat(100_000).toCharArray(), encoded)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "x",
            "$",
            "$argon2id",
            "$argon2id$v=19$m=256,t=1,p=1$c29tZXNhbHQ",
            "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2d$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=-256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1,keyid=x$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=1000,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=8,t=2,p=2$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHR$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29t*XNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$bmY2NQ",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$",
            "$argon2id$v=19$m=256,t=2,p=1$$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$",
            " $argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
    })
    void malformedStoredHashesVerifyFalseAndParseSaysWhy(String malformed) {
        assertThat(fast.verify("password".toCharArray(), malformed)).isFalse();
        assertThat(fast.needsRehash(malformed)).isTrue();
        assertThatThrownBy(() -> PasswordHasher.parse(malformed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password hash");
    }

    @Test
    void parseDoesNotEchoTheHashInItsMessage() {
        String bad = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCH*i/4";
        assertThatThrownBy(() -> PasswordHasher.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("nf65EOg").contains("hash");
    }

    @Test
    void overlongStoredStringsAreRefusedBeforeParsing() {
        String huge = "$argon2id$v=19$m=256,t=2,p=1$" + "A".repeat(10_000) + "$AAAA";
        assertThatThrownBy(() -> PasswordHasher.parse(huge)).hasMessageContaining("longer than");
        assertThat(fast.verify("password".toCharArray(), huge)).isFalse();
    }

    @Test
    void parseExposesTheParameters() {
        Argon2Hash h = PasswordHasher.parse("$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc");
        assertThat(h.settings()).isEqualTo(new Argon2Settings(256, 2, 2, 8, 32));
        assertThat(h.salt()).isEqualTo("somesalt".getBytes(StandardCharsets.US_ASCII));
        assertThat(h.toString()).contains("m=256").doesNotContain("bQk8");
    }

    @Test
    void needsRehashWhenAnyParameterDiffers() {
        String current = fast.hash("Some-password-1".toCharArray());
        assertThat(fast.needsRehash(current)).isFalse();
        assertThat(new PasswordHasher(new Argon2Settings(512, 1, 1, 16, 32)).needsRehash(current)).isTrue();
        assertThat(new PasswordHasher(new Argon2Settings(256, 2, 1, 16, 32)).needsRehash(current)).isTrue();
        assertThat(new PasswordHasher(new Argon2Settings(256, 1, 2, 16, 32)).needsRehash(current)).isTrue();
        assertThat(new PasswordHasher(new Argon2Settings(256, 1, 1, 32, 32)).needsRehash(current)).isTrue();
        assertThat(new PasswordHasher(new Argon2Settings(256, 1, 1, 16, 64)).needsRehash(current)).isTrue();
    }

    @Test
    void oldHashesStillVerifyAfterTheSettingsChange() {
        String old = fast.hash("Kept-password-1".toCharArray());
        PasswordHasher upgraded = new PasswordHasher(new Argon2Settings(512, 2, 1, 16, 32));
        assertThat(upgraded.verify("Kept-password-1".toCharArray(), old)).isTrue();
        assertThat(upgraded.needsRehash(old)).isTrue();
        assertThat(upgraded.needsRehash(upgraded.hash("Kept-password-1".toCharArray()))).isFalse();
    }

    @Test
    void dummyVerifyIsAlwaysFalseAndDoesTheWork() {
        PasswordHasher hasher = new PasswordHasher(new Argon2Settings(4096, 2, 1, 16, 32), new SecureRandom());
        hasher.dummyVerify("warm-up".toCharArray());
        assertThat(hasher.dummyVerify("anything-at-all".toCharArray())).isFalse();
        assertThat(hasher.dummyVerify(null)).isFalse();
        assertThat(hasher.dummyVerify(new char[0])).isFalse();

        // Same order of time as a real verification (generous bound: this is about "does Argon2
        // at all", not a precise timing claim).
        String real = hasher.hash("Real-password-1".toCharArray());
        long realNanos = minNanos(() -> hasher.verify("Wrong-password-1".toCharArray(), real));
        long dummyNanos = minNanos(() -> hasher.dummyVerify("Wrong-password-1".toCharArray()));
        assertThat(dummyNanos).isGreaterThan(realNanos / 4);
    }

    private static long minNanos(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new Argon2Settings(7, 1, 1, 16, 32)).hasMessageContaining("memoryKiB");
        assertThatThrownBy(() -> new Argon2Settings(16, 1, 4, 16, 32)).hasMessageContaining("memoryKiB");
        assertThatThrownBy(() -> new Argon2Settings(256, 0, 1, 16, 32)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2Settings(256, 1, 0, 16, 32)).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> new Argon2Settings(256, 1, 1, 4, 32)).hasMessageContaining("saltLength");
        assertThatThrownBy(() -> new Argon2Settings(256, 1, 1, 16, 8)).hasMessageContaining("hashLength");
        assertThat(Argon2Settings.defaults()).isEqualTo(new Argon2Settings(19456, 2, 1, 16, 32));
    }
}
