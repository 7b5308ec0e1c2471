package org.telecare.archive.query;

/**
 * The information model levels of query/retrieve, PS3.4 §C.6 (Query/Retrieve Level (0008,0052)
 * values {@code PATIENT}, {@code STUDY}, {@code SERIES}, {@code IMAGE}), in hierarchy order.
 */
public enum QueryLevel {
    PATIENT, STUDY, SERIES, IMAGE;

    /** Whether this level is the same as or above {@code other} (PATIENT is above everything). */
    public boolean isAtOrAbove(QueryLevel other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses the (0008,0052) value; throws {@link IllegalArgumentException} on anything else. */
    public static QueryLevel of(String value) {
        String v = value == null ? "" : value.strip();
        for (QueryLevel level : values()) {
            if (level.name().equals(v)) {
                return level;
            }
        }
        throw new IllegalArgumentException("Query/Retrieve Level must be PATIENT, STUDY, SERIES or IMAGE, got: " + value);
    }
}
