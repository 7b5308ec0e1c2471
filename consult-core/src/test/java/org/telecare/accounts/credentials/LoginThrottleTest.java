package org.telecare.accounts.credentials;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private static final Instant START = Instant.parse("2025-03-01T01:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final LoginThrottle throttle = new LoginThrottle(ThrottlePolicy.defaults(), clock);

    private FailureState fail(FailureState s, int times) {
        for (int i = 0; i < times; i++) {
            s = throttle.onFailure(s);
            clock.advance(Duration.ofSeconds(5));
        }
        return s;
    }

    @Test
    void aFreshAccountIsAllowedWithoutCaptcha() {
        assertThat(throttle.decide(FailureState.CLEAR)).isEqualTo(new LoginDecision.Allowed());
        assertThat(throttle.remainingAttempts(FailureState.CLEAR)).isEqualTo(5);
    }

    @Test
    void theFirstFailureRequiresACaptcha() {
        FailureState s = throttle.onFailure(FailureState.CLEAR);
        assertThat(s).isEqualTo(new FailureState(1, Optional.empty(), START));
        assertThat(throttle.decide(s)).isEqualTo(new LoginDecision.CaptchaRequired());
        assertThat(throttle.remainingAttempts(s)).isEqualTo(4);
    }

    @Test
    void theFifthFailureLocksForFifteenMinutes() {
        FailureState s = fail(FailureState.CLEAR, 4);
        assertThat(throttle.decide(s)).isEqualTo(new LoginDecision.CaptchaRequired());
        Instant fifth = clock.instant();
        s = throttle.onFailure(s);
        Instant until = fifth.plus(Duration.ofMinutes(15));
        assertThat(s).isEqualTo(new FailureState(5, Optional.of(until), fifth));
        assertThat(throttle.decide(s)).isEqualTo(new LoginDecision.Locked(until));
        assertThat(throttle.remainingAttempts(s)).isZero();
    }

    @Test
    void failuresDuringALockNeitherCountNorExtendIt() {
        FailureState locked = fail(FailureState.CLEAR, 5);
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.onFailure(locked)).isSameAs(locked);
        assertThat(throttle.decide(locked)).isInstanceOf(LoginDecision.Locked.class);
    }

    @Test
    void theLockLiftsByItselfAndCountingStartsAgain() {
        FailureState locked = fail(FailureState.CLEAR, 5);
        Instant until = locked.lockedUntil().orElseThrow();
        clock.set(until.minusMillis(1));
        assertThat(throttle.decide(locked)).isEqualTo(new LoginDecision.Locked(until));
        clock.set(until);
        assertThat(throttle.decide(locked)).isEqualTo(new LoginDecision.Allowed());
        assertThat(throttle.remainingAttempts(locked)).isEqualTo(5);

        FailureState again = throttle.onFailure(locked);
        assertThat(again.failures()).isEqualTo(1);
        assertThat(again.lockedUntil()).isEmpty();
        assertThat(throttle.decide(again)).isEqualTo(new LoginDecision.CaptchaRequired());
    }

    @Test
    void successClearsEverything() {
        FailureState s = fail(FailureState.CLEAR, 3);
        assertThat(throttle.onSuccess(s)).isEqualTo(FailureState.CLEAR);
        assertThat(throttle.decide(throttle.onSuccess(s))).isEqualTo(new LoginDecision.Allowed());
    }

    @Test
    void oldFailuresAreForgotten() {
        FailureState s = fail(FailureState.CLEAR, 4);
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.decide(s)).isEqualTo(new LoginDecision.Allowed());
        FailureState next = throttle.onFailure(s);
        assertThat(next.failures()).isEqualTo(1);
        assertThat(next.lockedUntil()).isEmpty();
    }

    @Test
    void failuresWithinTheWindowKeepCounting() {
        FailureState s = throttle.onFailure(FailureState.CLEAR);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(14));
            s = throttle.onFailure(s);
        }
        assertThat(s.failures()).isEqualTo(4);
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.onFailure(s).lockedUntil()).isPresent();
    }

    @Test
    void captchaCanBeRequiredAlwaysOrLater() {
        LoginThrottle always = new LoginThrottle(new ThrottlePolicy(5, Duration.ofMinutes(15), 0, Duration.ofMinutes(15)), clock);
        assertThat(always.decide(FailureState.CLEAR)).isEqualTo(new LoginDecision.CaptchaRequired());

        LoginThrottle later = new LoginThrottle(new ThrottlePolicy(5, Duration.ofMinutes(15), 3, Duration.ofMinutes(15)), clock);
        FailureState s = later.onFailure(later.onFailure(FailureState.CLEAR));
        assertThat(later.decide(s)).isEqualTo(new LoginDecision.Allowed());
        assertThat(later.decide(later.onFailure(s))).isEqualTo(new LoginDecision.CaptchaRequired());
    }

    @Test
    void configurableThresholdAndDuration() {
        LoginThrottle strict = new LoginThrottle(new ThrottlePolicy(1, Duration.ofMinutes(30), 1, Duration.ofHours(1)), clock);
        FailureState s = strict.onFailure(FailureState.CLEAR);
        assertThat(strict.decide(s)).isEqualTo(new LoginDecision.Locked(START.plus(Duration.ofMinutes(30))));
    }

    @Test
    void decisionsArePatternMatchable() {
        LoginDecision d = throttle.decide(fail(FailureState.CLEAR, 5));
        String text = switch (d) {
            case LoginDecision.Allowed a -> "allowed";
            case LoginDecision.CaptchaRequired c -> "captcha";
            case LoginDecision.Locked l -> "locked until " + l.until();
        };
        assertThat(text).startsWith("locked until 2025-03-01T01:");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> new FailureState(-1, Optional.empty(), START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureState(0, null, START)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FailureState(0, Optional.empty(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ThrottlePolicy(0, Duration.ofMinutes(1), 0, Duration.ofMinutes(1))).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new ThrottlePolicy(5, Duration.ZERO, 1, Duration.ofMinutes(1))).hasMessageContaining("lockDuration");
        assertThatThrownBy(() -> new ThrottlePolicy(5, Duration.ofMinutes(1), 6, Duration.ofMinutes(1))).hasMessageContaining("captchaAfterFailures");
        assertThatThrownBy(() -> new ThrottlePolicy(5, Duration.ofMinutes(1), 1, Duration.ofMinutes(-1))).hasMessageContaining("resetAfter");
        assertThatThrownBy(() -> new LoginDecision.Locked(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> throttle.decide(null)).isInstanceOf(NullPointerException.class);
    }
}
