package org.telecare.storage.cassandra;

import org.telecare.storage.WriteLimits;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A record's TTL as Cassandra applies it. Cassandra counts TTLs in whole seconds from the
 * replica's current second, so a 2 s TTL written late in a second could expire barely more than
 * one second later. We round up and add one second, so a record never disappears before the TTL
 * the caller asked for, and report the instant Cassandra will drop it (to the second).
 *
 * @param seconds for {@code USING TTL}; 0 means none
 */
record Expiry(int seconds, Optional<Instant> at) {
    static final Expiry NONE = new Expiry(0, Optional.empty());

    static Expiry of(Duration ttl) {
        if (ttl == null) {
            return NONE;
        }
        long whole = ttl.toSeconds() + (ttl.toNanosPart() > 0 ? 1 : 0);
        long seconds = Math.min(whole + 1, WriteLimits.MAX_TTL.toSeconds());
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
        return new Expiry((int) seconds, Optional.of(at));
    }
}
