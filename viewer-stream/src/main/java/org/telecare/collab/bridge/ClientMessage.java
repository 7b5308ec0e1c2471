package org.telecare.collab.bridge;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.telecare.collab.CollabErrors;
import org.telecare.collab.session.AnnotationOp;
import org.telecare.web.ApiException;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a browser sends on the collaboration WebSocket (docs/collab-protocol.md): one JSON object
 * per text message, {@code type} first. Parsing is strict: unknown types and unknown or
 * mistyped fields are errors, so a client bug shows at once instead of a silent no-op.
 */
sealed interface ClientMessage {
    /** Echoed in an {@code error} answering this message, so the client can tell which failed. */
    Optional<String> ref();

    record Hello(String session, long lastSeq, Optional<String> ref) implements ClientMessage {
    }

    record State(JsonObject patch, Optional<String> ref) implements ClientMessage {
    }

    /** {@code pointer == null}: hide this member's pointer. */
    record Pointer(JsonObject pointer, Optional<String> ref) implements ClientMessage {
    }

    record Annotation(AnnotationOp op, Optional<String> ref) implements ClientMessage {
    }

    record Resync(Optional<String> ref) implements ClientMessage {
    }

    record Ping(Optional<String> ref) implements ClientMessage {
    }

    Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    Pattern REF = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    Pattern VIEWPORT = Pattern.compile("[A-Za-z0-9_.:-]{1,32}");

    static ClientMessage parse(String text) {
        JsonObject j;
        try {
            String t = text.strip();
            if (!t.startsWith("{")) {
                throw CollabErrors.bad("a message is one JSON object");
            }
            j = new JsonObject(t);
        } catch (DecodeException e) {
            throw CollabErrors.bad("the message is not valid JSON");
        }
        Optional<String> ref = Optional.empty();
        if (j.containsKey("ref")) {
            if (!(j.getValue("ref") instanceof String r) || !REF.matcher(r).matches()) {
                throw CollabErrors.bad("'ref' is 1-64 characters of letters, digits and _ . : -");
            }
            ref = Optional.of(r);
        }
        if (!(j.getValue("type") instanceof String type)) {
            throw CollabErrors.bad("the message has no 'type'");
        }
        return switch (type) {
            case "hello" -> {
                only(j, "session", "lastSeq");
                String session = j.getValue("session") instanceof String s && SESSION_ID.matcher(s).matches() ? s : null;
                if (session == null) {
                    throw CollabErrors.bad("hello needs 'session', the session id");
                }
                Object last = j.getValue("lastSeq");
                if (last != null && !(last instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue())) {
                    throw CollabErrors.bad("'lastSeq' is a whole number >= 0");
                }
                yield new Hello(session, last == null ? 0 : ((Number) last).longValue(), ref);
            }
            case "state" -> {
                only(j, "patch");
                if (!(j.getValue("patch") instanceof JsonObject patch)) {
                    throw CollabErrors.bad("state needs 'patch', a JSON object (RFC 7396 merge patch)");
                }
                yield new State(patch, ref);
            }
            case "pointer" -> {
                only(j, "x", "y", "z", "viewport", "hide");
                if (Boolean.TRUE.equals(j.getValue("hide"))) {
                    yield new Pointer(null, ref);
                }
                JsonObject p = new JsonObject();
                for (String axis : new String[]{"x", "y", "z"}) {
                    Object v = j.getValue(axis);
                    if (v == null && axis.equals("z")) {
                        continue;
                    }
                    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                        throw CollabErrors.bad("pointer needs numbers 'x' and 'y' (and may have 'z')");
                    }
                    p.put(axis, n);
                }
                if (!(j.getValue("viewport") instanceof String vp) || !VIEWPORT.matcher(vp).matches()) {
                    throw CollabErrors.bad("pointer needs 'viewport', the id of a viewport (1-32 characters)");
                }
                yield new Pointer(p.put("viewport", vp), ref);
            }
            case "annotation" -> {
                only(j, "op", "id", "data");
                String id = j.getValue("id") instanceof String s ? s : null;
                Object data = j.getValue("data");
                yield new Annotation(switch (String.valueOf(j.getValue("op"))) {
                    case "add" -> new AnnotationOp.Add(id, data(data));
                    case "update" -> new AnnotationOp.Update(id, data(data));
                    case "remove" -> new AnnotationOp.Remove(id);
                    case "clear" -> new AnnotationOp.Clear();
                    default -> throw CollabErrors.bad("annotation 'op' is add, update, remove or clear");
                }, ref);
            }
            case "resync" -> {
                only(j);
                yield new Resync(ref);
            }
            case "ping" -> {
                only(j);
                yield new Ping(ref);
            }
            default -> throw new ApiException(400, CollabErrors.UNKNOWN_TYPE, "unknown message type '"
                    + (type.length() > 32 ? type.substring(0, 32) + "…" : type)
                    + "' (hello, state, pointer, annotation, resync, ping)");
        };
    }

    private static JsonObject data(Object data) {
        if (!(data instanceof JsonObject o)) {
            throw CollabErrors.bad("annotation needs 'data', a JSON object");
        }
        if (o.containsKey("author")) {
            throw CollabErrors.bad("'author' is set by the server");
        }
        return o;
    }

    private static void only(JsonObject j, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (String f : j.fieldNames()) {
            if (!f.equals("type") && !f.equals("ref") && !allowed.contains(f)) {
                throw CollabErrors.bad("unknown field '" + (f.length() > 32 ? f.substring(0, 32) + "…" : f)
                        + "' in a " + j.getString("type") + " message");
            }
        }
    }
}
