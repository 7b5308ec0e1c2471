package org.telecare.archive.routing;

import java.time.Duration;

/**
 * Exponential backoff with a cap, and the attempt count after which a job is {@code failed}
 * (config {@code modules.archive.routingRetry}).
 *
 * @param pollInterval how often each node looks for due jobs (new jobs are sent at once)
 * @param lease        how long a claim holds before another node may take the job over
 */
public record Backoff(Duration initial, Duration max, int maxAttempts, Duration pollInterval, Duration lease) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 12,
            Duration.ofSeconds(5), Duration.ofMinutes(5));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1
                || pollInterval.toMillis() < 10 || lease.toMillis() < 1000) {
            throw new IllegalArgumentException("routingRetry: need 0 < initialMillis <= maxMillis, maxAttempts >= 1, "
                    + "pollMillis >= 10, leaseMillis >= 1000");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1 = the first): initial·2^(n-1), capped. */
    public Duration delayAfter(int attempts) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long ms = initial.toMillis() << shift;
        return ms <= 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
    }
}
