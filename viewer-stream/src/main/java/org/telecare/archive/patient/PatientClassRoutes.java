package org.telecare.archive.patient;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.DataAction;
import org.telecare.web.ApiException;
import org.telecare.web.ClientAddress;
import org.telecare.web.JsonBody;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET|PUT /api/v1/archive/patients/:patientId/classes} with {@code {"classes": ["VIP"]}}:
 * marking a patient special is itself a guarded, audited write (SEC-4, SEC-8).
 */
public final class PatientClassRoutes {
    public static final Permission CLASSIFY = Permission.of("data.patients.classify");
    private static final Pattern CLASS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

    private final PatientClasses classes;
    private final DataAccessLog log;
    private final Clock clock;

    public PatientClassRoutes(PatientClasses classes, DataAccessLog log, Clock clock) {
        this.classes = classes;
        this.log = log;
        this.clock = clock;
    }

    public void mount(Router api, AccessGuard guard) {
        api.route("/archive/patients/*").handler(JsonBody.handler());
        api.get("/archive/patients/:patient/classes").handler(guard.require(CLASSIFY)).handler(this::get);
        api.put("/archive/patients/:patient/classes").handler(guard.require(CLASSIFY)).handler(this::put);
    }

    private static String patient(RoutingContext ctx) {
        String id = ctx.pathParam("patient");
        if (id == null || id.isBlank() || id.length() > 64 || id.indexOf('\\') >= 0) {
            throw ApiException.badRequest("a Patient ID is 1-64 characters without backslash (LO, PS3.5)");
        }
        return id;
    }

    private void get(RoutingContext ctx) {
        String id = patient(ctx);
        classes.of(id).onSuccess(c -> ctx.json(new JsonObject().put("patientId", id)
                .put("classes", new JsonArray(c.stream().toList())))).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = patient(ctx);
        JsonObject body = JsonBody.of(ctx);
        if (!(body.getValue("classes") instanceof JsonArray array) || array.size() > PatientClasses.MAX_CLASSES) {
            throw ApiException.badRequest("field 'classes' must be a list of at most " + PatientClasses.MAX_CLASSES
                    + " class codes (e.g. [\"VIP\"])");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (Object o : array) {
            if (!(o instanceof String s) || !CLASS.matcher(s).matches()) {
                throw ApiException.badRequest("field 'classes': a class code is a letter then up to 31 letters, digits, '_' or '-'");
            }
            wanted.add(s);
        }
        classes.set(id, wanted, p.userId(), clock.instant()).onSuccess(v -> {
            log.record(p, ClientAddress.of(ctx), DataAction.WRITE, "patient-classes", id,
                    new AccessDecision.Allowed("classified as " + wanted, Optional.empty()));
            ctx.json(new JsonObject().put("patientId", id).put("classes", new JsonArray(wanted.stream().toList())));
        }).onFailure(ctx::fail);
    }
}
