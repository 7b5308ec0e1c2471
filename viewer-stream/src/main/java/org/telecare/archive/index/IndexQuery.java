package org.telecare.archive.index;

import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One C-FIND or QIDO-RS query against the index.
 *
 * @param keys          matching keys with their values as sent (empty value: universal matching,
 *                      the attribute is only returned)
 * @param includeFields further attributes to return (QIDO-RS {@code includefield}); the keys and
 *                      the unique keys of the level and the levels above are always returned
 * @param limit         at most this many results, 1..{@link #MAX_LIMIT}
 * @param offset        results to skip (QIDO-RS {@code offset})
 * @param fuzzy         QIDO-RS {@code fuzzymatching=true}: person names match fuzzily
 * @param relational    relational queries (PS3.4 §C.4.1.2.2, extended negotiation; QIDO-RS
 *                      {@code /series} and {@code /instances} without a study): below STUDY level
 *                      the unique keys of the levels above may be absent. Without it the
 *                      hierarchical rules of PS3.4 §C.4.1.3.1.1 apply.
 */
public record IndexQuery(QueryLevel level, Map<QueryKey, String> keys, Set<QueryKey> includeFields,
                         int limit, int offset, boolean fuzzy, boolean relational) {
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 1_000;

    public IndexQuery {
        Objects.requireNonNull(level, "level");
        EnumMap<QueryKey, String> k = new EnumMap<>(QueryKey.class);
        keys.forEach((key, v) -> k.put(key, v == null ? "" : v));
        keys = Collections.unmodifiableMap(k);
        includeFields = includeFields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(includeFields));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Hierarchical query, the level's default fields, first {@link #DEFAULT_LIMIT} results. */
    public static IndexQuery of(QueryLevel level, Map<QueryKey, String> keys) {
        return new IndexQuery(level, keys, QueryKey.defaultsFor(level), DEFAULT_LIMIT, 0, false, false);
    }

    public IndexQuery withLimit(int limit, int offset) {
        return new IndexQuery(level, keys, includeFields, limit, offset, fuzzy, relational);
    }

    public IndexQuery withFuzzy(boolean fuzzy) {
        return new IndexQuery(level, keys, includeFields, limit, offset, fuzzy, relational);
    }

    public IndexQuery withRelational(boolean relational) {
        return new IndexQuery(level, keys, includeFields, limit, offset, fuzzy, relational);
    }

    public IndexQuery withIncludeFields(Set<QueryKey> fields) {
        return new IndexQuery(level, keys, fields, limit, offset, fuzzy, relational);
    }
}
