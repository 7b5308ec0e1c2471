package org.telecare.accounts.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldCipherTest {

    private static final String CTX = "user:42:phone";
    private static final String SECRET = "13800138000";

    private final FieldKeys keys = FieldKeys.of("k1", TestKeys.key("k1", 1));
    private final FieldCipher cipher = new FieldCipher(keys);

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "", "990101199001011234", "张三 欧阳娜娜 😀", "a long value ........................................................................"})
    void roundTrip(String plaintext) {
        String encoded = cipher.encrypt(plaintext, CTX);
        assertThat(cipher.decrypt(encoded, CTX)).isEqualTo(plaintext);
    }

    @Test
    void encodedFormIsCompactAndVersioned() {
        String encoded = cipher.encrypt(SECRET, CTX);
        assertThat(encoded).matches("v1\\.k1\\.[A-Za-z0-9_-]+").doesNotContain(SECRET);
        byte[] payload = Base64.getUrlDecoder().decode(encoded.substring("v1.k1.".length()));
        assertThat(payload).hasSize(12 + SECRET.length() + 16);
        assertThat(FieldCipher.keyIdOf(encoded)).isEqualTo("k1");
        assertThat(FieldCipher.looksEncrypted(encoded)).isTrue();
        assertThat(FieldCipher.looksEncrypted(SECRET)).isFalse();
    }

    @Test
    void freshNonceEveryTime() {
        String a = cipher.encrypt(SECRET, CTX);
        String b = cipher.encrypt(SECRET, CTX);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.substring(6, 22)).isNotEqualTo(b.substring(6, 22));
    }

    @Test
    void everyFlippedByteIsDetected() {
        String encoded = cipher.encrypt(SECRET, CTX);
        String prefix = "v1.k1.";
        byte[] payload = Base64.getUrlDecoder().decode(encoded.substring(prefix.length()));
        for (int i = 0; i < payload.length; i++) {
            byte[] tampered = payload.clone();
            tampered[i] ^= 0x01;
            String t = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.decrypt(t, CTX))
                    .as("byte %d", i)
                    .isInstanceOfSatisfying(FieldDecryptionException.class,
                            e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.AUTHENTICATION_FAILED))
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void truncatedCiphertextIsDetected() {
        String encoded = cipher.encrypt(SECRET, CTX);
        byte[] payload = Base64.getUrlDecoder().decode(encoded.substring(6));
        byte[] shorter = java.util.Arrays.copyOf(payload, payload.length - 1);
        String t = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(shorter);
        assertThatThrownBy(() -> cipher.decrypt(t, CTX)).isInstanceOf(FieldDecryptionException.class);
    }

    @Test
    void wrongContextFails() {
        String encoded = cipher.encrypt(SECRET, "user:42:phone");
        for (String other : new String[] {"user:43:phone", "user:42:idCard", "patient:42:phone", "user:42:phone "}) {
            assertThatThrownBy(() -> cipher.decrypt(encoded, other))
                    .as(other)
                    .isInstanceOfSatisfying(FieldDecryptionException.class,
                            e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.AUTHENTICATION_FAILED))
                    .hasMessageContaining("context").hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void contextIsRequired() {
        assertThatThrownBy(() -> cipher.encrypt(SECRET, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.encrypt(SECRET, null)).isInstanceOf(IllegalArgumentException.class);
        String encoded = cipher.encrypt(SECRET, CTX);
        assertThatThrownBy(() -> cipher.decrypt(encoded, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.encrypt(null, CTX)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keyRotation() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("2025", TestKeys.base64(1));
        FieldCipher before = new FieldCipher(FieldKeys.fromConfig(config, "2025"));
        String old = before.encrypt(SECRET, CTX);
        assertThat(FieldCipher.keyIdOf(old)).isEqualTo("2025");
        assertThat(before.needsReencryption(old)).isFalse();

        config.put("2026", TestKeys.base64(2));
        FieldCipher after = new FieldCipher(FieldKeys.fromConfig(config, "2026"));
        assertThat(after.decrypt(old, CTX)).isEqualTo(SECRET);
        assertThat(after.needsReencryption(old)).isTrue();

        String fresh = after.encrypt(SECRET, CTX);
        assertThat(fresh).startsWith("v1.2026.");
        assertThat(after.needsReencryption(fresh)).isFalse();
        assertThat(after.decrypt(fresh, CTX)).isEqualTo(SECRET);

        // Old key retired: new values still decrypt, old ones name a key that is gone.
        FieldCipher retired = new FieldCipher(FieldKeys.fromConfig(Map.of("2026", TestKeys.base64(2)), "2026"));
        assertThat(retired.decrypt(fresh, CTX)).isEqualTo(SECRET);
        assertThatThrownBy(() -> retired.decrypt(old, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.UNKNOWN_KEY))
                .hasMessageContaining("2025");
    }

    @Test
    void unknownKeyId() {
        String encoded = cipher.encrypt(SECRET, CTX);
        String renamed = "v1.k9." + encoded.substring(6);
        assertThatThrownBy(() -> cipher.decrypt(renamed, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.UNKNOWN_KEY))
                .hasMessageContaining("k9");
    }

    @Test
    void keyIdIsAuthenticated() {
        // Two keys of the same material under different ids: relabelling still fails.
        FieldCipher twoIds = new FieldCipher(FieldKeys.of("a", TestKeys.key("a", 1), TestKeys.key("b", 1)));
        String encoded = twoIds.encrypt(SECRET, CTX);
        String relabelled = "v1.b." + encoded.substring("v1.a.".length());
        assertThatThrownBy(() -> twoIds.decrypt(relabelled, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.AUTHENTICATION_FAILED));
    }

    @Test
    void sameIdDifferentMaterialFails() {
        String encoded = cipher.encrypt(SECRET, CTX);
        FieldCipher other = new FieldCipher(FieldKeys.of("k1", TestKeys.key("k1", 99)));
        assertThatThrownBy(() -> other.decrypt(encoded, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.AUTHENTICATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "13800138000", "v1", "v1.k1", "v1.k1.", "v1..AAAA", "v1.k1.AAAA", "v1.k1.AAAA.extra",
        "v1.bad id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.!!!!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/AAAAAA"
    })
    void malformed(String input) {
        assertThatThrownBy(() -> cipher.decrypt(input, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.MALFORMED));
    }

    @Test
    void nullAndHugeInputsAreMalformed() {
        assertThatThrownBy(() -> cipher.decrypt(null, CTX)).isInstanceOf(FieldDecryptionException.class);
        String huge = "v1.k1." + "A".repeat(100_000);
        assertThatThrownBy(() -> cipher.decrypt(huge, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.MALFORMED));
    }

    @Test
    void nonCanonicalBase64IsRefused() {
        String encoded = cipher.encrypt("1", CTX); // 12 + 1 + 16 = 29 bytes: last char has 2 unused bits
        char last = encoded.charAt(encoded.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1); // differs only in an unused bit
        String variant = encoded.substring(0, encoded.length() - 1) + sibling;
        assertThatThrownBy(() -> cipher.decrypt(variant, CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.MALFORMED));
    }

    @Test
    void unsupportedVersion() {
        String encoded = cipher.encrypt(SECRET, CTX);
        assertThatThrownBy(() -> cipher.decrypt("v2" + encoded.substring(2), CTX))
                .isInstanceOfSatisfying(FieldDecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldDecryptionException.Reason.UNSUPPORTED_VERSION));
    }

    @Test
    void keyIdOfMalformedThrows() {
        assertThatThrownBy(() -> FieldCipher.keyIdOf("garbage")).isInstanceOf(FieldDecryptionException.class);
    }
}
