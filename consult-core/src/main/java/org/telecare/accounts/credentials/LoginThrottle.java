package org.telecare.accounts.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Lockout and captcha rules for logins (SEC-2; S004 §九 1.4, 1.10), as pure functions over a
 * {@link FailureState}: the caller reads the state, asks {@link #decide}, checks the credentials,
 * then stores {@link #onFailure} or {@link #onSuccess} with compare-and-set (retrying on conflict),
 * so several nodes can serve the same account.
 *
 * <p>Rules:
 * <ul>
 *   <li>While a lock lasts, every attempt is refused, and failures during it neither count nor
 *       extend it (the caller should not even check the password).</li>
 *   <li>A lock lifts by itself at {@code lockedUntil}; the count then starts again from zero.</li>
 *   <li>Failures older than {@link ThrottlePolicy#resetAfter()} are forgotten.</li>
 *   <li>After {@link ThrottlePolicy#captchaAfterFailures()} recent failures a captcha is required.</li>
 *   <li>The {@link ThrottlePolicy#maxFailures()}-th consecutive failure locks the account for
 *       {@link ThrottlePolicy#lockDuration()}.</li>
 *   <li>A successful login, or an administrator's unlock (S004 §九 1.18 "解冻"), clears the state.</li>
 * </ul>
 *
 * <p>To keep login names secret, the caller should keep state (and answer the same way) for
 * names that do not exist as well.
 */
public final class LoginThrottle {

    private final ThrottlePolicy policy;
    private final Clock clock;

    public LoginThrottle(ThrottlePolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ThrottlePolicy policy() {
        return policy;
    }

    /** What the next attempt may do. */
    public LoginDecision decide(FailureState state) {
        Instant now = clock.instant();
        Optional<Instant> lock = activeLock(state, now);
        if (lock.isPresent()) {
            return new LoginDecision.Locked(lock.get());
        }
        return recentFailures(state, now) >= policy.captchaAfterFailures()
                ? new LoginDecision.CaptchaRequired()
                : new LoginDecision.Allowed();
    }

    /** The state after a failed attempt (wrong password, wrong captcha, wrong TOTP code). */
    public FailureState onFailure(FailureState state) {
        Instant now = clock.instant();
        if (activeLock(state, now).isPresent()) {
            return state;
        }
        int failures = recentFailures(state, now) + 1;
        Optional<Instant> lockedUntil = failures >= policy.maxFailures()
                ? Optional.of(now.plus(policy.lockDuration()))
                : Optional.empty();
        return new FailureState(failures, lockedUntil, now);
    }

    /** The state after a successful login: everything forgotten. */
    public FailureState onSuccess(FailureState state) {
        Objects.requireNonNull(state, "state");
        return FailureState.CLEAR;
    }

    /** Failed attempts left before the lock (for "2 attempts left" messages); 0 while locked. */
    public int remainingAttempts(FailureState state) {
        Instant now = clock.instant();
        if (activeLock(state, now).isPresent()) {
            return 0;
        }
        return Math.max(0, policy.maxFailures() - recentFailures(state, now));
    }

    /** The lock's end if it is still in the future. */
    private static Optional<Instant> activeLock(FailureState state, Instant now) {
        return state.lockedUntil().filter(now::isBefore);
    }

    /** Failures that still count: none after a lock has expired or after {@code resetAfter} of quiet. */
    private int recentFailures(FailureState state, Instant now) {
        if (state.lockedUntil().isPresent()) {
            return 0;
        }
        if (!now.isBefore(state.lastFailure().plus(policy.resetAfter()))) {
            return 0;
        }
        return state.failures();
    }
}
