package org.telecare.accounts.policy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.telecare.access.policy.DataAction;
import org.telecare.access.policy.DataPolicy;
import org.telecare.access.policy.Effect;
import org.telecare.access.policy.PolicyScope;
import org.telecare.access.policy.PolicySubjects;
import org.telecare.access.policy.TimeWindow;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A data policy as JSON, strictly: an unknown field, a wrong type or an unknown action is a 400
 * that names the field, never a silently broader rule.
 *
 * <pre>{"name", "effect": "allow"|"deny", "actions": ["read", …], "enabled",
 *  "subjects": {"users", "roles", "hospitals", "departments", "systems", "channels"},
 *  "scope": {"dataTypes", "hospitals", "departments", "patientClasses", "patients", "exams",
 *            "examTypes", "sourceSystems", "dataFrom", "dataUntil"},
 *  "validFrom", "validUntil"}</pre>
 */
public final class PolicyJson {
    static final int MAX_VALUES = 1000;
    static final int MAX_VALUE_LENGTH = 128;
    private static final Set<String> TOP = Set.of("id", "name", "effect", "actions", "enabled", "subjects", "scope",
            "validFrom", "validUntil", "ownerHospitalId");
    private static final Set<String> SUBJECTS = Set.of("users", "roles", "hospitals", "departments", "systems", "channels");
    private static final Set<String> SCOPE = Set.of("dataTypes", "hospitals", "departments", "patientClasses", "patients",
            "exams", "examTypes", "sourceSystems", "dataFrom", "dataUntil");
    public static final Set<String> CHANNELS = Set.of("web", "dicomweb", "dimse", "eventbus", "partner-api");

    private PolicyJson() {
    }

    /** Reads a policy an administrator sent; id and owner come from the server. */
    public static DataPolicy parse(JsonObject body, String id, Optional<String> ownerHospitalId) {
        known(body, TOP, "");
        String name = text(body, "name");
        String effect = text(body, "effect");
        if (!effect.equals("allow") && !effect.equals("deny")) {
            throw ApiException.badRequest("field 'effect' must be \"allow\" or \"deny\"");
        }
        Set<DataAction> actions = new LinkedHashSet<>();
        for (String a : strings(body, "actions", "")) {
            try {
                actions.add(DataAction.ofCode(a));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'actions': " + e.getMessage());
            }
        }
        if (actions.isEmpty()) {
            throw ApiException.badRequest("field 'actions' must name at least one of read, write, print, export, delete");
        }
        JsonObject s = object(body, "subjects");
        known(s, SUBJECTS, "subjects.");
        Set<String> channels = strings(s, "channels", "subjects.");
        for (String c : channels) {
            if (!CHANNELS.contains(c)) {
                throw ApiException.badRequest("field 'subjects.channels': unknown channel '" + c + "'; known: "
                        + new TreeSet<>(CHANNELS));
            }
        }
        PolicySubjects subjects = new PolicySubjects(strings(s, "users", "subjects."), strings(s, "roles", "subjects."),
                strings(s, "hospitals", "subjects."), strings(s, "departments", "subjects."),
                strings(s, "systems", "subjects."), channels);
        JsonObject sc = object(body, "scope");
        known(sc, SCOPE, "scope.");
        PolicyScope scope = new PolicyScope(strings(sc, "dataTypes", "scope."), strings(sc, "hospitals", "scope."),
                strings(sc, "departments", "scope."), strings(sc, "patientClasses", "scope."),
                strings(sc, "patients", "scope."), strings(sc, "exams", "scope."), strings(sc, "examTypes", "scope."),
                strings(sc, "sourceSystems", "scope."), window(sc, "dataFrom", "dataUntil", "scope."));
        Object enabled = body.getValue("enabled", true);
        if (!(enabled instanceof Boolean on)) {
            throw ApiException.badRequest("field 'enabled' must be true or false");
        }
        return new DataPolicy(id, name, effect.equals("allow") ? Effect.ALLOW : Effect.DENY, actions, subjects, scope,
                window(body, "validFrom", "validUntil", ""), on, ownerHospitalId);
    }

    public static JsonObject toJson(DataPolicy p) {
        JsonObject subjects = new JsonObject().put("users", sorted(p.subjects().users()))
                .put("roles", sorted(p.subjects().roles())).put("hospitals", sorted(p.subjects().hospitals()))
                .put("departments", sorted(p.subjects().departments())).put("systems", sorted(p.subjects().systems()))
                .put("channels", sorted(p.subjects().channels()));
        PolicyScope s = p.scope();
        JsonObject scope = new JsonObject().put("dataTypes", sorted(s.dataTypes())).put("hospitals", sorted(s.hospitals()))
                .put("departments", sorted(s.departments())).put("patientClasses", sorted(s.patientClasses()))
                .put("patients", sorted(s.patients())).put("exams", sorted(s.exams()))
                .put("examTypes", sorted(s.examTypes())).put("sourceSystems", sorted(s.sourceSystems()));
        s.dataPeriod().from().ifPresent(t -> scope.put("dataFrom", t.toString()));
        s.dataPeriod().until().ifPresent(t -> scope.put("dataUntil", t.toString()));
        JsonObject j = new JsonObject().put("id", p.id()).put("name", p.name()).put("effect", p.effect().code())
                .put("actions", new JsonArray(p.actions().stream().map(DataAction::code).sorted().toList()))
                .put("enabled", p.enabled()).put("subjects", subjects).put("scope", scope);
        p.validity().from().ifPresent(t -> j.put("validFrom", t.toString()));
        p.validity().until().ifPresent(t -> j.put("validUntil", t.toString()));
        p.ownerHospitalId().ifPresent(h -> j.put("ownerHospitalId", h));
        return j;
    }

    /** Reads back what {@link #toJson} stored. */
    static DataPolicy stored(JsonObject j) {
        return parse(j, j.getString("id"), Optional.ofNullable(j.getString("ownerHospitalId")));
    }

    private static JsonArray sorted(Set<String> values) {
        return new JsonArray(values.stream().sorted().toList());
    }

    private static void known(JsonObject json, Set<String> allowed, String prefix) {
        for (String f : json.fieldNames()) {
            if (!allowed.contains(f)) {
                throw ApiException.badRequest("unknown field '" + prefix + f + "'; known: " + new TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonObject json, String field) {
        if (!(json.getValue(field) instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
            throw ApiException.badRequest("field '" + field + "' must be text of 1-" + MAX_VALUE_LENGTH + " characters");
        }
        return s.strip();
    }

    private static JsonObject object(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return new JsonObject();
        }
        if (!(v instanceof JsonObject o)) {
            throw ApiException.badRequest("field '" + field + "' must be an object");
        }
        return o;
    }

    private static Set<String> strings(JsonObject json, String field, String prefix) {
        Object v = json.getValue(field);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof JsonArray array) || array.size() > MAX_VALUES) {
            throw ApiException.badRequest("field '" + prefix + field + "' must be a list of at most " + MAX_VALUES + " values");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : array) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
                throw ApiException.badRequest("field '" + prefix + field + "' must hold text values of 1-"
                        + MAX_VALUE_LENGTH + " characters");
            }
            out.add(s);
        }
        return out;
    }

    private static TimeWindow window(JsonObject json, String fromField, String untilField, String prefix) {
        Optional<Instant> from = instant(json, fromField, prefix);
        Optional<Instant> until = instant(json, untilField, prefix);
        try {
            return new TimeWindow(from, until);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("fields '" + prefix + fromField + "' and '" + prefix + untilField + "': "
                    + e.getMessage());
        }
    }

    private static Optional<Instant> instant(JsonObject json, String field, String prefix) {
        try {
            return JsonBody.optionalInstant(json, field);
        } catch (ApiException e) {
            throw ApiException.badRequest("field '" + prefix + field + "' must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
