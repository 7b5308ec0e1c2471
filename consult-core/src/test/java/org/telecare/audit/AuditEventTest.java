package org.telecare.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditEventTest {
    private static AuditEvent.Builder base() {
        return AuditEvent.builder("user.create", AuditResult.SUCCESS).id("id-1").actor("admin").node("n1")
                .time(Instant.parse("2025-05-05T05:05:05.5Z"));
    }

    @Test
    void theCanonicalFormHasAFixedFieldOrderAndSortedDetailWhateverTheInsertionOrder() {
        AuditEvent a = base().detail(new JsonObject().put("z", 1).put("a", new JsonObject().put("y", true).put("b", "x"))
                .put("m", new JsonArray().add(new JsonObject().put("d", 1).put("c", 2)))).build();
        AuditEvent b = base().detail(new JsonObject().put("m", new JsonArray().add(new JsonObject().put("c", 2).put("d", 1)))
                .put("a", new JsonObject().put("b", "x").put("y", true)).put("z", 1)).build();
        String expected = "{\"id\":\"id-1\",\"time\":\"2025-05-05T05:05:05.500Z\",\"actor\":\"admin\",\"actorHospital\":null,"
                + "\"sourceIp\":null,\"action\":\"user.create\",\"targetType\":null,\"targetId\":null,\"result\":\"SUCCESS\","
                + "\"detail\":{\"a\":{\"b\":\"x\",\"y\":true},\"m\":[{\"c\":2,\"d\":1}],\"z\":1},\"node\":\"n1\"}";
        assertThat(a.canonicalJson()).isEqualTo(expected);
        assertThat(b.canonicalJson()).isEqualTo(expected);
        assertThat(AuditEvent.fromJson(expected)).isEqualTo(a);
        assertThat(AuditEvent.fromJson(expected).canonicalJson()).isEqualTo(expected);
    }

    @Test
    void theTimeIsKeptToTheMillisecond() {
        AuditEvent e = base().time(Instant.parse("2025-05-05T05:05:05.123987Z")).build();
        assertThat(e.time()).isEqualTo(Instant.parse("2025-05-05T05:05:05.123Z"));
        assertThat(e.timeText()).isEqualTo("2025-05-05T05:05:05.123Z");
    }

    @Test
    void secretsInTheDetailAreRedactedAtAnyDepth() {
        AuditEvent e = base().detail(new JsonObject().put("newPassword", "s3cret!").put("TOTP", "123456")
                .put("nested", new JsonObject().put("access_token", "abc").put("count", 3)).put("login", "wang")).build();
        String text = e.canonicalJson();
        assertThat(text).doesNotContain("s3cret!", "123456", "abc").contains("\"login\":\"wang\"", "\"count\":3");
        assertThat(e.detail().getString("newPassword")).isEqualTo(AuditEvent.REDACTED);
    }

    @Test
    void badFieldsAreRefused() {
        assertThatThrownBy(() -> AuditEvent.builder("Auth Login", AuditResult.SUCCESS).actor("a").node("n").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> AuditEvent.builder("auth.login", AuditResult.SUCCESS).node("n").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> AuditEvent.builder("auth.login", AuditResult.SUCCESS).actor("a\nb").node("n").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> AuditEvent.builder("auth.login", AuditResult.SUCCESS).actor("a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeId");
        assertThatThrownBy(() -> AuditEvent.fromJson("{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oversizedOrHostileRequestDataIsCutNotRefusedSoTheRequestIsStillAudited() {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            wide.append("k").append(i).append("=").append("v".repeat(200)).append(';');
        }
        JsonObject many = new JsonObject();
        for (int i = 0; i < 40; i++) {
            many.put("key" + (100 + i), "v".repeat(200));
        }
        AuditEvent e = AuditEvent.builder("access.denied", AuditResult.DENIED).actor("anonymous").node("n")
                .ip("203.0.113.5 ") .target("path\n", "/api/" + "x".repeat(5000) + "\u0000")
                .detail("path", "/api/" + "p".repeat(9000)).detail("query", wide.toString()).build();
        assertThat(e.targetId()).hasSize(256).doesNotContain("\u0000");
        assertThat(e.targetType()).isEqualTo("path\uFFFD");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.5_");
        assertThat(e.detail().getString("path")).hasSize(AuditEvent.MAX_DETAIL_STRING).endsWith("…");
        assertThat(e.canonicalJson().getBytes(StandardCharsets.UTF_8).length).isLessThan(AuditEvent.MAX_DETAIL_BYTES + 1000);
        assertThat(AuditEvent.fromJson(e.canonicalJson()).canonicalJson()).isEqualTo(e.canonicalJson());

        AuditEvent big = base().detail(many).build();
        JsonObject d = big.detail();
        assertThat(d.getBoolean("_truncated")).isTrue();
        assertThat(d.encode().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AuditEvent.MAX_DETAIL_BYTES);
        assertThat(d.fieldNames()).contains("key100").doesNotContain("key139");
        assertThat(AuditEvent.fromJson(big.canonicalJson()).canonicalJson()).isEqualTo(big.canonicalJson());
    }

    @Test
    void theHashIsSha256OfThePreviousHashBytesAndTheCanonicalEvent() throws Exception {
        AuditEvent e = base().build();
        String prev = "ab".repeat(32);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(HexFormat.of().parseHex(prev));
        sha.update(e.canonicalJson().getBytes(StandardCharsets.UTF_8));
        assertThat(ChainCodec.hash(prev, e.canonicalJson())).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }
}
