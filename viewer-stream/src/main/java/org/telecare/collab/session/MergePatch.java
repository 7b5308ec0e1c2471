package org.telecare.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396 §2): a patch object's members replace the target's, {@code null}
 * removes a member, nested objects merge recursively, and anything that is not an object
 * (arrays included) replaces the target wholesale. Chosen for the shared viewing state because
 * a presenter's change is naturally "these few fields now have these values", it is idempotent,
 * and browsers can produce and apply it in a dozen lines.
 */
public final class MergePatch {
    /** Deeper documents are refused: the state is a few levels deep, and recursion must stay bounded. */
    public static final int MAX_DEPTH = 16;

    private MergePatch() {
    }

    /** A new document: {@code target} with {@code patch} applied; neither argument is changed. */
    public static JsonObject apply(JsonObject target, JsonObject patch) {
        return merge(target == null ? new JsonObject() : target.copy(), patch);
    }

    private static JsonObject merge(JsonObject target, JsonObject patch) {
        for (Map.Entry<String, Object> e : patch) {
            Object value = e.getValue();
            if (value == null) {
                target.remove(e.getKey());
            } else if (value instanceof JsonObject p) {
                Object existing = target.getValue(e.getKey());
                JsonObject base = existing instanceof JsonObject o ? o : new JsonObject();
                target.put(e.getKey(), merge(base, p));
            } else {
                target.put(e.getKey(), copy(value));
            }
        }
        return target;
    }

    private static Object copy(Object value) {
        if (value instanceof JsonArray a) {
            return a.copy();
        }
        return value;
    }

    /** The nesting depth of a document: 1 for an object of scalars. */
    public static int depth(Object value) {
        if (value instanceof JsonObject o) {
            int max = 0;
            for (Map.Entry<String, Object> e : o) {
                max = Math.max(max, depth(e.getValue()));
                if (max > MAX_DEPTH) {
                    return max;
                }
            }
            return max + 1;
        }
        if (value instanceof JsonArray a) {
            int max = 0;
            for (Object v : a) {
                max = Math.max(max, depth(v));
                if (max > MAX_DEPTH) {
                    return max;
                }
            }
            return max + 1;
        }
        return 0;
    }
}
