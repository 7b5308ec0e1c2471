package org.telecare.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict parser of RFC 5424 messages for the tests: the header, one SD-ELEMENT with its
 * escaped PARAM-VALUEs, and the MSG with its BOM. Anything off the grammar is an assertion error.
 */
final class Rfc5424 {
    record Parsed(int pri, String timestamp, String hostname, String appName, String procId, String msgId,
                  String sdId, Map<String, String> params, boolean bom, String msg) {
        int facility() {
            return pri / 8;
        }

        int severity() {
            return pri % 8;
        }
    }

    private final String s;
    private int i;

    private Rfc5424(String s) {
        this.s = s;
    }

    static Parsed parse(byte[] message) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not valid UTF-8", e);
        }
        return new Rfc5424(text).message();
    }

    private Parsed message() {
        expect('<');
        int start = i;
        while (Character.isDigit(peek())) {
            i++;
        }
        int pri = Integer.parseInt(s.substring(start, i));
        check(pri >= 0 && pri <= 191 && i - start <= 3, "PRI");
        expect('>');
        expect('1');
        expect(' ');
        String ts = token("TIMESTAMP", 64);
        String host = token("HOSTNAME", 255);
        String app = token("APP-NAME", 48);
        String proc = token("PROCID", 128);
        String msgId = token("MSGID", 32);
        String sdId = null;
        Map<String, String> params = new LinkedHashMap<>();
        if (peek() == '-') {
            i++;
        } else {
            expect('[');
            int idStart = i;
            while (peek() != ' ' && peek() != ']') {
                check(sdNameChar(peek()), "SD-ID character");
                i++;
            }
            sdId = s.substring(idStart, i);
            while (peek() == ' ') {
                i++;
                int nameStart = i;
                while (peek() != '=') {
                    check(sdNameChar(peek()), "PARAM-NAME character");
                    i++;
                }
                String name = s.substring(nameStart, i);
                expect('=');
                expect('"');
                StringBuilder value = new StringBuilder();
                while (peek() != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\') {
                        char next = s.charAt(i);
                        if (next == '"' || next == '\\' || next == ']') {
                            value.append(next);
                            i++;
                            continue;
                        }
                    }
                    check(c != ']', "unescaped ] in PARAM-VALUE");
                    value.append(c);
                }
                expect('"');
                params.put(name, value.toString());
            }
            expect(']');
        }
        boolean bom = false;
        String msg = null;
        if (i < s.length()) {
            expect(' ');
            if (i < s.length() && s.charAt(i) == '\uFEFF') {
                bom = true;
                i++;
            }
            msg = s.substring(i);
        }
        return new Parsed(pri, ts, host, app, proc, msgId, sdId, params, bom, msg);
    }

    private static boolean sdNameChar(char c) {
        return c >= 33 && c <= 126 && c != '=' && c != ']' && c != '"';
    }

    private String token(String what, int max) {
        int start = i;
        while (i < s.length() && s.charAt(i) != ' ') {
            check(s.charAt(i) >= 33 && s.charAt(i) <= 126, what + " must be printable US-ASCII");
            i++;
        }
        check(i > start && i - start <= max, what + " length");
        String t = s.substring(start, i);
        expect(' ');
        return t;
    }

    private char peek() {
        check(i < s.length(), "message ends early");
        return s.charAt(i);
    }

    private void expect(char c) {
        check(i < s.length() && s.charAt(i) == c, "expected '" + c + "' at " + i);
        i++;
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("not RFC 5424 (" + what + "): " + s);
        }
    }
}
