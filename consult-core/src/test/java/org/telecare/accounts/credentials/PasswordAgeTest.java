package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordAgeTest {

    private static final Instant CHANGED = Instant.parse("2025-01-01T08:00:00Z");

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void defaultPolicyExpiresAfter90DaysWithAWarningAWeekBefore() {
        PasswordAge age = PasswordAge.of(CHANGED, PasswordPolicy.defaults());
        assertThat(age.changedAt()).isEqualTo(CHANGED);
        assertThat(age.expiresAt()).isEqualTo(CHANGED.plus(Duration.ofDays(90)));
        assertThat(age.warnFrom()).isEqualTo(CHANGED.plus(Duration.ofDays(83)));
    }

    @Test
    void statesAcrossTheLifetime() {
        PasswordAge age = PasswordAge.of(CHANGED, PasswordPolicy.defaults());
        assertThat(age.state(at(CHANGED))).isEqualTo(PasswordAge.State.VALID);
        assertThat(age.state(at(age.warnFrom().minusMillis(1)))).isEqualTo(PasswordAge.State.VALID);
        assertThat(age.state(at(age.warnFrom()))).isEqualTo(PasswordAge.State.WARN);
        assertThat(age.state(at(age.expiresAt().minusMillis(1)))).isEqualTo(PasswordAge.State.WARN);
        assertThat(age.state(at(age.expiresAt()))).isEqualTo(PasswordAge.State.EXPIRED);
        assertThat(age.expired(at(age.expiresAt().plus(Duration.ofDays(400))))).isTrue();
        assertThat(age.expired(at(age.expiresAt().minusSeconds(1)))).isFalse();
    }

    @Test
    void aChangeInTheFutureIsValid() {
        PasswordAge age = PasswordAge.of(CHANGED, PasswordPolicy.defaults());
        assertThat(age.state(at(CHANGED.minus(Duration.ofDays(3))))).isEqualTo(PasswordAge.State.VALID);
    }

    @Test
    void daysLeftRoundsUp() {
        PasswordAge age = PasswordAge.of(CHANGED, Duration.ofDays(30), Duration.ofDays(7));
        assertThat(age.daysLeft(at(age.expiresAt().minus(Duration.ofDays(6)).minus(Duration.ofHours(1))))).isEqualTo(7);
        assertThat(age.daysLeft(at(age.expiresAt().minus(Duration.ofDays(7))))).isEqualTo(7);
        assertThat(age.daysLeft(at(age.expiresAt().minusSeconds(1)))).isEqualTo(1);
        assertThat(age.daysLeft(at(age.expiresAt()))).isZero();
        assertThat(age.daysLeft(at(age.expiresAt().plusSeconds(100)))).isZero();
        assertThat(age.remaining(at(age.expiresAt().plusSeconds(100)))).isEqualTo(Duration.ZERO);
        assertThat(age.remaining(at(CHANGED))).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void configurablePeriodsSuchAsAYear() {
        PasswordAge age = PasswordAge.of(CHANGED, Duration.ofDays(365), Duration.ofDays(7));
        assertThat(age.state(at(CHANGED.plus(Duration.ofDays(100))))).isEqualTo(PasswordAge.State.VALID);
        assertThat(age.state(at(CHANGED.plus(Duration.ofDays(360))))).isEqualTo(PasswordAge.State.WARN);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> PasswordAge.of(null, PasswordPolicy.defaults())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PasswordAge(CHANGED, CHANGED.minusSeconds(1), CHANGED.plusSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordAge(CHANGED, CHANGED.plusSeconds(20), CHANGED.plusSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
