package org.telecare.archive.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parsed matching key (PS3.4 §C.2.2.2). Build with {@link Matchers#parse}. Pure: no I/O.
 *
 * <p>{@link #matches(String)} takes the stored value as text: empty or {@code null} when the
 * entity has no value, several values separated by backslashes (PS3.5 §6.4). A multi-valued
 * stored attribute matches when any of its values matches (PS3.4 §C.2.2.2: "Matching of
 * attributes with multiple values").
 */
public sealed interface Matcher {

    /** Whether one non-empty stored value matches. */
    boolean matchesValue(String value);

    /** Universal matching (PS3.4 §C.2.2.2.3): every entity matches, with or without a value. */
    default boolean isUniversal() {
        return false;
    }

    default boolean matches(String stored) {
        if (isUniversal()) {
            return true;
        }
        if (stored == null) {
            return false;
        }
        String trimmed = trim(stored);
        if (trimmed.isEmpty()) {
            return false;
        }
        for (String v : trimmed.split("\\\\", -1)) {
            String t = trim(v);
            if (!t.isEmpty() && matchesValue(t)) {
                return true;
            }
        }
        return false;
    }

    /** Leading and trailing spaces (and a UI's NUL padding) are not significant (PS3.5 §6.2). */
    static String trim(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\0')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\0')) {
            e--;
        }
        return s.substring(b, e);
    }

    /** PS3.4 §C.2.2.2.3: a zero-length key, or a key of a single {@code *}. */
    record Universal() implements Matcher {
        @Override
        public boolean matchesValue(String value) {
            return true;
        }

        @Override
        public boolean isUniversal() {
            return true;
        }
    }

    /** PS3.4 §C.2.2.2.1 single value matching: equal after trimming, optionally ignoring case. */
    record SingleValue(String value, boolean ignoreCase) implements Matcher {
        @Override
        public boolean matchesValue(String stored) {
            return ignoreCase ? fold(stored).equals(fold(value)) : stored.equals(value);
        }
    }

    /**
     * PS3.4 §C.2.2.2.4 wild card matching: {@code *} any sequence (also empty), {@code ?} exactly
     * one character, counted in code points so that a character outside the BMP (GB18030's
     * four-byte range, e.g. U+20000) is one character.
     */
    record Wildcard(String pattern, boolean ignoreCase) implements Matcher {
        @Override
        public boolean matchesValue(String stored) {
            return ignoreCase ? glob(fold(pattern), fold(stored)) : glob(pattern, stored);
        }
    }

    /** Single value matching of IS and US keys, numerically ({@code 007} is {@code 7}). */
    record IntegerValue(long value) implements Matcher {
        @Override
        public boolean matchesValue(String stored) {
            try {
                return Long.parseLong(stored.startsWith("+") ? stored.substring(1) : stored) == value;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /**
     * Several alternatives, any of which may match: list of UID matching (PS3.4 §C.2.2.2.2) and
     * multiple value matching of other string keys (PS3.4 §C.2.2.2.8).
     */
    record AnyOf(List<Matcher> alternatives) implements Matcher {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public boolean matchesValue(String stored) {
            for (Matcher m : alternatives) {
                if (m.matchesValue(stored)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * PS3.4 §C.2.2.2.5 range matching of DA, TM and DT, bounds inclusive; a single date or time
     * is the range of its own precision. A stored value matches when the start of the period it
     * denotes lies in the range. A TM range whose start is later than its end wraps past
     * midnight ({@code 2200-0600}).
     */
    record Range(Vr vr, long low, long high) implements Matcher {
        @Override
        public boolean matchesValue(String stored) {
            TemporalValues.Interval v = TemporalValues.parseStored(vr, stored);
            if (v == null) {
                return false;
            }
            return low <= high ? v.low() >= low && v.low() <= high : v.low() >= low || v.low() <= high;
        }
    }

    /**
     * Person name matching (PS3.4 §C.2.2.2.1 and §C.2.2.2.4 for PN, PS3.5 §6.2.1): case
     * insensitive, trailing empty components ignored ({@code 张三^^^^} is {@code 张三}).
     * A key with one component group is matched against each group of the stored name
     * (alphabetic, ideographic, phonetic), so {@code 张*} finds {@code ZHANG^SAN=张三} and
     * {@code ZHANG*} finds it too. A key with {@code =} matches group by group, an empty key
     * group matching any value.
     */
    record PersonName(List<String> groups) implements Matcher {
        public PersonName {
            groups = List.copyOf(groups);
        }

        @Override
        public boolean matchesValue(String stored) {
            List<String> storedGroups = personNameGroups(stored);
            if (groups.size() == 1) {
                String key = groups.getFirst();
                for (String g : storedGroups) {
                    if (!g.isEmpty() && glob(key, g)) {
                        return true;
                    }
                }
                return false;
            }
            for (int i = 0; i < groups.size(); i++) {
                String key = groups.get(i);
                if (key.isEmpty() || key.equals("*")) {
                    continue;
                }
                String g = i < storedGroups.size() ? storedGroups.get(i) : "";
                if (!glob(key, g)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Fuzzy person name matching for QIDO-RS {@code fuzzymatching=true} (PS3.18 §8.3.4.6 leaves
     * the algorithm to the origin server): every word of the key must begin some name part of
     * the stored value, ignoring case and accents ({@code muller} finds {@code Müller^Hans},
     * {@code zha} finds {@code ZHANG^SAN}, {@code 张} finds {@code 张三}).
     */
    record FuzzyPersonName(List<String> words) implements Matcher {
        public FuzzyPersonName {
            words = List.copyOf(words);
        }

        @Override
        public boolean matchesValue(String stored) {
            List<String> parts = nameWords(stored);
            for (String w : words) {
                if (parts.stream().noneMatch(p -> p.startsWith(w))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The component groups of a PN value with trailing empty components and spaces removed. */
    static List<String> personNameGroups(String pn) {
        List<String> out = new ArrayList<>(3);
        for (String g : pn.split("=", -1)) {
            out.add(fold(stripEmptyComponents(g)));
        }
        return out;
    }

    static String stripEmptyComponents(String group) {
        String[] comps = group.split("\\^", -1);
        int n = comps.length;
        while (n > 0 && trim(comps[n - 1]).isEmpty()) {
            n--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append('^');
            }
            b.append(trim(comps[i]));
        }
        return b.toString();
    }

    /** Case- and accent-free words of a name, split at component, group and space boundaries. */
    static List<String> nameWords(String s) {
        List<String> out = new ArrayList<>();
        for (String w : unaccent(s).split("[\\^=\\s,*?]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static String unaccent(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        // Letters that do not decompose in Unicode but that people type without the stroke.
        d = d.replace('ø', 'o').replace('Ø', 'O').replace('ł', 'l').replace('Ł', 'L').replace('đ', 'd').replace('Đ', 'D')
                .replace("ß", "ss");
        return fold(d);
    }

    static String fold(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Glob with {@code *} and {@code ?} over code points, iterative with one backtrack point. */
    static boolean glob(String pattern, String text) {
        int[] p = pattern.codePoints().toArray();
        int[] t = text.codePoints().toArray();
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length) {
            if (pi < p.length && (p[pi] == '?' || p[pi] == t[ti])) {
                pi++;
                ti++;
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }
}
