package org.telecare.accounts.sensitive;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Server-side masks for personal identifiers (SEC-7): responses carry the masked form unless the
 * caller holds the (audited) unmasking permission, so the full value never reaches a browser that
 * may not see it.
 *
 * <table>
 *   <caption>Masks</caption>
 *   <tr><th>kind</th><th>example</th><th>rule</th></tr>
 *   <tr><td>ID card, 18</td><td>{@code 110101********1234}</td><td>first 6 (region), last 4</td></tr>
 *   <tr><td>ID card, 15</td><td>{@code 110101******123}</td><td>first 6, last 3</td></tr>
 *   <tr><td>mobile</td><td>{@code 138****5678}</td><td>first 3, last 4; {@code +86}/{@code 0086}
 *       prefixes and separators dropped</td></tr>
 *   <tr><td>landline</td><td>{@code ********5678}</td><td>last 4 of the normalised digits</td></tr>
 *   <tr><td>name</td><td>张三 → {@code 张*}, 欧阳娜娜 → {@code 欧***}</td><td>first character
 *       kept, every other character masked (length kept). Compound surnames (欧阳, 司马 …) are
 *       not detected: a surname list is never complete, and showing one character reveals less.
 *       A one-character name, or one not starting with a letter, becomes {@code **}.</td></tr>
 *   <tr><td>email</td><td>{@code z***@example.com}</td><td>first character of the local part,
 *       always three stars (hides the length), domain kept; a one-character local part is not
 *       shown at all ({@code ***@example.com})</td></tr>
 *   <tr><td>generic</td><td>{@code ******5678}</td><td>last 4 kept if at least 4 are masked
 *       (8+ characters), otherwise fully masked</td></tr>
 * </table>
 *
 * <p>None of these throw. Input that does not have the expected shape (null, empty, too short,
 * letters in a number, …) gives a fully masked string of the kind's usual length, so a malformed
 * stored value is never echoed back. Lengths are counted in Unicode code points, so a
 * supplementary character is never split.
 */
public final class Masking {

    /** The mask character. */
    public static final char MASK = '*';
    static final String ID_CARD_FULL = "*".repeat(18);
    static final String PHONE_FULL = "*".repeat(11);
    static final String NAME_FULL = "**";
    static final String EMAIL_FULL = "***@***";
    static final String GENERIC_FULL = "****";

    private static final Pattern ID18 = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern ID15 = Pattern.compile("\\d{15}");
    private static final Pattern EMAIL_DOMAIN = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

    /** The kinds of identifier, for callers that pick the mask from a field's declared kind. */
    public enum Kind {
        ID_CARD, PHONE, NAME, EMAIL, GENERIC;

        public String mask(String value) {
            return switch (this) {
                case ID_CARD -> Masking.idCard(value);
                case PHONE -> Masking.phone(value);
                case NAME -> Masking.name(value);
                case EMAIL -> Masking.email(value);
                case GENERIC -> Masking.generic(value);
            };
        }
    }

    private Masking() {}

    /** {@code 110101********1234} (18) or {@code 110101******123} (15); otherwise 18 stars. */
    public static String idCard(String value) {
        String s = ChineseIdCard.normalise(value);
        if (ID18.matcher(s).matches()) {
            return s.substring(0, 6) + stars(8) + s.substring(14);
        }
        if (ID15.matcher(s).matches()) {
            return s.substring(0, 6) + stars(6) + s.substring(12);
        }
        return ID_CARD_FULL;
    }

    /** Mobile {@code 138****5678}, landline last 4 digits; otherwise 11 stars. */
    public static String phone(String value) {
        Optional<String> mobile = PhoneNumbers.normaliseMobile(value);
        if (mobile.isPresent()) {
            String m = mobile.get();
            return m.substring(0, 3) + stars(4) + m.substring(7);
        }
        Optional<String> landline = PhoneNumbers.normaliseLandline(value);
        if (landline.isPresent()) {
            String l = landline.get();
            return stars(l.length() - 4) + l.substring(l.length() - 4);
        }
        return PHONE_FULL;
    }

    /** First character kept, the rest masked; {@code "**"} for null, blank or one character. */
    public static String name(String value) {
        if (value == null) {
            return NAME_FULL;
        }
        int[] cps = Normalizer.normalize(value, Normalizer.Form.NFC).strip().codePoints().toArray();
        if (cps.length < 2 || !Character.isLetter(cps[0])) {
            return NAME_FULL;
        }
        return new StringBuilder().appendCodePoint(cps[0]).append(stars(cps.length - 1)).toString();
    }

    /** {@code z***@example.com}; {@code ***@***} when not an address. */
    public static String email(String value) {
        if (value == null) {
            return EMAIL_FULL;
        }
        String s = value.strip();
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
            return EMAIL_FULL;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (!EMAIL_DOMAIN.matcher(domain).matches() || local.codePoints().anyMatch(Character::isWhitespace)) {
            return EMAIL_FULL;
        }
        int first = local.codePointAt(0);
        String kept = local.codePointCount(0, local.length()) > 1 && !Character.isISOControl(first)
                ? new String(Character.toChars(first)) : "";
        return kept + stars(3) + "@" + domain;
    }

    /** Last 4 characters kept when at least 4 are masked; otherwise fully masked (at least 4 stars). */
    public static String generic(String value) {
        return keepLast(value, 4);
    }

    /**
     * The last {@code keep} characters kept when at least as many are masked; otherwise fully masked
     * with as many stars as characters (at least 4).
     */
    public static String keepLast(String value, int keep) {
        if (value == null || value.isEmpty()) {
            return GENERIC_FULL;
        }
        int[] cps = value.codePoints().toArray();
        int n = cps.length;
        if (keep <= 0 || n < 2 * keep) {
            return stars(Math.max(n, GENERIC_FULL.length()));
        }
        StringBuilder sb = new StringBuilder(stars(n - keep));
        for (int i = n - keep; i < n; i++) {
            sb.appendCodePoint(Character.isISOControl(cps[i]) ? MASK : cps[i]);
        }
        return sb.toString();
    }

    private static String stars(int n) {
        return String.valueOf(MASK).repeat(Math.max(0, n));
    }
}
