package org.telecare.archive.routing;

import io.vertx.core.Future;
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
import org.telecare.archive.remote.RemoteAeJson.InvalidField;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.web.ApiErrors;
import org.telecare.web.ApiException;
import org.telecare.web.ClientAddress;
import org.telecare.web.JsonBody;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Auto-routing's admin API, all routes here: {@code GET /archive/routing/rules},
 * {@code PUT|DELETE /archive/routing/rules/:name}; {@code GET /archive/routing/jobs}
 * ({@code ?state=pending|failed}, {@code &destination=AE}), {@code GET /archive/routing/jobs/:id},
 * {@code POST /archive/routing/jobs/:id/retry}. Writes are audited (SEC-8).
 */
public final class RoutingRoutes {
    public static final Permission READ = Permission.of("archive.routing.read");
    public static final Permission WRITE = Permission.of("archive.routing.write");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final RoutingRules rules;
    private final ForwardQueue queue;
    private final ForwardSender sender;
    private final RemoteAes remotes;
    private final Supplier<Set<String>> destinations;
    private final DataAccessLog log;
    private final Clock clock;

    public RoutingRoutes(RoutingRules rules, ForwardQueue queue, ForwardSender sender, RemoteAes remotes,
                         Supplier<Set<String>> destinations, DataAccessLog log, Clock clock) {
        this.rules = rules;
        this.queue = queue;
        this.sender = sender;
        this.remotes = remotes;
        this.destinations = destinations;
        this.log = log;
        this.clock = clock;
    }

    public void mount(Router api, AccessGuard guard) {
        api.route("/archive/routing/*").handler(JsonBody.handler());
        api.get("/archive/routing/rules").handler(guard.require(READ)).handler(this::rules);
        api.put("/archive/routing/rules/:name").handler(guard.require(WRITE)).handler(this::putRule);
        api.delete("/archive/routing/rules/:name").handler(guard.require(WRITE)).handler(this::deleteRule);
        api.get("/archive/routing/jobs").handler(guard.require(READ)).handler(this::jobs);
        api.get("/archive/routing/jobs/:id").handler(guard.require(READ)).handler(this::job);
        api.post("/archive/routing/jobs/:id/retry").handler(guard.require(WRITE)).handler(this::retry);
    }

    private static String name(RoutingContext ctx) {
        String n = ctx.pathParam("name");
        if (n == null || !NAME.matcher(n).matches()) {
            throw ApiException.badRequest("a rule name is 1..64 letters, digits, '.', '_' or '-'");
        }
        return n;
    }

    private void rules(RoutingContext ctx) {
        ctx.json(new JsonObject().put("rules", new JsonArray(rules.all().stream()
                .sorted(Comparator.comparing(RoutingRule::name)).map(RoutingRule::toJson).toList())));
    }

    private void putRule(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String name = name(ctx);
        RoutingRule rule;
        try {
            rule = RoutingRule.parse(JsonBody.of(ctx), Optional.of(name), false);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (remotes.byTitle(rule.destination()).isEmpty()) {
            throw ApiException.badRequest(new InvalidField("destination", "'" + rule.destination()
                    + "' is not a known remote AE (add it under /archive/remotes first)").getMessage());
        }
        boolean existed = rules.byName(name).isPresent();
        rules.put(rule).onSuccess(v -> {
            log.record(p, ClientAddress.of(ctx), DataAction.WRITE, "routing-rule", name,
                    new AccessDecision.Allowed((existed ? "updated: " : "added: ") + rule.toJson().encode(),
                            Optional.empty()));
            ctx.response().setStatusCode(existed ? 200 : 201);
            ctx.json(rule.toJson());
        }).onFailure(ctx::fail);
    }

    private void deleteRule(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String name = name(ctx);
        rules.delete(name).onSuccess(found -> {
            if (!found) {
                ctx.fail(new ApiException(404, ApiErrors.NOT_FOUND, "no routing rule '" + name + "'"));
                return;
            }
            log.record(p, ClientAddress.of(ctx), DataAction.DELETE, "routing-rule", name,
                    new AccessDecision.Allowed("removed", Optional.empty()));
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private void jobs(RoutingContext ctx) {
        String state = Optional.ofNullable(ctx.request().getParam("state")).orElse("all");
        if (!Set.of("all", "pending", "failed").contains(state)) {
            throw ApiException.badRequest("query parameter 'state' must be pending, failed or all");
        }
        String only = ctx.request().getParam("destination");
        Set<String> which = only == null ? new TreeSet<>(destinations.get()) : Set.of(only.strip());
        List<Future<List<ForwardQueue.Versioned>>> reads = new ArrayList<>();
        for (String d : which) {
            if (!state.equals("failed")) {
                reads.add(queue.pendingOf(d));
            }
            if (!state.equals("pending")) {
                reads.add(queue.failedOf(d));
            }
        }
        Future.all(reads).onSuccess(x -> {
            JsonArray out = new JsonArray();
            reads.forEach(f -> f.result().forEach(v -> out.add(v.job().toJson())));
            ctx.json(new JsonObject().put("jobs", out));
        }).onFailure(ctx::fail);
    }

    private void job(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        queue.get(id).onSuccess(v -> v.ifPresentOrElse(j -> ctx.json(j.job().toJson()),
                () -> ctx.fail(new ApiException(404, ApiErrors.NOT_FOUND, "no forward job '" + id + "'"))))
                .onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = ctx.pathParam("id");
        queue.retry(id, clock.instant()).onSuccess(j -> {
            if (j.isEmpty()) {
                ctx.fail(new ApiException(404, ApiErrors.NOT_FOUND, "no forward job '" + id + "'"));
                return;
            }
            log.record(p, ClientAddress.of(ctx), DataAction.WRITE, "routing-job", id,
                    new AccessDecision.Allowed("manual retry to " + j.get().destination(), Optional.empty()));
            sender.kick(j.get().destination());
            ctx.json(j.get().toJson());
        }).onFailure(ctx::fail);
    }
}
