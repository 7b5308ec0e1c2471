package org.telecare.audit;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogFormatTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static AuditEntry entry(long seq, AuditEvent event) {
        String prev = ChainCodec.GENESIS_HASH;
        return new AuditEntry(seq, prev, ChainCodec.hash(prev, event.canonicalJson()), event);
    }

    private static AuditEvent tricky() {
        return new AuditEvent("e-1", Instant.parse("2025-03-01T08:00:00.123456Z"), "li\"si\\]", "h-1", "192.0.2.10",
                "data.export", "report", "r-9]", AuditResult.DENIED, new JsonObject().put("b", 1).put("a", "中文"), "node-1");
    }

    @Test
    void theMessageIsExactlyRfc5424WithEscapedStructuredDataAndABomBeforeTheMsg() {
        AuditEntry e = entry(42, tricky());
        byte[] bytes = SyslogFormat.format(e, 10, "host-1", "telecare", "1234", 2048);
        String canonical = "{\"id\":\"e-1\",\"time\":\"2025-03-01T08:00:00.123Z\",\"actor\":\"li\\\"si\\\\]\","
                + "\"actorHospital\":\"h-1\",\"sourceIp\":\"192.0.2.10\",\"action\":\"data.export\","
                + "\"targetType\":\"report\",\"targetId\":\"r-9]\",\"result\":\"DENIED\",\"detail\":{\"a\":\"中文\",\"b\":1},"
                + "\"node\":\"node-1\"}";
        assertThat(e.event().canonicalJson()).isEqualTo(canonical);
        String expected = "<84>1 2025-03-01T08:00:00.123Z host-1 telecare 1234 data.export "
                + "[telecare@32473 actor=\"li\\\"si\\\\\\]\" ip=\"192.0.2.10\" target=\"report:r-9\\]\" result=\"DENIED\" seq=\"42\" hash=\""
                + e.hash() + "\"] \uFEFF" + canonical;
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
        int bomAt = indexOf(bytes, BOM);
        assertThat(bomAt).isPositive();
        assertThat(bytes[bomAt - 1]).isEqualTo((byte) ' ');
        assertThat(bytes[bomAt - 2]).isEqualTo((byte) ']');

        Rfc5424.Parsed p = Rfc5424.parse(bytes);
        assertThat(p.facility()).isEqualTo(10);
        assertThat(p.severity()).isEqualTo(4);
        assertThat(p.timestamp()).isEqualTo("2025-03-01T08:00:00.123Z");
        assertThat(p.msgId()).isEqualTo("data.export");
        assertThat(p.sdId()).isEqualTo("telecare@32473");
        assertThat(p.params()).containsExactly(
                java.util.Map.entry("actor", "li\"si\\]"), java.util.Map.entry("ip", "192.0.2.10"),
                java.util.Map.entry("target", "report:r-9]"), java.util.Map.entry("result", "DENIED"),
                java.util.Map.entry("seq", "42"), java.util.Map.entry("hash", e.hash()));
        assertThat(p.bom()).isTrue();
        assertThat(AuditEvent.fromJson(p.msg())).isEqualTo(e.event());
    }

    @Test
    void severityFollowsTheResultAndTheFacilityIsConfigurable() {
        AuditEvent ok = AuditEvent.builder("auth.login", AuditResult.SUCCESS).actor("u").node("n").build();
        AuditEvent failed = AuditEvent.builder("auth.login.failed", AuditResult.FAILED).actor("u").node("n").build();
        assertThat(Rfc5424.parse(SyslogFormat.format(entry(1, ok), 10, "h", "telecare", "1", 2048)).pri()).isEqualTo(86);
        assertThat(Rfc5424.parse(SyslogFormat.format(entry(1, failed), 10, "h", "telecare", "1", 2048)).pri()).isEqualTo(83);
        assertThat(Rfc5424.parse(SyslogFormat.format(entry(1, ok), 16, "h", "telecare", "1", 2048)).pri()).isEqualTo(134);
    }

    @Test
    void absentFieldsAreEmptyParamsAndNilHeaderFields() {
        AuditEvent e = AuditEvent.builder("admin.config.reload", AuditResult.SUCCESS).actor(AuditEvent.SYSTEM).node("n")
                .time(Instant.parse("2025-01-02T03:04:05Z")).build();
        String text = new String(SyslogFormat.format(entry(7, e), 10, null, "telecare", "1", 2048), StandardCharsets.UTF_8);
        assertThat(text).startsWith("<86>1 2025-01-02T03:04:05.000Z - telecare 1 admin.config.reload "
                + "[telecare@32473 actor=\"system\" ip=\"\" target=\"\" result=\"SUCCESS\" seq=\"7\"");
    }

    @Test
    void aLongActionIsCutToTheMsgIdLimit() {
        String action = "admin." + "x".repeat(50);
        AuditEvent e = AuditEvent.builder(action, AuditResult.SUCCESS).actor("u").node("n").build();
        Rfc5424.Parsed p = Rfc5424.parse(SyslogFormat.format(entry(1, e), 10, "h", "telecare", "1", 2048));
        assertThat(p.msgId()).isEqualTo(action.substring(0, 32));
    }

    @Test
    void anOversizedMessageLosesTheEndOfItsMsgAtACharacterBoundary() {
        AuditEvent e = AuditEvent.builder("data.export", AuditResult.SUCCESS).actor("u").node("n")
                .detail("note", "病理会诊报告".repeat(200)).build();
        for (int max : new int[] {480, 481, 482, 483, 700, 1001}) {
            byte[] bytes = SyslogFormat.format(entry(3, e), 10, "host", "telecare", "99", max);
            assertThat(bytes.length).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(max - 2);
            Rfc5424.Parsed p = Rfc5424.parse(bytes); // strict UTF-8: no split character
            assertThat(p.bom()).isTrue();
            assertThat(e.canonicalJson()).startsWith(p.msg());
            assertThat(p.params()).containsEntry("seq", "3").containsEntry("result", "SUCCESS");
        }
    }

    @Test
    void whenEvenTheStructuredDataIsTooLongItsLongestValueIsCutWithoutBreakingAnEscape() {
        AuditEvent e = AuditEvent.builder("data.read", AuditResult.SUCCESS).actor("u-\"]\\".repeat(25)).node("n")
                .target("doc", "]".repeat(256)).build();
        byte[] bytes = SyslogFormat.format(entry(5, e), 10, "host", "telecare", "99", 480);
        assertThat(bytes.length).isLessThanOrEqualTo(480);
        Rfc5424.Parsed p = Rfc5424.parse(bytes);
        assertThat("doc:" + "]".repeat(256)).startsWith(p.params().get("target"));
        assertThat(e.actor()).startsWith(p.params().get("actor"));
        assertThat(p.params()).containsEntry("seq", "5").containsEntry("hash", entry(5, e).hash());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
