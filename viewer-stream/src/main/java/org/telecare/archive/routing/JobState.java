package org.telecare.archive.routing;

import java.util.Locale;

/** Where a forward job stands; a delivered job is deleted, so it has no state. */
public enum JobState {
    /** Waiting for its next attempt ({@code nextAttemptAt}). */
    PENDING,
    /** Claimed by a node that is sending it; reclaimable once the claim's lease ran out. */
    SENDING,
    /** Gave up after the maximum attempts; waits for a manual retry. */
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
