package org.telecare.accounts.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The login-failure state of one account, as the caller stores it (one row per login name,
 * updated with compare-and-set so concurrent attempts on several nodes cannot lose a failure).
 * {@link LoginThrottle} computes the next state; this record holds no logic but validation.
 *
 * @param failures    consecutive failures counted so far
 * @param lockedUntil when the current or last lock ends
 * @param lastFailure when the last failure happened ({@link Instant#EPOCH} in {@link #CLEAR})
 */
public record FailureState(int failures, Optional<Instant> lockedUntil, Instant lastFailure) {

    /** No failures: a new account, or after a successful login or an administrator's unlock. */
    public static final FailureState CLEAR = new FailureState(0, Optional.empty(), Instant.EPOCH);

    public FailureState {
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(lastFailure, "lastFailure");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative, was " + failures);
        }
    }
}
