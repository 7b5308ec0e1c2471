package org.telecare.accounts.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldKeysTest {

    @Test
    void loadsKeysAndCurrentId() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("2025a", TestKeys.base64(1));
        config.put("2026a", TestKeys.base64(2));
        FieldKeys keys = FieldKeys.fromConfig(config, "2026a");
        assertThat(keys.current().id()).isEqualTo("2026a");
        assertThat(keys.ids()).containsExactly("2025a", "2026a");
        assertThat(keys.find("2025a")).contains(TestKeys.key("2025a", 1));
        assertThat(keys.find("nope")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
    }

    @Test
    void acceptsUrlSafeUnpaddedAndSurroundingWhitespace() {
        byte[] raw = new byte[32];
        raw[0] = (byte) 0xfb; // yields '-' / '_' in base64url
        raw[1] = (byte) 0xff;
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        FieldKeys keys = FieldKeys.fromConfig(Map.of("k", "  " + url + "\n"), "k");
        assertThat(keys.current()).isEqualTo(new FieldKey("k", raw));
    }

    @Test
    void wrongLengthIsAClearError() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of("k1", short16), "k1"))
                .isInstanceOf(InvalidKeyConfigurationException.class)
                .hasMessageContaining("k1").hasMessageContaining("32 bytes").hasMessageContaining("16 bytes")
                .hasMessageNotContaining(short16);
    }

    @Test
    void badBase64IsAClearErrorWithoutTheValue() {
        String bad = "not*base64!!secret";
        assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of("k1", bad), "k1"))
                .isInstanceOf(InvalidKeyConfigurationException.class)
                .hasMessageContaining("k1").hasMessageContaining("Base64")
                .hasMessageNotContaining("secret").hasMessageNotContaining("*");
    }

    @Test
    void emptyKeyValue() {
        assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of("k1", " "), "k1"))
                .isInstanceOf(InvalidKeyConfigurationException.class).hasMessageContaining("empty");
    }

    @Test
    void unknownCurrentIdNamesTheConfiguredIds() {
        assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of("a", TestKeys.base64(1)), "b"))
                .isInstanceOf(InvalidKeyConfigurationException.class)
                .hasMessageContaining("\"b\"").hasMessageContaining("[a]");
    }

    @Test
    void missingCurrentIdOrNoKeys() {
        assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of("a", TestKeys.base64(1)), null))
                .isInstanceOf(InvalidKeyConfigurationException.class);
        assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of(), "a"))
                .isInstanceOf(InvalidKeyConfigurationException.class).hasMessageContaining("no field encryption keys");
    }

    @Test
    void badKeyIds() {
        for (String id : new String[] {"", "has.dot", "has space", "x".repeat(33), "中文"}) {
            assertThatThrownBy(() -> FieldKeys.fromConfig(Map.of(id, TestKeys.base64(1)), id))
                    .as(id).isInstanceOf(InvalidKeyConfigurationException.class).hasMessageContaining("id");
        }
    }

    @Test
    void duplicateIdsInOf() {
        assertThatThrownBy(() -> FieldKeys.of("a", TestKeys.key("a", 1), TestKeys.key("a", 2)))
                .isInstanceOf(InvalidKeyConfigurationException.class).hasMessageContaining("duplicate");
    }

    @Test
    void toStringIsRedacted() {
        String b64 = TestKeys.base64(7);
        FieldKeys keys = FieldKeys.fromConfig(Map.of("k7", b64), "k7");
        assertThat(keys.toString()).contains("k7").contains("redacted").doesNotContain(b64);
        assertThat(keys.current().toString()).contains("k7").contains("redacted").doesNotContain(b64);
        assertThat(new FieldCipher(keys).toString()).doesNotContain(b64);
    }

    @Test
    void generatedKeysAreLoadableAndDistinct() {
        String a = FieldKeys.generateKeyBase64();
        String b = FieldKeys.generateKeyBase64(new SecureRandom());
        assertThat(a).isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a)).hasSize(32);
        assertThat(FieldKeys.fromConfig(Map.of("new", a), "new").current().id()).isEqualTo("new");
    }

    @Test
    void equalityComparesMaterial() {
        assertThat(TestKeys.key("a", 1)).isEqualTo(TestKeys.key("a", 1)).isNotEqualTo(TestKeys.key("a", 2));
    }
}
