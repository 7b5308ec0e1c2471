package org.telecare.accounts.credentials;

import java.time.Instant;
import java.util.Objects;

/** What {@link LoginThrottle} allows for the next login attempt of an account. */
public sealed interface LoginDecision {

    /** Check the password. */
    record Allowed() implements LoginDecision {
    }

    /** Check the captcha first, then the password (S004 §九 1.4). */
    record CaptchaRequired() implements LoginDecision {
    }

    /**
     * Refuse without checking the password, even a right one, until {@code until} (S004 §九 1.10).
     * The response may say so: the lock is the account's, not a secret of the attacker's guess.
     */
    record Locked(Instant until) implements LoginDecision {
        public Locked {
            Objects.requireNonNull(until, "until");
        }
    }
}
