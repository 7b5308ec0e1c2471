package org.telecare.archive.routing;

import io.vertx.core.json.JsonObject;
import org.telecare.archive.ingest.NewInstance;
import org.telecare.archive.remote.RemoteAeJson;
import org.telecare.archive.remote.RemoteAeJson.InvalidField;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Forward on receipt (ARC-3): every newly stored instance that matches all the given criteria is
 * sent to {@code destination}, a known remote AE. An absent criterion matches anything; titles
 * and UIDs match exactly, the modality case-insensitively.
 *
 * @param name        1..64 of letters, digits, '.', '_' and '-'; the rule's key
 * @param destination the AE title to forward to
 */
public record RoutingRule(String name, String destination, Optional<String> modality, Optional<String> callingAe,
                          Optional<String> calledAe, Optional<String> sopClass, boolean fromConfig) {
    static final Set<String> FIELDS = Set.of("name", "destination", "modality", "callingAe", "calledAe", "sopClass");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MODALITY = Pattern.compile("[A-Z0-9_ ]{1,16}");
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    public RoutingRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
    }

    public boolean matches(NewInstance i) {
        return modality.map(m -> m.equalsIgnoreCase(i.modality().strip())).orElse(true)
                && callingAe.map(a -> a.equals(i.callingAe().strip())).orElse(true)
                && calledAe.map(a -> a.equals(i.calledAe().strip())).orElse(true)
                && sopClass.map(c -> c.equals(i.sopClassUid())).orElse(true);
    }

    /**
     * Strict: unknown fields and bad values are refused with the field named.
     *
     * @param pathName the name in the URL for {@code PUT /rules/:name}
     */
    public static RoutingRule parse(JsonObject json, Optional<String> pathName, boolean fromConfig) {
        for (String f : json.fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw new InvalidField(f, "is unknown (known: " + new TreeSet<>(FIELDS) + ")");
            }
        }
        Object n = json.getValue("name");
        String name;
        if (n == null && pathName.isPresent()) {
            name = pathName.get();
        } else if (n instanceof String s) {
            name = s;
            if (pathName.isPresent() && !pathName.get().equals(s)) {
                throw new InvalidField("name", "differs from the rule name in the path");
            }
        } else {
            throw new InvalidField("name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidField("name", "must be 1..64 letters, digits, '.', '_' or '-'");
        }
        if (!(json.getValue("destination") instanceof String d)) {
            throw new InvalidField("destination", "is required: the AE title of a known remote AE");
        }
        String destination = RemoteAeJson.checkTitle("destination", d);
        Optional<String> modality = optional(json, "modality").map(m -> {
            String u = m.strip().toUpperCase(java.util.Locale.ROOT);
            if (!MODALITY.matcher(u).matches()) {
                throw new InvalidField("modality", "must be a modality code such as CT or MR (CS, 16 characters)");
            }
            return u;
        });
        Optional<String> calling = optional(json, "callingAe").map(a -> RemoteAeJson.checkTitle("callingAe", a));
        Optional<String> called = optional(json, "calledAe").map(a -> RemoteAeJson.checkTitle("calledAe", a));
        Optional<String> sopClass = optional(json, "sopClass").map(c -> {
            if (c.length() > 64 || !UID.matcher(c).matches()) {
                throw new InvalidField("sopClass", "must be a SOP Class UID (PS3.5 §9.1)");
            }
            return c;
        });
        return new RoutingRule(name, destination, modality, calling, called, sopClass, fromConfig);
    }

    private static Optional<String> optional(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidField(field, "must be a non-empty string when given");
        }
        return Optional.of(s);
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject().put("name", name).put("destination", destination);
        modality.ifPresent(v -> j.put("modality", v));
        callingAe.ifPresent(v -> j.put("callingAe", v));
        calledAe.ifPresent(v -> j.put("calledAe", v));
        sopClass.ifPresent(v -> j.put("sopClass", v));
        return j.put("source", fromConfig ? "config" : "api");
    }
}
