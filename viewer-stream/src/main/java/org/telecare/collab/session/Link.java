package org.telecare.collab.session;

import io.vertx.core.json.JsonObject;

/** One live WebSocket of a member, on some node: what makes a member "online". */
public record Link(String login, String node) {
    JsonObject toJson() {
        return new JsonObject().put("login", login).put("node", node);
    }

    static Link fromJson(JsonObject j) {
        return new Link(j.getString("login"), j.getString("node"));
    }
}
