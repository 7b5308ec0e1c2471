package org.telecare.accounts.session;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A signed-in browser. The token itself is never stored: the record is keyed by its SHA-256, so
 * reading the database does not yield usable sessions.
 *
 * @param csrfToken sent back by the client in {@code X-CSRF-Token} on every state-changing
 *                  request, which a cross-site form cannot do
 * @param totpPending the user's role requires two-factor sign-in and the user has not enrolled
 *                    yet: until they do, this session reaches only the enrolment routes
 */
public record Session(String id, String userId, String csrfToken, Instant createdAt, Instant lastSeenAt,
                      String ip, boolean totpPending) {

    JsonObject toJson() {
        return new JsonObject().put("userId", userId).put("csrf", csrfToken).put("createdAt", createdAt.toString())
                .put("lastSeenAt", lastSeenAt.toString()).put("ip", ip).put("totpPending", totpPending);
    }

    static Session fromJson(String id, JsonObject j) {
        return new Session(id, j.getString("userId"), j.getString("csrf"), Instant.parse(j.getString("createdAt")),
                Instant.parse(j.getString("lastSeenAt")), j.getString("ip"), j.getBoolean("totpPending", false));
    }

    Session seenAt(Instant now) {
        return new Session(id, userId, csrfToken, createdAt, now, ip, totpPending);
    }

    Session enrolled() {
        return new Session(id, userId, csrfToken, createdAt, lastSeenAt, ip, false);
    }
}
