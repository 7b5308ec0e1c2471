package org.telecare.access.policy;

import java.time.Instant;
import java.util.Optional;

/** A half-open period {@code [from, until)}; an absent end is unbounded. */
public record TimeWindow(Optional<Instant> from, Optional<Instant> until) {
    public static final TimeWindow ALWAYS = new TimeWindow(Optional.empty(), Optional.empty());

    public TimeWindow {
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw new IllegalArgumentException("a period must end after it starts: " + from.get() + " .. " + until.get());
        }
    }

    public boolean contains(Instant t) {
        return from.map(f -> !t.isBefore(f)).orElse(true) && until.map(t::isBefore).orElse(true);
    }

    public boolean unbounded() {
        return from.isEmpty() && until.isEmpty();
    }
}
