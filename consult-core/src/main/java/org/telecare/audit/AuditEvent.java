package org.telecare.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One audited action: who ({@code actor}, of which hospital, from which IP), when, what
 * ({@code action} on {@code targetType}/{@code targetId}), how it ended, and a small JSON detail.
 *
 * <p>The {@linkplain #canonicalJson() canonical form} (a fixed field order, detail keys sorted
 * recursively, time to the millisecond) is what the hash chain hashes; it is stored verbatim, so
 * verification never depends on re-encoding.
 *
 * <p>Fields that may carry request data ({@code actorHospital}, {@code sourceIp}, {@code targetType},
 * {@code targetId}, detail strings) are cut to their limit and have control characters replaced, never
 * refused, so that an oversized or hostile request is still audited. Fields the code chooses
 * ({@code id}, {@code actor}, {@code action}, {@code nodeId}) are checked strictly.
 *
 * @param id            unique id of the event (a random UUID unless given)
 * @param time          when it happened; kept to the millisecond
 * @param actor         user id, {@code "system"}, or {@code "partner:<id>"} for partner systems
 * @param actorHospital the actor's hospital id; {@code null} for system and unauthenticated actors
 * @param sourceIp      the client's address as the server saw it; {@code null} for internal events
 * @param action        a stable dotted code: {@code auth.login}, {@code auth.login.failed},
 *                      {@code auth.lockout}, {@code user.create}, {@code role.grant}, {@code data.read},
 *                      {@code data.export}, {@code admin.*} …
 * @param targetType    what kind of object was acted on ({@code user}, {@code consult} …); may be {@code null}
 * @param targetId      which one; may be {@code null}
 * @param result        how it ended
 * @param detail        small JSON object; values under keys that name secrets (password, token, secret,
 *                      captcha, otp …) are replaced by {@value #REDACTED}, so a careless caller cannot put a
 *                      secret into the trail; strings longer than {@value #MAX_DETAIL_STRING} characters are
 *                      cut, and if the whole is still over {@value #MAX_DETAIL_BYTES} bytes the last keys are
 *                      left out and {@code "_truncated":true} added
 * @param nodeId        the node that recorded it
 */
public record AuditEvent(String id, Instant time, String actor, String actorHospital, String sourceIp,
                         String action, String targetType, String targetId, AuditResult result,
                         JsonObject detail, String nodeId) {

    public static final int MAX_DETAIL_BYTES = 4096;
    public static final int MAX_DETAIL_STRING = 1024;
    static final String TRUNCATED_KEY = "_truncated";
    public static final String REDACTED = "[redacted]";
    public static final String SYSTEM = "system";

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|passwd|passphrase|secret|token|apikey|api_key|private_?key|cookie|authorization|credential|captcha|totp).*"
                    + "|pwd|otp|pin|sms_?code|code_?verifier");
    /** Fixed width (years 1970–9999), so that it also sorts as text. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Instant MIN_TIME = Instant.EPOCH;
    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    public AuditEvent {
        id = text("id", id, 64, false);
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.MILLIS);
        if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
            throw new IllegalArgumentException("time out of range: " + time);
        }
        actor = text("actor", actor, 128, false);
        actorHospital = lenient(actorHospital, 64);
        sourceIp = lenient(sourceIp, 64);
        if (sourceIp != null) {
            sourceIp = sourceIp.replace(' ', '_');
        }
        Objects.requireNonNull(action, "action");
        if (action.length() > 64 || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be a dotted lower-case code (e.g. auth.login), got: " + action);
        }
        targetType = lenient(targetType, 64);
        targetId = lenient(targetId, 256);
        Objects.requireNonNull(result, "result");
        detail = detail == null ? new JsonObject() : bounded(canonicalObject(detail));
        nodeId = text("nodeId", nodeId, 128, false);
    }

    /** A copy: the record itself stays immutable. */
    @Override
    public JsonObject detail() {
        return detail.copy();
    }

    /** The time as it appears in the canonical form: {@code 2025-03-01T08:00:00.000Z}. */
    public String timeText() {
        return TIME.format(time);
    }

    /** The canonical JSON object (a fresh copy each call). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("time", timeText())
                .put("actor", actor)
                .put("actorHospital", actorHospital)
                .put("sourceIp", sourceIp)
                .put("action", action)
                .put("targetType", targetType)
                .put("targetId", targetId)
                .put("result", result.name())
                .put("detail", detail.copy())
                .put("node", nodeId);
    }

    /** The canonical serialisation hashed by the chain: stable field order, sorted detail keys. */
    public String canonicalJson() {
        return toJson().encode();
    }

    /** Parses a canonical (or any equivalent) JSON form back; {@link IllegalArgumentException} if it is not one. */
    public static AuditEvent fromJson(String json) {
        try {
            return fromJson(new JsonObject(json));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not an audit event: " + e.getMessage(), e);
        }
    }

    public static AuditEvent fromJson(JsonObject o) {
        try {
            return new AuditEvent(o.getString("id"), Instant.parse(o.getString("time")), o.getString("actor"),
                    o.getString("actorHospital"), o.getString("sourceIp"), o.getString("action"),
                    o.getString("targetType"), o.getString("targetId"), AuditResult.valueOf(o.getString("result")),
                    o.getJsonObject("detail"), o.getString("node"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an audit event: " + e.getMessage(), e);
        }
    }

    public static Builder builder(String action, AuditResult result) {
        return new Builder(action, result);
    }

    private static String text(String what, String value, int max, boolean nullable) {
        if (value == null) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.isEmpty()) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
        }
        return value;
    }

    /** Cut to {@code max} characters (not inside a surrogate pair), control characters replaced; empty is null. */
    static String lenient(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String cut = value;
        if (cut.length() > max) {
            int end = Character.isHighSurrogate(cut.charAt(max - 1)) ? max - 1 : max;
            cut = cut.substring(0, end);
        }
        StringBuilder b = null;
        for (int i = 0; i < cut.length(); i++) {
            if (Character.isISOControl(cut.charAt(i))) {
                if (b == null) {
                    b = new StringBuilder(cut);
                }
                b.setCharAt(i, '\uFFFD');
            }
        }
        return b == null ? cut : b.toString();
    }

    /** The detail if small enough; otherwise its first keys (in sorted order) that fit, marked truncated. */
    private static JsonObject bounded(JsonObject detail) {
        if (size(detail) <= MAX_DETAIL_BYTES) {
            return detail;
        }
        JsonObject kept = new JsonObject();
        int budget = MAX_DETAIL_BYTES - size(new JsonObject().put(TRUNCATED_KEY, true)) - 1;
        for (Map.Entry<String, Object> e : detail) {
            if (e.getKey().equals(TRUNCATED_KEY)) {
                continue;
            }
            JsonObject candidate = kept.copy().put(e.getKey(), e.getValue());
            if (size(candidate) > budget) {
                break;
            }
            kept = candidate;
        }
        Map<String, Object> sorted = new TreeMap<>(kept.getMap());
        sorted.put(TRUNCATED_KEY, true);
        return new JsonObject(new java.util.LinkedHashMap<>(sorted));
    }

    private static int size(JsonObject o) {
        return o.encode().getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonObject canonicalObject(JsonObject in) {
        return new JsonObject(canonicalMap(in.getMap()));
    }

    private static Map<String, Object> canonicalMap(Map<String, Object> in) {
        Map<String, Object> sorted = new TreeMap<>(in);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        sorted.forEach((k, v) -> out.put(k, isSecret(k) && v != null ? REDACTED : canonicalValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object canonicalValue(Object v) {
        if (v instanceof String str) {
            return str.length() > MAX_DETAIL_STRING ? lenientDetail(str) : str;
        }
        if (v == null || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        if (v instanceof JsonObject o) {
            return canonicalObject(o);
        }
        if (v instanceof Map<?, ?> m) {
            return new JsonObject(canonicalMap((Map<String, Object>) m));
        }
        if (v instanceof JsonArray a) {
            return canonicalList(a.getList());
        }
        if (v instanceof List<?> l) {
            return canonicalList(l);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Instant i) {
            return TIME.format(i);
        }
        return v.toString();
    }

    private static JsonArray canonicalList(List<?> in) {
        List<Object> out = new ArrayList<>(in.size());
        for (Object o : in) {
            out.add(canonicalValue(o));
        }
        return new JsonArray(out);
    }

    private static String lenientDetail(String s) {
        int end = Character.isHighSurrogate(s.charAt(MAX_DETAIL_STRING - 2)) ? MAX_DETAIL_STRING - 2 : MAX_DETAIL_STRING - 1;
        return s.substring(0, end) + "…";
    }

    static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Assembles an event; {@link #build()} fills a random id and the current time when they were
     * not set. {@link AuditTrail#record} also fills the node id.
     */
    public static final class Builder {
        private String id;
        private Instant time;
        private String actor;
        private String actorHospital;
        private String sourceIp;
        private final String action;
        private String targetType;
        private String targetId;
        private final AuditResult result;
        private final JsonObject detail = new JsonObject();
        private String nodeId;

        private Builder(String action, AuditResult result) {
            this.action = action;
            this.result = result;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The user id, {@code "system"}, or {@code "partner:<id>"}. */
        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder hospital(String actorHospital) {
            this.actorHospital = actorHospital;
            return this;
        }

        public Builder ip(String sourceIp) {
            this.sourceIp = sourceIp;
            return this;
        }

        public Builder target(String type, String id) {
            this.targetType = type;
            this.targetId = id;
            return this;
        }

        public Builder detail(JsonObject more) {
            if (more != null) {
                more.forEach(e -> detail.put(e.getKey(), e.getValue()));
            }
            return this;
        }

        public Builder detail(String key, Object value) {
            detail.put(key, value);
            return this;
        }

        public Builder node(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        boolean hasNode() {
            return nodeId != null;
        }

        public AuditEvent build() {
            return new AuditEvent(id == null ? UUID.randomUUID().toString() : id, time == null ? Instant.now() : time,
                    actor, actorHospital, sourceIp, action, targetType, targetId, result, detail, nodeId);
        }
    }
}
