package org.telecare.archive.remote;

import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of a registry row, read strictly (unknown fields, wrong types and bad values are
 * refused with the field named) for both {@code modules.archive.remotes} and the admin API:
 * {@code {"aeTitle", "host", "port", "hospitalId"?, "description"?, "retrieve"?: "move"|"get"}}.
 */
public final class RemoteAeJson {
    static final Set<String> FIELDS = Set.of("aeTitle", "host", "port", "hospitalId", "description", "retrieve");
    private static final int MAX_HOST = 253;
    private static final int MAX_DESCRIPTION = 256;

    private RemoteAeJson() {
    }

    /** A field that is wrong, and why. */
    public static final class InvalidField extends IllegalArgumentException {
        private final String field;

        public InvalidField(String field, String why) {
            super("field '" + field + "' " + why);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * @param pathTitle the title in the URL, when the JSON comes from {@code PUT /:aeTitle}: the
     *                  body may omit {@code aeTitle} but not contradict it
     */
    public static KnownAe parse(JsonObject json, Optional<String> pathTitle, boolean fromConfig) {
        for (String f : json.fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw new InvalidField(f, "is unknown (known: " + new TreeSet<>(FIELDS) + ")");
            }
        }
        String title = pathTitle.orElse(null);
        Object t = json.getValue("aeTitle");
        if (t != null || title == null) {
            if (!(t instanceof String s)) {
                throw new InvalidField("aeTitle", "is required: 1..16 characters, no backslash (PS3.5 §6.2, AE)");
            }
            title = checkTitle("aeTitle", s);
            if (pathTitle.isPresent() && !pathTitle.get().strip().equals(title)) {
                throw new InvalidField("aeTitle", "differs from the AE title in the path");
            }
        } else {
            title = checkTitle("aeTitle", title);
        }
        if (!(json.getValue("host") instanceof String host) || host.isBlank() || host.strip().length() > MAX_HOST
                || !host.strip().chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-'
                || c == ':' || c == '_')) {
            throw new InvalidField("host", "must be a host name or IP address");
        }
        if (!(json.getValue("port") instanceof Integer port) || port < 1 || port > 65535) {
            throw new InvalidField("port", "must be an integer 1..65535");
        }
        Optional<String> hospital = optionalText(json, "hospitalId", 64);
        String description = optionalText(json, "description", MAX_DESCRIPTION).orElse("");
        RetrieveMethod retrieve = RetrieveMethod.MOVE;
        if (json.getValue("retrieve") != null) {
            try {
                retrieve = RetrieveMethod.ofCode(String.valueOf(json.getValue("retrieve")));
            } catch (IllegalArgumentException e) {
                throw new InvalidField("retrieve", "must be move or get");
            }
        }
        return new KnownAe(new RemoteAe(title, host.strip(), port, hospital, description), retrieve, fromConfig);
    }

    public static String checkTitle(String field, String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 16 || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\')) {
            throw new InvalidField(field, "must be an AE title: 1..16 printable ASCII characters, no backslash (PS3.5 §6.2)");
        }
        return t;
    }

    private static Optional<String> optionalText(JsonObject json, String field, int max) {
        Object v = json.getValue(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s) || s.strip().length() > max || s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, "must be a string of at most " + max + " characters");
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    public static JsonObject toJson(KnownAe k) {
        RemoteAe ae = k.ae();
        JsonObject j = new JsonObject().put("aeTitle", ae.aeTitle()).put("host", ae.host()).put("port", ae.port());
        ae.hospitalId().ifPresent(h -> j.put("hospitalId", h));
        return j.put("description", ae.description()).put("retrieve", k.retrieve().code())
                .put("source", k.fromConfig() ? "config" : "api");
    }
}
