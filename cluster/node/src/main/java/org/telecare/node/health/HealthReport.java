package org.telecare.node.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.StorageHealth;

import java.util.List;

/**
 * What {@code GET /health} answers: ready only when storage is ready and every module started.
 *
 * @param members Hazelcast members as {@code {id, address, nodeId, local}}
 */
public record HealthReport(String nodeId, String version, boolean modulesStarted, List<JsonObject> members,
                           StorageHealth storage, List<String> modules, String problem) {

    public boolean ready() {
        return modulesStarted && storage.ready() && problem == null;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("status", ready() ? "UP" : "DOWN")
                .put("ready", ready())
                .put("nodeId", nodeId)
                .put("version", version)
                .put("members", new JsonArray(List.copyOf(members)))
                .put("storage", new JsonObject()
                        .put("backend", storage.backend())
                        .put("state", storage.state().name())
                        .put("detail", storage.detail()))
                .put("modules", new JsonArray(List.copyOf(modules)));
        if (problem != null) {
            json.put("problem", problem);
        }
        return json;
    }
}
