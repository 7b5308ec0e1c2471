package org.telecare.dicomweb;

/**
 * {@code Warning} header values (RFC 9111 §5.5 code 299, "miscellaneous persistent warning", as
 * PS3.18 §8.3.4.2 uses it): printable ASCII only, quotes and backslashes escaped, so a message
 * carrying text from a request or an object can never break or forge a header.
 */
public final class Warnings {
    private static final int MAX_TEXT = 400;

    private Warnings() {
    }

    public static String header(String text) {
        StringBuilder s = new StringBuilder("299 telecare \"");
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
        t.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else {
                s.append('?');
            }
        });
        return s.append('"').toString();
    }
}
