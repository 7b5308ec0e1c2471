package org.telecare.collab.annotation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** One author's saved annotations on one study: the viewer's own JSON objects, kept as given. */
public record AnnotationSet(String studyUid, String userId, String login, String name, Instant updatedAt,
                            JsonArray annotations) {
    public AnnotationSet {
        annotations = annotations.copy();
    }

    public JsonObject toJson() {
        return new JsonObject().put("studyInstanceUid", studyUid).put("author", login).put("authorName", name)
                .put("userId", userId).put("updatedAt", updatedAt.toString()).put("annotations", annotations);
    }

    public static AnnotationSet fromJson(JsonObject j) {
        return new AnnotationSet(j.getString("studyInstanceUid"), j.getString("userId"), j.getString("author"),
                j.getString("authorName"), Instant.parse(j.getString("updatedAt")), j.getJsonArray("annotations"));
    }
}
