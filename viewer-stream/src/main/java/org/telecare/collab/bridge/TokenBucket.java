package org.telecare.collab.bridge;

import java.util.function.LongSupplier;

/**
 * {@code burst} tokens at once, refilled at {@code perSecond}: the rate limit of one kind of
 * message on one connection. Used from the connection's event loop, and from completions of its changes.
 */
final class TokenBucket {
    private final double burst;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    TokenBucket(int burst, double perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    synchronized boolean take() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
