package org.telecare.collab.session;

import io.vertx.core.json.JsonObject;

/** What a member does to the session's annotations (COLLAB-2); the server adds the author. */
public sealed interface AnnotationOp {
    record Add(String id, JsonObject data) implements AnnotationOp {
    }

    /** Replaces the annotation's data; the author stays. */
    record Update(String id, JsonObject data) implements AnnotationOp {
    }

    record Remove(String id) implements AnnotationOp {
    }

    /** The presenter removes every annotation of the session. */
    record Clear() implements AnnotationOp {
    }
}
