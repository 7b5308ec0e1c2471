package org.telecare.archive.query;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DA, TM and DT values (PS3.5 §6.2, Table 6.2-1) as the interval of microseconds they denote:
 * a value given to a coarser precision stands for the whole period ({@code 2024} is the whole
 * year, {@code 10} the whole hour), which is what range matching compares (PS3.4 §C.2.2.2.5).
 *
 * <p>Dates and date-times are counted from 1970-01-01T00:00 local time; times from midnight.
 * A DT's UTC offset suffix is accepted and ignored: values are compared as local times, the way
 * the (0008,0201) Timezone Offset From UTC of most sources leaves them.
 */
final class TemporalValues {
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private static final Pattern DA = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern TM = Pattern.compile("(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,6}))?)?)?");
    private static final Pattern DT = Pattern.compile(
            "(\\d{4})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,6}))?)?)?)?)?)?([+-]\\d{4})?");

    private TemporalValues() {
    }

    /** The closed interval {@code [low, high]} in microseconds. */
    record Interval(long low, long high) {
    }

    /** Parses a value of {@code vr} (DA, TM or DT); {@link IllegalArgumentException} when malformed. */
    static Interval parse(Vr vr, String value) {
        return switch (vr) {
            case DA -> date(value);
            case TM -> time(value);
            case DT -> dateTime(value);
            default -> throw new IllegalArgumentException(vr + " is not a date or time VR");
        };
    }

    /** Like {@link #parse} but {@code null} for a malformed stored value (it then matches nothing). */
    static Interval parseStored(Vr vr, String value) {
        try {
            return parse(vr, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Interval date(String value) {
        Matcher m = DA.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("a DA value is YYYYMMDD (PS3.5 Table 6.2-1), got: " + value);
        }
        LocalDate d = localDate(value, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        long low = d.toEpochDay() * MICROS_PER_DAY;
        return new Interval(low, low + MICROS_PER_DAY - 1);
    }

    static Interval time(String value) {
        // ACR-NEMA style HH:MM:SS is still sent by old devices; PS3.5 §6.2 notes it as retired.
        Matcher m = TM.matcher(value.replace(":", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("a TM value is HH[MM[SS[.FFFFFF]]] (PS3.5 Table 6.2-1), got: " + value);
        }
        int h = Integer.parseInt(m.group(1));
        int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        // PS3.5 allows 60 for a leap second; it counts as the last second of the minute here.
        if (h > 23 || min > 59 || s > 60) {
            throw new IllegalArgumentException("time out of range: " + value);
        }
        long low = ((h * 60L + min) * 60 + Math.min(s, 59)) * 1_000_000L;
        long span;
        if (m.group(2) == null) {
            span = 3_600_000_000L;
        } else if (m.group(3) == null) {
            span = 60_000_000L;
        } else if (m.group(4) == null) {
            span = 1_000_000L;
        } else {
            String f = m.group(4);
            low += Long.parseLong((f + "000000").substring(0, 6));
            span = (long) Math.pow(10, 6 - f.length());
        }
        return new Interval(low, low + span - 1);
    }

    static Interval dateTime(String value) {
        Matcher m = DT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a DT value is YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]][&ZZXX] (PS3.5 Table 6.2-1), got: " + value);
        }
        int year = Integer.parseInt(m.group(1));
        int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        LocalDate date = localDate(value, year, month, day);
        int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int min = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int s = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (h > 23 || min > 59 || s > 60) {
            throw new IllegalArgumentException("time out of range in DT: " + value);
        }
        LocalDateTime start = date.atTime(LocalTime.of(h, min, Math.min(s, 59)));
        LocalDateTime end;
        if (m.group(2) == null) {
            end = start.plusYears(1);
        } else if (m.group(3) == null) {
            end = start.plusMonths(1);
        } else if (m.group(4) == null) {
            end = start.plusDays(1);
        } else if (m.group(5) == null) {
            end = start.plusHours(1);
        } else if (m.group(6) == null) {
            end = start.plusMinutes(1);
        } else if (m.group(7) == null) {
            end = start.plusSeconds(1);
        } else {
            String f = m.group(7);
            start = start.plus(Long.parseLong((f + "000000").substring(0, 6)), ChronoUnit.MICROS);
            end = start.plus((long) Math.pow(10, 6 - f.length()), ChronoUnit.MICROS);
        }
        return new Interval(micros(start), micros(end) - 1);
    }

    /** The microsecond count of a date plus a time of day, for combined date-time ranges. */
    static long combine(long dateMicros, long timeOfDayMicros) {
        return Math.floorDiv(dateMicros, MICROS_PER_DAY) * MICROS_PER_DAY + timeOfDayMicros;
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    private static LocalDate localDate(String value, int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a calendar date: " + value + " (" + e.getMessage() + ")");
        }
    }
}
