package org.telecare.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Renders an audit entry as an RFC 5424 message:
 * <pre>
 * &lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [telecare@32473 actor="…" ip="…" target="…" result="…" seq="…" hash="…"] BOM{canonical event JSON}
 * </pre>
 * PRI = facility × 8 + severity, severity from the result (SUCCESS 6 informational, DENIED 4
 * warning, FAILED 3 error); TIMESTAMP is the event time in UTC with milliseconds; MSGID is the
 * action (at most 32 characters); SD-PARAM values escape {@code "}, {@code \} and {@code ]}
 * (RFC 5424 §6.3.3); MSG is UTF-8 and starts with a BOM (§6.4). {@code hash} is the entry's chain
 * hash: a copy outside the database that anchors the chain.
 *
 * <p>A message longer than the limit is shortened safely: first the MSG, at a UTF-8 character
 * boundary; if the header and structured data alone are too long, the longest SD values are cut
 * (before escaping, so no escape is split); the header always stays intact.
 */
final class SyslogFormat {
    static final String SD_ID = "telecare@32473";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private SyslogFormat() {
    }

    static int severity(AuditResult result) {
        return switch (result) {
            case SUCCESS -> 6;
            case DENIED -> 4;
            case FAILED -> 3;
        };
    }

    /** The complete message (without any transport framing), at most {@code maxBytes} long. */
    static byte[] format(AuditEntry entry, int facility, String hostname, String appName, String procId, int maxBytes) {
        AuditEvent e = entry.event();
        String header = "<" + (facility * 8 + severity(e.result())) + ">1 " + e.timeText() + " "
                + field(hostname, 255) + " " + field(appName, 48) + " " + field(procId, 128) + " "
                + field(e.action(), 32);
        String actor = e.actor();
        String ip = e.sourceIp() == null ? "" : e.sourceIp();
        String target = target(e);
        byte[] msg = e.canonicalJson().getBytes(StandardCharsets.UTF_8);
        while (true) {
            String sd = structuredData(actor, ip, target, e.result(), entry.seq(), entry.hash());
            byte[] head = (header + " " + sd).getBytes(StandardCharsets.UTF_8);
            int room = maxBytes - head.length - 1 - BOM.length; // SP BOM msg
            if (room >= 0) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(maxBytes);
                out.writeBytes(head);
                out.write(' ');
                out.writeBytes(BOM);
                out.write(msg, 0, utf8Prefix(msg, room));
                return out.toByteArray();
            }
            if (head.length <= maxBytes) {
                return head; // MSG is optional
            }
            // Cut the longest free-text value and try again.
            int over = head.length - maxBytes;
            if (target.length() >= actor.length() && target.length() >= ip.length() && !target.isEmpty()) {
                target = cut(target, over);
            } else if (actor.length() >= ip.length() && !actor.isEmpty()) {
                actor = cut(actor, over);
            } else if (!ip.isEmpty()) {
                ip = cut(ip, over);
            } else {
                return header.getBytes(StandardCharsets.UTF_8); // cannot happen with maxBytes >= 480
            }
        }
    }

    static String target(AuditEvent e) {
        if (e.targetType() == null && e.targetId() == null) {
            return "";
        }
        return (e.targetType() == null ? "" : e.targetType()) + ":" + (e.targetId() == null ? "" : e.targetId());
    }

    static String structuredData(String actor, String ip, String target, AuditResult result, long seq, String hash) {
        return "[" + SD_ID + " actor=\"" + escape(actor) + "\" ip=\"" + escape(ip) + "\" target=\"" + escape(target)
                + "\" result=\"" + result.name() + "\" seq=\"" + seq + "\" hash=\"" + hash + "\"]";
    }

    /** PARAM-VALUE escaping (RFC 5424 §6.3.3): {@code "}, {@code \} and {@code ]} get a backslash. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A header field: printable US-ASCII only (others become '_'), at most {@code max} long, "-" when empty. */
    static String field(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            b.append(c >= 33 && c <= 126 ? c : '_');
        }
        return b.toString();
    }

    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /** The longest prefix of {@code utf8} of at most {@code max} bytes that ends on a character boundary. */
    static int utf8Prefix(byte[] utf8, int max) {
        if (max >= utf8.length) {
            return utf8.length;
        }
        int end = max;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // utf8[end] continues a character that started before it
        }
        return end;
    }

    /** {@code value} without at least {@code bytes} UTF-8 bytes at its end, cut between code points. */
    private static String cut(String value, int bytes) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int keep = utf8Prefix(utf8, Math.max(0, utf8.length - Math.max(bytes, 1)));
        return new String(utf8, 0, keep, StandardCharsets.UTF_8);
    }
}
