package org.telecare.archive.query;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * All matching keys of one query, parsed: one {@link Matcher} per key, and date and time keys
 * of the same entity combined into one date-time range when both are ranges (PS3.4
 * §C.2.2.2.5: {@code StudyDate=20240101-20240102} with {@code StudyTime=2200-0600} means from
 * 1 January 22:00 to 2 January 06:00, not two separate conditions).
 */
public final class QueryFilter {
    private static final Map<QueryKey, QueryKey> DATE_TIME_PAIRS = Map.of(
            QueryKey.StudyDate, QueryKey.StudyTime,
            QueryKey.PerformedProcedureStepStartDate, QueryKey.PerformedProcedureStepStartTime);

    private final Map<QueryKey, String> raw;
    private final Map<QueryKey, Matcher> matchers;
    private final Map<QueryKey, long[]> combined;

    private QueryFilter(Map<QueryKey, String> raw, Map<QueryKey, Matcher> matchers, Map<QueryKey, long[]> combined) {
        this.raw = raw;
        this.matchers = matchers;
        this.combined = combined;
    }

    /** Parses every key; the first malformed one raises {@link IllegalArgumentException}. */
    public static QueryFilter parse(Map<QueryKey, String> keys, boolean fuzzy) {
        EnumMap<QueryKey, String> raw = new EnumMap<>(QueryKey.class);
        EnumMap<QueryKey, Matcher> matchers = new EnumMap<>(QueryKey.class);
        keys.forEach((k, v) -> {
            String value = v == null ? "" : v;
            raw.put(k, value);
            Matcher m = Matchers.parse(k, value, fuzzy);
            if (!m.isUniversal()) {
                matchers.put(k, m);
            }
        });
        EnumMap<QueryKey, long[]> combined = new EnumMap<>(QueryKey.class);
        DATE_TIME_PAIRS.forEach((date, time) -> {
            if (matchers.get(date) instanceof Matcher.Range d && matchers.get(time) instanceof Matcher.Range t
                    && raw.get(date).contains("-") && raw.get(time).contains("-")) {
                long low = d.low() == Long.MIN_VALUE ? Long.MIN_VALUE : TemporalValues.combine(d.low(), t.low() == Long.MIN_VALUE ? 0 : t.low());
                long high = d.high() == Long.MAX_VALUE ? Long.MAX_VALUE : TemporalValues.combine(d.high(),
                        t.high() == Long.MAX_VALUE ? TemporalValues.MICROS_PER_DAY - 1 : t.high());
                combined.put(date, new long[] {low, high, d.low(), d.high()});
            }
        });
        return new QueryFilter(Collections.unmodifiableMap(raw), Collections.unmodifiableMap(matchers),
                Collections.unmodifiableMap(combined));
    }

    /** Every key of the query, with its value as given (universal keys included). */
    public Map<QueryKey, String> keys() {
        return raw;
    }

    /** The matcher of a key; universal when the key is absent or empty. */
    public Matcher matcher(QueryKey key) {
        return matchers.getOrDefault(key, new Matcher.Universal());
    }

    /** Keys that constrain the result (not universal). */
    public Set<QueryKey> constrained() {
        return matchers.keySet();
    }

    /** Whether an entity matches every constrained key whose home level is {@code level}. */
    public boolean test(QueryLevel level, Function<QueryKey, String> attributes) {
        for (Map.Entry<QueryKey, Matcher> e : matchers.entrySet()) {
            QueryKey key = e.getKey();
            if (key.level() != level) {
                continue;
            }
            long[] range = combined.get(key);
            if (range != null) {
                if (!matchesCombined(range, attributes.apply(key), attributes.apply(DATE_TIME_PAIRS.get(key)))) {
                    return false;
                }
            } else if (combined.containsKey(pairedDate(key))) {
                continue;
            } else if (!e.getValue().matches(attributes.apply(key))) {
                return false;
            }
        }
        return true;
    }

    private static QueryKey pairedDate(QueryKey time) {
        for (Map.Entry<QueryKey, QueryKey> p : DATE_TIME_PAIRS.entrySet()) {
            if (p.getValue() == time) {
                return p.getKey();
            }
        }
        return null;
    }

    /** A stored date without a time is compared by date alone. */
    private static boolean matchesCombined(long[] range, String date, String time) {
        TemporalValues.Interval d = date == null ? null : TemporalValues.parseStored(Vr.DA, Matcher.trim(date));
        if (d == null) {
            return false;
        }
        TemporalValues.Interval t = time == null ? null : TemporalValues.parseStored(Vr.TM, Matcher.trim(time));
        if (t == null) {
            return d.low() >= range[2] && d.low() <= range[3];
        }
        long at = TemporalValues.combine(d.low(), t.low());
        return at >= range[0] && at <= range[1];
    }
}
