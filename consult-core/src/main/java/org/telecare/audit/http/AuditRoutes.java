package org.telecare.audit.http;

import org.telecare.web.ClientAddress;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.audit.AuditEntry;
import org.telecare.audit.AuditEvent;
import org.telecare.audit.AuditQuery;
import org.telecare.audit.AuditResult;
import org.telecare.audit.AuditTrail;
import org.telecare.web.ApiException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The auditor's view of the trail (SEC-8): search and chain verification, read-only — there
 * are no routes that change or delete entries. Reading the trail is itself recorded.
 */
public final class AuditRoutes {
    /** Verification recomputes hashes entry by entry; one call checks at most this many. */
    static final long MAX_VERIFY_SPAN = 100_000;

    private final AuditTrail trail;
    private final AccessGuard guard;
    private final Permission read;

    public AuditRoutes(AuditTrail trail, AccessGuard guard, Permission read) {
        this.trail = trail;
        this.guard = guard;
        this.read = read;
    }

    public void mount(Router api) {
        api.get("/audit/entries").handler(guard.require(read)).handler(this::search);
        api.get("/audit/verify").handler(guard.require(read)).handler(this::verify);
    }

    private void search(RoutingContext ctx) {
        AuditQuery q;
        try {
            q = AuditQuery.between(instant(ctx, "from"), instant(ctx, "to"));
            String actor = ctx.queryParams().get("actor");
            if (actor != null) {
                q = q.withActor(actor);
            }
            String action = ctx.queryParams().get("action");
            if (action != null) {
                q = q.withActionPrefix(action);
            }
            String result = ctx.queryParams().get("result");
            if (result != null) {
                q = q.withResult(AuditResult.valueOf(result.toUpperCase(Locale.ROOT)));
            }
            String hospital = ctx.queryParams().get("hospital");
            if (hospital != null) {
                q = q.withActorHospital(hospital);
            }
            String limit = ctx.queryParams().get("limit");
            if (limit != null) {
                q = q.withLimit(Integer.parseInt(limit));
            }
            String cursor = ctx.queryParams().get("cursor");
            if (cursor != null) {
                q = q.withCursor(cursor);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Principal p = AccessGuard.principal(ctx);
        AuditQuery query = q;
        trail.search(query).onSuccess(page -> {
            recordRead(ctx, p, "audit.search", new JsonObject().put("from", query.from().toString())
                    .put("to", query.to().toString()).put("returned", page.entries().size()));
            JsonObject body = new JsonObject()
                    .put("entries", new JsonArray(page.entries().stream().map(AuditEntry::toJson).toList()))
                    .put("suspect", page.suspect());
            page.nextCursor().ifPresent(c -> body.put("nextCursor", c));
            ctx.json(body);
        }).onFailure(e -> ctx.fail(e instanceof IllegalArgumentException ? ApiException.badRequest(e.getMessage()) : e));
    }

    private void verify(RoutingContext ctx) {
        long from = number(ctx, "from", 1);
        long to = number(ctx, "to", from + MAX_VERIFY_SPAN - 1);
        if (from < 1 || to < from || to - from + 1 > MAX_VERIFY_SPAN) {
            throw ApiException.badRequest("from must be >= 1 and to - from < " + MAX_VERIFY_SPAN);
        }
        Principal p = AccessGuard.principal(ctx);
        trail.verify(from, to).onSuccess(v -> {
            recordRead(ctx, p, "audit.verify", new JsonObject().put("from", from).put("to", to).put("ok", v.ok()));
            ctx.json(v.toJson());
        }).onFailure(ctx::fail);
    }

    private void recordRead(RoutingContext ctx, Principal p, String action, JsonObject detail) {
        trail.record(AuditEvent.builder(action, AuditResult.SUCCESS).actor(p.userId())
                .hospital(p.hospitalId().orElse(null))
                .ip(ClientAddress.of(ctx))
                .detail(detail));
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            throw ApiException.badRequest("query parameter '" + name + "' is required (ISO-8601 instant)");
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be an ISO-8601 instant, e.g. 2026-11-22T00:00:00Z");
        }
    }

    private static long number(RoutingContext ctx, String name, long def) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be a whole number");
        }
    }
}
