package org.telecare.accounts.partner;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheme as documented in {@link PartnerGuard}, as a known-answer test. */
class PartnerSignerTest {
    static byte[] exampleSecret() {
        byte[] s = new byte[32];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) i;
        }
        return s;
    }

    @Test
    void theDocumentedExample() {
        assertThat(Base64.getEncoder().encodeToString(exampleSecret())).isEqualTo("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        String canonical = PartnerSigner.canonical("post", "/api/v1/partner/v1/echo", "b=2&a=1", "1767225600",
                "n0nce-0123456789abcdef", body);
        assertThat(canonical).isEqualTo("POST\n/api/v1/partner/v1/echo\na=1&b=2\n1767225600\nn0nce-0123456789abcdef\n"
                + "5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22");
        Map<String, String> headers = PartnerSigner.fromBase64("p-demo", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .headers("POST", "/api/v1/partner/v1/echo?b=2&a=1", body, 1767225600L, "n0nce-0123456789abcdef");
        assertThat(headers).containsExactly(
                Map.entry("X-Telecare-Partner", "p-demo"),
                Map.entry("X-Telecare-Timestamp", "1767225600"),
                Map.entry("X-Telecare-Nonce", "n0nce-0123456789abcdef"),
                Map.entry("X-Telecare-Signature", "krtrflT/u8YKdISYZEUqmjjp4lUReMZXIZAJ/At/kqs="));
    }

    @Test
    void anEmptyBodyHashesZeroBytes() {
        assertThat(PartnerSigner.canonical("GET", "/p", null, "1", "n", null))
                .endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .isEqualTo(PartnerSigner.canonical("GET", "/p", "", "1", "n", new byte[0]));
    }

    @Test
    void queryParametersAreSortedByNameThenValueWithoutDecoding() {
        assertThat(PartnerSigner.sortedQuery("b=2&a=1&a=0&&c")).isEqualTo("a=0&a=1&b=2&c=");
        assertThat(PartnerSigner.sortedQuery("a.b=1&a=2")).as("by name first").isEqualTo("a=2&a.b=1");
        assertThat(PartnerSigner.sortedQuery("q=%E5%8C%BB&p=a+b")).isEqualTo("p=a+b&q=%E5%8C%BB");
        assertThat(PartnerSigner.sortedQuery(null)).isEmpty();
    }

    @Test
    void freshNoncesAreValidAndDistinct() {
        String a = PartnerSigner.newNonce();
        assertThat(a).hasSize(32).matches(PartnerGuard.NONCE.pattern()).isNotEqualTo(PartnerSigner.newNonce());
        PartnerSigner signer = new PartnerSigner("p-x", exampleSecret(),
                Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC));
        assertThat(signer.headers("GET", "/x", null)).containsEntry("X-Telecare-Timestamp", "1800000000");
    }
}
