package org.telecare.accounts.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private final BlindIndex index = new BlindIndex(TestKeys.key("idx1", 10));
    private final String idCard = IdCardSamples.valid("19900307", "123");

    @Test
    void stableAcrossCallsAndInstances() {
        String a = index.idCard(idCard);
        assertThat(index.idCard(idCard)).isEqualTo(a);
        assertThat(new BlindIndex(TestKeys.key("idx1", 10)).idCard(idCard)).isEqualTo(a);
        assertThat(a).matches("[0-9a-f]{64}").doesNotContain(idCard);
    }

    @Test
    void isHmacSha256OfKindAndNormalisedValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestKeys.bytes(10), "HmacSHA256"));
        byte[] expected = mac.doFinal(("phone\0" + "13800138000").getBytes(StandardCharsets.UTF_8));
        assertThat(index.phone("13800138000")).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void differentKeysGiveDifferentIndexes() {
        BlindIndex other = new BlindIndex(TestKeys.key("idx1", 11));
        assertThat(other.idCard(idCard)).isNotEqualTo(index.idCard(idCard));
        assertThat(other.phone("13800138000")).isNotEqualTo(index.phone("13800138000"));
    }

    @Test
    void differentValuesAndKindsGiveDifferentIndexes() {
        assertThat(index.phone("13800138000")).isNotEqualTo(index.phone("13800138001"));
        assertThat(index.of("other", "13800138000")).isNotEqualTo(index.phone("13800138000"));
        assertThat(index.of("idcard", idCard)).isEqualTo(index.idCard(idCard));
    }

    @Test
    void idCardNormalisation() {
        String withX = null;
        for (int seq = 0; withX == null; seq++) {
            String n = IdCardSamples.valid("19851120", String.format("%03d", seq));
            if (n.endsWith("X")) {
                withX = n;
            }
        }
        String expected = index.idCard(withX);
        assertThat(index.idCard(" " + withX.substring(0, 17) + "x ")).isEqualTo(expected);
        assertThat(index.idCard(withX.substring(0, 6) + " " + withX.substring(6))).isEqualTo(expected);
        // Legacy 15-digit form finds the same person as its 18-character upgrade.
        assertThat(index.idCard("990101850615123")).isEqualTo(index.idCard(IdCardSamples.valid("19850615", "123")));
    }

    @Test
    void phoneNormalisation() {
        String expected = index.phone("13800138000");
        for (String variant : new String[] {"138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "0086 13800138000", " 13800138000 "}) {
            assertThat(index.phone(variant)).as(variant).isEqualTo(expected);
        }
        assertThat(index.phone("010-1234 5678")).isEqualTo(index.phone("01012345678"));
        // Not a valid number: still indexed after stripping separators.
        assertThat(index.phone("12-34")).isEqualTo(index.phone("1234"));
    }

    @Test
    void base64UrlEncoding() {
        BlindIndex b64 = BlindIndex.fromConfig("idx1", TestKeys.base64(10), BlindIndex.Encoding.BASE64URL);
        assertThat(b64.idCard(idCard)).matches("[A-Za-z0-9_-]{43}");
        assertThat(HexFormat.of().formatHex(java.util.Base64.getUrlDecoder().decode(b64.idCard(idCard))))
                .isEqualTo(index.idCard(idCard));
        assertThat(b64.encoding()).isEqualTo(BlindIndex.Encoding.BASE64URL);
        assertThat(b64.keyId()).isEqualTo("idx1");
    }

    @Test
    void emptyValuesAndBadConfigAreRefused() {
        assertThatThrownBy(() -> index.idCard("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.phone(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.of("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlindIndex.fromConfig("idx", "c2hvcnQ=", BlindIndex.Encoding.HEX))
                .isInstanceOf(InvalidKeyConfigurationException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void toStringIsRedacted() {
        assertThat(index.toString()).contains("idx1").contains("redacted").doesNotContain(TestKeys.base64(10));
    }
}
