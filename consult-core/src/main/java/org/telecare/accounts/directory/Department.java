package org.telecare.accounts.directory;

import io.vertx.core.json.JsonObject;

/** A department of one hospital (CON-12). */
public record Department(String id, String hospitalId, String code, String name, boolean enabled) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("hospitalId", hospitalId).put("code", code).put("name", name)
                .put("enabled", enabled);
    }

    public static Department fromJson(JsonObject j) {
        return new Department(j.getString("id"), j.getString("hospitalId"), j.getString("code"), j.getString("name"),
                j.getBoolean("enabled", true));
    }
}
