package org.telecare.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What happened to a session, in the order of its sequence numbers. Every change of the session
 * record takes the next number, so a participant sees one gap-free stream of patches, presence
 * changes and finally the end; the same JSON goes over the event bus and to the browsers.
 */
public sealed interface SessionEvent {
    String PATCH = "patch";
    String PRESENCE = "presence";
    String ENDED = "ended";

    JsonObject toJson(long seq);

    /** A change of the shared state: RFC 7396 merge patch, from whom and from which connection. */
    record Patch(String from, String origin, JsonObject patch) implements SessionEvent {
        @Override
        public JsonObject toJson(long seq) {
            return new JsonObject().put("type", PATCH).put("seq", seq).put("from", from).put("origin", origin)
                    .put("patch", patch);
        }
    }

    /** Who is in, who is online, who presents, who asks to present. */
    record Presence(String presenter, String presenterRequest, JsonArray members, JsonArray invited)
            implements SessionEvent {
        static Presence of(CollabSession s) {
            return new Presence(s.presenter(), s.presenterRequest().orElse(null), s.memberList(),
                    new JsonArray(s.invited().stream().toList()));
        }

        @Override
        public JsonObject toJson(long seq) {
            return new JsonObject().put("type", PRESENCE).put("seq", seq).put("presenter", presenter)
                    .put("presenterRequest", presenterRequest).put("members", members).put("invited", invited);
        }
    }

    /** The session is over; connections close after this. */
    record Ended(String by) implements SessionEvent {
        @Override
        public JsonObject toJson(long seq) {
            return new JsonObject().put("type", ENDED).put("seq", seq).put("by", by);
        }
    }
}
