package org.telecare.accounts.policy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAction;
import org.telecare.access.policy.DataPolicy;
import org.telecare.access.policy.DataRequester;
import org.telecare.access.policy.DataResource;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.AccountPermissions;
import org.telecare.accounts.HospitalScope;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.User;
import org.telecare.accounts.http.AccountEvents;
import org.telecare.accounts.role.RoleCatalog;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Administration of data policies (SEC-4): {@code GET|POST /admin/policies},
 * {@code GET|PUT|DELETE /admin/policies/:policy}, and {@code POST /admin/policies/evaluate}, which
 * answers "may this user do this to that data, and why" without touching any data.
 *
 * <p>A hospital administrator manages only policies over their own hospital's data: the policy
 * is owned by their hospital and its scope is limited to it. Platform policies (no owner) are
 * the platform administrator's.
 */
public final class PolicyRoutes {
    private final DataPolicies policies;
    private final AccountDirectory directory;
    private final RoleCatalog roles;
    private final AccountEvents events;

    public PolicyRoutes(DataPolicies policies, AccountDirectory directory, RoleCatalog roles, AccountEvents events) {
        this.policies = policies;
        this.directory = directory;
        this.roles = roles;
        this.events = events;
    }

    public void mount(Router api, AccessGuard guard) {
        api.get("/admin/policies").handler(guard.require(AccountPermissions.POLICIES_READ)).handler(this::list);
        api.post("/admin/policies/evaluate").handler(guard.require(AccountPermissions.POLICIES_READ))
                .handler(this::evaluate);
        api.post("/admin/policies").handler(guard.require(AccountPermissions.POLICIES_WRITE)).handler(this::create);
        api.get("/admin/policies/:policy").handler(guard.require(AccountPermissions.POLICIES_READ)).handler(this::get);
        api.put("/admin/policies/:policy").handler(guard.require(AccountPermissions.POLICIES_WRITE)).handler(this::replace);
        api.delete("/admin/policies/:policy").handler(guard.require(AccountPermissions.POLICIES_WRITE))
                .handler(this::remove);
    }

    private static boolean visible(Principal p, DataPolicy policy) {
        return HospitalScope.all(p) || policy.ownerHospitalId().isPresent()
                && HospitalScope.covers(p, policy.ownerHospitalId().get());
    }

    private void list(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        ctx.json(new JsonArray(policies.all().stream().filter(x -> visible(p, x))
                .sorted(Comparator.comparing(DataPolicy::name).thenComparing(DataPolicy::id))
                .map(PolicyJson::toJson).toList()));
    }

    private DataPolicy existing(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = ctx.pathParam("policy");
        DataPolicy policy = policies.find(id).orElseThrow(() -> AccountErrors.notFound("policy " + id));
        if (!visible(p, policy)) {
            throw AccountErrors.forbidden("policies of another hospital or of the platform");
        }
        return policy;
    }

    private void get(RoutingContext ctx) {
        ctx.json(PolicyJson.toJson(existing(ctx)));
    }

    private void create(RoutingContext ctx) {
        save(ctx, UUID.randomUUID().toString(), 201, "admin.policy.create");
    }

    private void replace(RoutingContext ctx) {
        save(ctx, existing(ctx).id(), 200, "admin.policy.update");
    }

    private void save(RoutingContext ctx, String id, int status, String action) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        Optional<String> owner = owner(p, body);
        DataPolicy policy = PolicyJson.parse(body, id, owner);
        if (!HospitalScope.all(p) && !policy.scope().hospitals().equals(owner.map(Set::of).orElse(Set.of()))) {
            throw AccountErrors.forbidden("a policy over data beyond one's own hospital: set scope.hospitals to ["
                    + owner.orElse("") + "]");
        }
        for (String role : policy.subjects().roles()) {
            if (!roles.exists(role)) {
                throw ApiException.badRequest("field 'subjects.roles': unknown role '" + role + "'");
            }
        }
        policies.put(policy).onSuccess(v -> {
            events.administered(ctx, p, action, "policy", id);
            ctx.response().setStatusCode(status);
            ctx.json(PolicyJson.toJson(policy));
        }).onFailure(ctx::fail);
    }

    /** Platform administrators choose the owner (or none); everyone else owns with their hospital. */
    private static Optional<String> owner(Principal p, JsonObject body) {
        Object given = body.getValue("ownerHospitalId");
        if (HospitalScope.all(p)) {
            if (given != null && !(given instanceof String)) {
                throw ApiException.badRequest("field 'ownerHospitalId' must be a hospital id or absent");
            }
            return Optional.ofNullable((String) given);
        }
        String own = p.hospitalId().orElseThrow(() -> AccountErrors.forbidden("policies without a hospital"));
        if (given != null && !own.equals(given)) {
            throw AccountErrors.forbidden("policies owned by another hospital");
        }
        return Optional.of(own);
    }

    private void remove(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        DataPolicy policy = existing(ctx);
        policies.delete(policy.id()).onSuccess(v -> {
            events.administered(ctx, p, "admin.policy.delete", "policy", policy.id());
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    /**
     * {@code {"userId" | "system", "channel", "action", "at", "resource": {"dataType", "hospitalId",
     * "departmentId", "patientId", "patientClasses", "examId", "examType", "sourceSystem", "dataTime"}}}
     */
    private void evaluate(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        String channel = Optional.ofNullable(JsonBody.optionalText(body, "channel", 32)).orElse(DataRequester.WEB);
        if (!PolicyJson.CHANNELS.contains(channel)) {
            throw ApiException.badRequest("field 'channel': unknown channel '" + channel + "'");
        }
        DataAction action;
        try {
            action = DataAction.ofCode(JsonBody.text(body, "action", 16));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field 'action': " + e.getMessage());
        }
        Instant at = instant(body, "at").orElse(null);
        DataResource resource = resource(body.getValue("resource"));
        resource.hospitalId().ifPresent(h -> HospitalScope.check(p, h, "asking about another hospital's data"));
        if (resource.hospitalId().isEmpty() && !HospitalScope.all(p)) {
            throw AccountErrors.forbidden("asking about data of no hospital");
        }
        String userId = JsonBody.optionalText(body, "userId", 64);
        String system = JsonBody.optionalText(body, "system", 64);
        if ((userId == null) == (system == null)) {
            throw ApiException.badRequest("give exactly one of 'userId' and 'system'");
        }
        Future<DataRequester> requester = system != null
                ? Future.succeededFuture(DataRequester.system(system, channel))
                : directory.user(userId).map(u -> {
                    User user = u.orElseThrow(() -> AccountErrors.notFound("user " + userId));
                    user.hospitalId().ifPresentOrElse(h -> HospitalScope.check(p, h, "users of another hospital"),
                            () -> {
                                if (!HospitalScope.all(p)) {
                                    throw AccountErrors.forbidden("platform users");
                                }
                            });
                    return requester(user, channel);
                });
        requester.map(r -> {
            AccessDecision d = at == null ? policies.decide(r, action, resource) : policies.decideAt(r, action, resource, at);
            JsonObject out = new JsonObject().put("allowed", d.allowed()).put("reason", d.reason());
            d.policyId().ifPresent(id -> out.put("policyId", id));
            return out;
        }).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    /** The requester a user is when they come through {@code channel}. */
    public DataRequester requester(User u, String channel) {
        Set<org.telecare.access.Permission> perms = roles.permissionsOf(u.roles());
        return new DataRequester(Optional.of(u.id()), u.roles(), u.hospitalId(), u.departmentId(), Optional.empty(),
                channel, perms.contains(AccountPermissions.ALL_HOSPITALS));
    }

    private static DataResource resource(Object value) {
        if (!(value instanceof JsonObject r)) {
            throw ApiException.badRequest("field 'resource' must be an object with at least 'dataType'");
        }
        Set<String> classes = new HashSet<>();
        Object c = r.getValue("patientClasses");
        if (c != null) {
            if (!(c instanceof JsonArray array)) {
                throw ApiException.badRequest("field 'resource.patientClasses' must be a list");
            }
            array.forEach(x -> classes.add(String.valueOf(x)));
        }
        return new DataResource(JsonBody.text(r, "dataType", 64), opt(r, "hospitalId"), opt(r, "departmentId"),
                opt(r, "patientId"), classes, opt(r, "examId"), opt(r, "examType"), opt(r, "sourceSystem"),
                instant(r, "dataTime"));
    }

    private static Optional<String> opt(JsonObject j, String field) {
        return Optional.ofNullable(JsonBody.optionalText(j, field, 128));
    }

    private static Optional<Instant> instant(JsonObject j, String field) {
        return JsonBody.optionalInstant(j, field);
    }
}
