package org.telecare.archive.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses matching keys into {@link Matcher}s after PS3.4 §C.2.2.2. The value is the key's text
 * as sent (C-FIND identifier value, already character-set decoded, or a QIDO-RS query
 * parameter). Malformed keys raise {@link IllegalArgumentException} with a message fit for a
 * QIDO-RS 400 response or a C-FIND failure status (A900 / C000).
 */
public final class Matchers {
    /** PS3.5 §9.1: digits and dots, at most 64 characters. */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** Keys longer than this are not plausible query values (the longest VR here, LO, is 64). */
    private static final int MAX_KEY_CHARS = 4096;

    private Matchers() {
    }

    /**
     * @param fuzzy QIDO-RS {@code fuzzymatching=true}: person names are matched by
     *              {@link Matcher.FuzzyPersonName}; other keys are unaffected
     */
    public static Matcher parse(QueryKey key, String value, boolean fuzzy) {
        String v = value == null ? "" : Matcher.trim(value);
        if (v.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException(key.keyword() + ": matching key longer than " + MAX_KEY_CHARS + " characters");
        }
        if (v.isEmpty() || v.equals("*")) {
            return new Matcher.Universal();
        }
        return switch (key.vr()) {
            case PN -> personName(key, v, fuzzy);
            case DA, TM, DT -> temporal(key, v);
            case UI -> uidList(key, v);
            case IS, US -> integers(key, v);
            default -> strings(v);
        };
    }

    private static Matcher personName(QueryKey key, String v, boolean fuzzy) {
        if (fuzzy) {
            List<String> words = Matcher.nameWords(v);
            return words.isEmpty() ? new Matcher.Universal() : new Matcher.FuzzyPersonName(words);
        }
        List<Matcher> alternatives = new ArrayList<>();
        for (String one : v.split("\\\\")) {
            String[] groups = one.split("=", -1);
            if (groups.length > 3) {
                throw new IllegalArgumentException(key.keyword() + ": a person name has at most three component groups (PS3.5 §6.2.1): " + v);
            }
            List<String> folded = new ArrayList<>();
            for (String g : groups) {
                folded.add(Matcher.fold(Matcher.stripEmptyComponents(g)));
            }
            alternatives.add(new Matcher.PersonName(folded));
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new Matcher.AnyOf(alternatives);
    }

    private static Matcher temporal(QueryKey key, String v) {
        if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
            throw new IllegalArgumentException(key.keyword() + ": wild cards are not allowed for " + key.vr()
                    + " (PS3.4 §C.2.2.2.4), got: " + v);
        }
        if (v.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(key.keyword() + ": a " + key.vr() + " key takes one value or one range, got: " + v);
        }
        try {
            TemporalValues.Interval[] range = range(key.vr(), v);
            long low = range[0] == null ? Long.MIN_VALUE : range[0].low();
            long high = range[1] == null ? Long.MAX_VALUE : range[1].high();
            // A time range may wrap past midnight (2200-0600); dates and date-times may not.
            if (low > high && key.vr() != Vr.TM) {
                throw new IllegalArgumentException("the range ends before it begins");
            }
            return new Matcher.Range(key.vr(), low, high);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key.keyword() + ": bad " + key.vr() + " matching key '" + v + "': "
                    + e.getMessage() + " (PS3.4 §C.2.2.2.5)", e);
        }
    }

    /**
     * The two ends of a range key ({@code null} for an open end); a single value is a range
     * from itself to itself. A DT may carry a negative UTC offset, so its hyphen is found by
     * trying each one.
     */
    static TemporalValues.Interval[] range(Vr vr, String v) {
        List<Integer> hyphens = new ArrayList<>();
        for (int i = v.indexOf('-'); i >= 0; i = v.indexOf('-', i + 1)) {
            hyphens.add(i);
        }
        if (vr == Vr.DT) {
            IllegalArgumentException last = null;
            try {
                TemporalValues.Interval single = TemporalValues.parse(vr, v);
                return new TemporalValues.Interval[] {single, single};
            } catch (IllegalArgumentException e) {
                last = e;
            }
            for (int h : hyphens) {
                try {
                    return split(vr, v, h);
                } catch (IllegalArgumentException e) {
                    last = e;
                }
            }
            throw last;
        }
        if (hyphens.isEmpty()) {
            TemporalValues.Interval single = TemporalValues.parse(vr, v);
            return new TemporalValues.Interval[] {single, single};
        }
        if (hyphens.size() > 1) {
            throw new IllegalArgumentException("a range is <from>-<to>, <from>- or -<to> with one hyphen");
        }
        return split(vr, v, hyphens.getFirst());
    }

    private static TemporalValues.Interval[] split(Vr vr, String v, int hyphen) {
        String from = v.substring(0, hyphen);
        String to = v.substring(hyphen + 1);
        if (from.isEmpty() && to.isEmpty()) {
            throw new IllegalArgumentException("a range needs at least one end");
        }
        return new TemporalValues.Interval[] {
                from.isEmpty() ? null : TemporalValues.parse(vr, from),
                to.isEmpty() ? null : TemporalValues.parse(vr, to)};
    }

    /** PS3.4 §C.2.2.2.2; QIDO-RS also separates UIDs by commas (PS3.18 §8.3.4.1). */
    private static Matcher uidList(QueryKey key, String v) {
        List<Matcher> uids = new ArrayList<>();
        for (String part : v.split("[\\\\,]")) {
            String uid = Matcher.trim(part);
            if (uid.length() > 64 || !UID.matcher(uid).matches()) {
                throw new IllegalArgumentException(key.keyword() + ": not a UID (PS3.5 §9.1; no wild cards, PS3.4 §C.2.2.2.4): '" + uid + "'");
            }
            uids.add(new Matcher.SingleValue(uid, false));
        }
        return uids.size() == 1 ? uids.getFirst() : new Matcher.AnyOf(uids);
    }

    private static Matcher integers(QueryKey key, String v) {
        List<Matcher> values = new ArrayList<>();
        for (String part : v.split("\\\\")) {
            String n = Matcher.trim(part);
            try {
                values.add(new Matcher.IntegerValue(Long.parseLong(n.startsWith("+") ? n.substring(1) : n)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key.keyword() + ": not an integer (" + key.vr() + "): '" + n + "'");
            }
        }
        return values.size() == 1 ? values.getFirst() : new Matcher.AnyOf(values);
    }

    private static Matcher strings(String v) {
        List<Matcher> values = new ArrayList<>();
        for (String part : v.split("\\\\")) {
            String s = Matcher.trim(part);
            values.add(s.indexOf('*') >= 0 || s.indexOf('?') >= 0
                    ? new Matcher.Wildcard(s, false)
                    : new Matcher.SingleValue(s, false));
        }
        return values.size() == 1 ? values.getFirst() : new Matcher.AnyOf(values);
    }
}
