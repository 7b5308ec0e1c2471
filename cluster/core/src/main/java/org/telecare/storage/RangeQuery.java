package org.telecare.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * A slice of one partition by clustering key: {@code from <= clustering < to}, in clustering
 * order or reversed, at most {@code limit} records. Paging: ask again with {@code from} set to
 * the last key seen plus {@code "\0"} (ascending) or {@code to} set to it (descending).
 */
public record RangeQuery(String partition, Optional<String> from, Optional<String> to,
                         int limit, boolean descending) {
    /** The most a single range read may return; larger reads must page. */
    public static final int MAX_LIMIT = 10_000;

    public RangeQuery {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    /** The whole partition (up to {@link #MAX_LIMIT}), ascending. */
    public static RangeQuery all(String partition) {
        return new RangeQuery(partition, Optional.empty(), Optional.empty(), MAX_LIMIT, false);
    }

    /** Every clustering key that starts with {@code prefix}, ascending. */
    public static RangeQuery prefix(String partition, String prefix) {
        return new RangeQuery(partition, Optional.of(prefix),
                prefix.isEmpty() ? Optional.empty() : Optional.of(prefix + Character.MAX_VALUE),
                MAX_LIMIT, false);
    }

    public RangeQuery from(String inclusive) {
        return new RangeQuery(partition, Optional.of(inclusive), to, limit, descending);
    }

    public RangeQuery to(String exclusive) {
        return new RangeQuery(partition, from, Optional.of(exclusive), limit, descending);
    }

    public RangeQuery limit(int max) {
        return new RangeQuery(partition, from, to, max, descending);
    }

    public RangeQuery reversed() {
        return new RangeQuery(partition, from, to, limit, !descending);
    }
}
