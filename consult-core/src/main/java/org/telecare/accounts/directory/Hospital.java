package org.telecare.accounts.directory;

import io.vertx.core.json.JsonObject;

/** A hospital of the platform (CON-12): the unit that owns users, departments and data. */
public record Hospital(String id, String name, String city, String contact, String level, boolean enabled) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("city", city).put("contact", contact)
                .put("level", level).put("enabled", enabled);
    }

    public static Hospital fromJson(JsonObject j) {
        return new Hospital(j.getString("id"), j.getString("name"), j.getString("city"), j.getString("contact"),
                j.getString("level"), j.getBoolean("enabled", true));
    }
}
