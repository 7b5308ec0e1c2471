package org.telecare.accounts.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a password must be changed and from when the user is reminded (SEC-1 "periodic change
 * with reminder"; S004 §九 1.9: configurable period, a reminder a week before).
 *
 * <p>An administrator's "must change at next login" (first login, reset) is a separate flag of
 * the account and is not modelled here.
 *
 * @param changedAt when the password was last set
 * @param warnFrom  from this instant on the user is reminded to change it
 * @param expiresAt from this instant on the password no longer opens a session until changed
 */
public record PasswordAge(Instant changedAt, Instant warnFrom, Instant expiresAt) {

    public enum State {
        /** Nothing to say. */
        VALID,
        /** Still valid; remind the user to change it. */
        WARN,
        /** Must be changed before anything else is allowed. */
        EXPIRED
    }

    public PasswordAge {
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(warnFrom, "warnFrom");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (warnFrom.isAfter(expiresAt) || changedAt.isAfter(warnFrom)) {
            throw new IllegalArgumentException("expected changedAt <= warnFrom <= expiresAt");
        }
    }

    /** The age windows of a password last changed at {@code changedAt} under the policy. */
    public static PasswordAge of(Instant changedAt, PasswordPolicy policy) {
        return of(changedAt, policy.maxAge(), policy.warnBefore());
    }

    public static PasswordAge of(Instant changedAt, Duration maxAge, Duration warnBefore) {
        Objects.requireNonNull(changedAt, "changedAt");
        Instant expires = changedAt.plus(maxAge);
        return new PasswordAge(changedAt, expires.minus(warnBefore), expires);
    }

    public State state(Clock clock) {
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return now.isBefore(warnFrom) ? State.VALID : State.WARN;
    }

    public boolean expired(Clock clock) {
        return state(clock) == State.EXPIRED;
    }

    /** Time left until expiry; zero once expired. */
    public Duration remaining(Clock clock) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Whole days left, rounded up, for the reminder ("您的密码将在 3 天后过期"): 6 days and 1 hour
     * left is 7 days; 0 once expired.
     */
    public long daysLeft(Clock clock) {
        Duration left = remaining(clock);
        long days = left.toDays();
        return left.equals(Duration.ofDays(days)) ? days : days + 1;
    }
}
