package org.telecare.storage.cassandra;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential delays between connection attempts: short at first, so a node that is merely
 * slower to start than us is picked up quickly, capped so a long outage costs little.
 * A little jitter keeps a restarted cluster of nodes from reconnecting in lock step.
 */
final class Backoff {
    private final Duration first;
    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the cap. */
    Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, current.toMillis() / 10));
        return current.plusMillis(jitter);
    }

    void reset() {
        next = first;
    }
}
