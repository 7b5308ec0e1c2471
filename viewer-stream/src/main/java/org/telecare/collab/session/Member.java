package org.telecare.collab.session;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A user who joined a session: login (the session's name for them), display name, user id. */
public record Member(String login, String name, String userId, Instant joinedAt) {
    JsonObject toJson() {
        return new JsonObject().put("name", name).put("userId", userId).put("joinedAt", joinedAt.toString());
    }

    static Member fromJson(String login, JsonObject j) {
        return new Member(login, j.getString("name"), j.getString("userId"), Instant.parse(j.getString("joinedAt")));
    }
}
