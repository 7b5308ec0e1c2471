package org.telecare.accounts.partner;

import org.telecare.web.ClientAddress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.AccountPermissions;
import org.telecare.accounts.HospitalScope;
import org.telecare.audit.AuditEvent;
import org.telecare.audit.AuditResult;
import org.telecare.audit.AuditTrail;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Administration of partner systems, and the partners' diagnostic route:
 * <ul>
 *   <li>{@code POST /admin/partners} ({@code admin.partners.write}): {@code {name, hospitalId,
 *       allowedIps:[…], permissions:[…], enabled?}}; answers 201 with the partner and its
 *       {@code secret} (base64 of 32 bytes), the only time the secret is ever shown;</li>
 *   <li>{@code GET /admin/partners} ({@code admin.partners.read}): the partners, never a secret;</li>
 *   <li>{@code PATCH /admin/partners/:id} ({@code admin.partners.write}): any of {@code enabled,
 *       allowedIps, name, permissions};</li>
 *   <li>{@code GET /partner/v1/ping}, signed by a partner ({@link PartnerGuard}): answers the partner
 *       id and its hospital, so that a partner can check its signing end to end.</li>
 * </ul>
 * Administrators without {@code admin.scope.all-hospitals} see and manage only their own hospital's
 * partners, and grant a partner only permissions they hold themselves.
 */
public final class PartnerRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerRoutes.class);
    private static final Pattern HOSPITAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_IPS = 64;
    static final int MAX_PERMISSIONS = 64;

    private final PartnerRegistry registry;
    private final PartnerGuard partnerGuard;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random;

    public PartnerRoutes(PartnerRegistry registry, PartnerGuard partnerGuard, AuditTrail audit, Clock clock,
                         SecureRandom random) {
        this.registry = registry;
        this.partnerGuard = partnerGuard;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    public PartnerRoutes(PartnerRegistry registry, PartnerGuard partnerGuard, AuditTrail audit, Clock clock) {
        this(registry, partnerGuard, audit, clock, new SecureRandom());
    }

    public void mount(Router api, AccessGuard guard) {
        api.post("/admin/partners").handler(JsonBody.handler()).handler(guard.require(PartnerPermissions.WRITE))
                .handler(this::create);
        api.get("/admin/partners").handler(guard.require(PartnerPermissions.READ)).handler(this::list);
        api.patch("/admin/partners/:id").handler(JsonBody.handler()).handler(guard.require(PartnerPermissions.WRITE))
                .handler(this::update);
        api.post("/admin/partners/:id/secret").handler(JsonBody.handler()).handler(guard.require(PartnerPermissions.WRITE))
                .handler(this::rotate);
        api.get("/partner/v1/ping").handler(partnerGuard.bodyHandler()).handler(partnerGuard.require())
                .handler(this::ping);
    }

    private static boolean allHospitals(Principal p) {
        return HospitalScope.all(p);
    }

    private static void checkHospital(Principal p, String hospitalId) {
        HospitalScope.check(p, hospitalId, "partners of another hospital");
    }

    private static void checkGrantable(Principal p, Set<Permission> permissions) {
        if (allHospitals(p)) {
            return;
        }
        for (Permission perm : permissions) {
            if (!p.has(perm)) {
                throw AccountErrors.forbidden("granting permission " + perm + " that you do not hold");
            }
        }
    }

    private void create(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        String name = JsonBody.text(body, "name", 128);
        String hospitalId = JsonBody.matching(body, "hospitalId", HOSPITAL_ID, "1-64 characters of [A-Za-z0-9_-]");
        List<IpRange> ips = ips(body, true);
        Set<Permission> permissions = permissions(body);
        boolean enabled = JsonBody.bool(body, "enabled", true);
        checkHospital(p, hospitalId);
        checkGrantable(p, permissions);
        byte[] secret = new byte[Partner.SECRET_BYTES];
        random.nextBytes(secret);
        Partner partner = new Partner("p-" + UUID.randomUUID(), name, hospitalId, secret, ips, permissions, enabled,
                clock.instant());
        reply(ctx, 201, registry.create(partner).map(created -> {
            administered(ctx, p, "partner.create", created);
            return created.toPublicJson().put("secret", Base64.getEncoder().encodeToString(secret));
        }));
    }

    private void list(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        reply(ctx, 200, registry.all().map(all -> new JsonArray(all.stream()
                .filter(x -> allHospitals(p) || p.hospitalId().map(x.hospitalId()::equals).orElse(false))
                .map(Partner::toPublicJson).toList())));
    }

    private void update(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        String id = ctx.pathParam("id");
        if (!PartnerGuard.PARTNER_ID.matcher(id).matches()) {
            throw notFound(id);
        }
        for (String field : body.fieldNames()) {
            if (!Set.of("enabled", "allowedIps", "name", "permissions").contains(field)) {
                throw ApiException.badRequest("field '" + field + "' cannot be changed (enabled, allowedIps, name, permissions)");
            }
        }
        Optional<Boolean> enabled = body.containsKey("enabled") ? Optional.of(JsonBody.bool(body, "enabled", true))
                : Optional.empty();
        Optional<List<IpRange>> ips = body.containsKey("allowedIps") ? Optional.of(ips(body, true)) : Optional.empty();
        Optional<String> name = body.containsKey("name") ? Optional.of(JsonBody.text(body, "name", 128)) : Optional.empty();
        Optional<Set<Permission>> permissions = body.containsKey("permissions") ? Optional.of(permissions(body))
                : Optional.empty();
        permissions.ifPresent(perms -> checkGrantable(p, perms));
        reply(ctx, 200, registry.find(id).compose(existing -> {
            if (existing.isEmpty()) {
                return Future.failedFuture(notFound(id));
            }
            checkHospital(p, existing.get().hospitalId());
            return registry.update(id, current -> {
                Partner next = current;
                if (enabled.isPresent()) {
                    next = next.withEnabled(enabled.get());
                }
                if (ips.isPresent()) {
                    next = next.withAllowedIps(ips.get());
                }
                if (name.isPresent()) {
                    next = next.withName(name.get());
                }
                if (permissions.isPresent()) {
                    next = next.withPermissions(permissions.get());
                }
                return next;
            });
        }).compose(updated -> updated.isEmpty() ? Future.failedFuture(notFound(id)) : Future.succeededFuture(updated.get()))
                .map(updated -> {
                    administered(ctx, p, "partner.update", updated);
                    return updated.toPublicJson();
                }));
    }

    /** A new key, shown once like the first; the old key stops working at once (a leaked key, staff leaving). */
    private void rotate(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = ctx.pathParam("id");
        if (!PartnerGuard.PARTNER_ID.matcher(id).matches()) {
            throw notFound(id);
        }
        byte[] secret = new byte[Partner.SECRET_BYTES];
        random.nextBytes(secret);
        reply(ctx, 200, registry.find(id).compose(existing -> {
            if (existing.isEmpty()) {
                return Future.failedFuture(notFound(id));
            }
            checkHospital(p, existing.get().hospitalId());
            return registry.update(id, current -> current.withSecret(secret));
        }).compose(updated -> updated.isEmpty() ? Future.failedFuture(notFound(id)) : Future.succeededFuture(updated.get()))
                .map(updated -> {
                    administered(ctx, p, "partner.rotate", updated);
                    return updated.toPublicJson().put("secret", Base64.getEncoder().encodeToString(secret));
                }));
    }

    private void ping(RoutingContext ctx) {
        Partner partner = PartnerGuard.partner(ctx);
        ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("partner", partner.id()).put("hospitalId", partner.hospitalId())
                        .put("serverTime", clock.instant().getEpochSecond()).encode());
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, PartnerErrors.PARTNER_NOT_FOUND, "partner not found: " + id);
    }

    private static List<IpRange> ips(JsonObject body, boolean required) {
        Object v = body.getValue("allowedIps");
        if (v == null && !required) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_IPS) {
            throw ApiException.badRequest("field 'allowedIps' must be a list of 1-" + MAX_IPS
                    + " IP addresses or CIDR ranges (e.g. \"10.0.0.1\", \"10.20.0.0/16\", \"2001:db8::/32\")");
        }
        List<IpRange> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s) || s.length() > 64) {
                throw ApiException.badRequest("field 'allowedIps' must hold strings (IP addresses or CIDR ranges)");
            }
            try {
                IpRange r = IpRange.parse(s);
                if (!out.contains(r)) {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'allowedIps': " + e.getMessage());
            }
        }
        return out;
    }

    private static Set<Permission> permissions(JsonObject body) {
        Object v = body.getValue("permissions");
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > MAX_PERMISSIONS) {
            throw ApiException.badRequest("field 'permissions' must be a list of at most " + MAX_PERMISSIONS
                    + " permission codes");
        }
        Set<Permission> out = new HashSet<>();
        for (Object o : a) {
            if (!(o instanceof String s) || s.length() > 128) {
                throw ApiException.badRequest("field 'permissions' must hold permission codes");
            }
            try {
                out.add(Permission.of(s));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'permissions': " + e.getMessage());
            }
        }
        return out;
    }

    private void administered(RoutingContext ctx, Principal p, String action, Partner partner) {
        String ip = ClientAddress.of(ctx);
        audit.record(AuditEvent.builder(action, AuditResult.SUCCESS).actor(p.userId()).hospital(p.hospitalId().orElse(null))
                        .ip(ip).target("partner", partner.id()).detail("partner", partner.toPublicJson()))
                .onFailure(e -> LOG.error("audit record not written: {}", e.getMessage(), e));
    }

    private static void reply(RoutingContext ctx, int status, Future<?> result) {
        result.onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            Object v = r.result();
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                    .end(v instanceof JsonArray a ? a.encode() : ((JsonObject) v).encode());
        });
    }
}
