package org.telecare.accounts.session;

import java.time.Duration;

/**
 * @param idleTimeout   a session unused this long ends (SEC-3; 15 minutes by default)
 * @param maxLifetime   a session ends this long after sign-in, used or not
 * @param touchInterval how stale "last seen" may get before it is written again: activity
 *                      refreshes the idle timer without a write per request
 */
public record SessionSettings(Duration idleTimeout, Duration maxLifetime, Duration touchInterval) {
    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofSeconds(60));
    }
}
