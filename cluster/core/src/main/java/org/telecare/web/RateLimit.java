package org.telecare.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address in front of routes that attackers hammer (sign-in,
 * captchas): {@code burst} requests at once, refilled at {@code perSecond}; beyond that 429 with
 * {@code Retry-After}. Kept per node, in memory, for a bounded number of addresses (the least
 * recently seen are forgotten); the per-account lockout in the store is what holds across nodes.
 */
public final class RateLimit implements Handler<RoutingContext> {
    public static final int TOO_MANY_REQUESTS = 1429;
    private static final int MAX_CLIENTS = 100_000;

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public RateLimit(int burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    RateLimit(int burst, double perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
    }

    /** Takes a token for {@code client}; 0 when allowed, else the seconds until one is available. */
    synchronized long take(String client) {
        long now = nanoClock.getAsLong();
        double[] b = buckets.computeIfAbsent(client, k -> new double[]{burst, now});
        b[0] = Math.min(burst, b[0] + (now - (long) b[1]) * perNano);
        b[1] = now;
        if (b[0] >= 1) {
            b[0] -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b[0]) / perNano / 1e9));
    }

    @Override
    public void handle(RoutingContext ctx) {
        long wait = take(ClientAddress.of(ctx));
        if (wait == 0) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("retry-after", Long.toString(wait));
        ctx.fail(new ApiException(429, TOO_MANY_REQUESTS, "too many requests from this address; retry in " + wait + " s"));
    }
}
