package org.telecare.web;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstPassesThenRequestsWaitForTheRefill() {
        RateLimit limit = new RateLimit(3, 0.5, now::get);
        assertThat(limit.take("10.0.0.1")).isZero();
        assertThat(limit.take("10.0.0.1")).isZero();
        assertThat(limit.take("10.0.0.1")).isZero();
        assertThat(limit.take("10.0.0.1")).as("seconds until the next token").isEqualTo(2);
        assertThat(limit.take("10.0.0.2")).as("other clients are not affected").isZero();
        now.addAndGet(2_000_000_000L);
        assertThat(limit.take("10.0.0.1")).isZero();
        assertThat(limit.take("10.0.0.1")).isPositive();
    }

    @Test
    void idleClientsRefillOnlyUpToTheBurst() {
        RateLimit limit = new RateLimit(2, 10, now::get);
        limit.take("a");
        now.addAndGet(3_600_000_000_000L);
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isPositive();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
