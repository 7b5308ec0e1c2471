package org.telecare.archive.remote;

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
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.web.ApiErrors;
import org.telecare.web.ApiException;
import org.telecare.web.ClientAddress;
import org.telecare.web.JsonBody;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The remote AE registry's admin API, all routes here: {@code GET /archive/remotes},
 * {@code PUT|DELETE /archive/remotes/:aeTitle}, {@code POST /archive/remotes/:aeTitle/echo}
 * (C-ECHO, PS3.7 §9.1.5, with the round trip in milliseconds). Writes are audited (SEC-8).
 */
public final class RemoteAeRoutes {
    public static final Permission READ = Permission.of("archive.remotes.read");
    public static final Permission WRITE = Permission.of("archive.remotes.write");

    private final RemoteAeTable registry;
    private final DicomClient client;
    private final DataAccessLog log;

    public RemoteAeRoutes(RemoteAeTable registry, DicomClient client, DataAccessLog log) {
        this.registry = registry;
        this.client = client;
        this.log = log;
    }

    public void mount(Router api, AccessGuard guard) {
        api.route("/archive/remotes*").handler(JsonBody.handler());
        api.get("/archive/remotes").handler(guard.require(READ)).handler(this::list);
        api.put("/archive/remotes/:aeTitle").handler(guard.require(WRITE)).handler(this::put);
        api.delete("/archive/remotes/:aeTitle").handler(guard.require(WRITE)).handler(this::delete);
        api.post("/archive/remotes/:aeTitle/echo").handler(guard.require(WRITE)).handler(this::echo);
    }

    static String title(RoutingContext ctx) {
        try {
            return RemoteAeJson.checkTitle("aeTitle", ctx.pathParam("aeTitle"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void list(RoutingContext ctx) {
        List<KnownAe> rows = registry.rows().stream().sorted(Comparator.comparing(KnownAe::aeTitle)).toList();
        ctx.json(new JsonObject().put("remotes", new JsonArray(rows.stream().map(RemoteAeJson::toJson).toList())));
    }

    private void put(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String title = title(ctx);
        KnownAe k;
        try {
            k = RemoteAeJson.parse(JsonBody.of(ctx), Optional.of(title), false);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        boolean existed = registry.known(title).isPresent();
        registry.put(k).onSuccess(v -> {
            log.record(p, ClientAddress.of(ctx), DataAction.WRITE, "remote-ae", title, new AccessDecision.Allowed(
                    (existed ? "updated " : "added ") + k.ae().host() + ":" + k.ae().port(), Optional.empty()));
            ctx.response().setStatusCode(existed ? 200 : 201);
            ctx.json(RemoteAeJson.toJson(k));
        }).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String title = title(ctx);
        registry.delete(title).onSuccess(found -> {
            if (!found) {
                ctx.fail(new ApiException(404, ApiErrors.NOT_FOUND, "no remote AE '" + title + "'"));
                return;
            }
            log.record(p, ClientAddress.of(ctx), DataAction.DELETE, "remote-ae", title,
                    new AccessDecision.Allowed("removed", Optional.empty()));
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private void echo(RoutingContext ctx) {
        String title = title(ctx);
        RemoteAe ae = registry.byTitle(title).orElseThrow(() ->
                new ApiException(404, ApiErrors.NOT_FOUND, "no remote AE '" + title + "'"));
        long start = System.nanoTime();
        JsonObject out = new JsonObject().put("aeTitle", title).put("host", ae.host()).put("port", ae.port());
        client.connect(ae.host(), ae.port(), ae.aeTitle(), List.of(Offer.verification()))
                .compose(a -> a.echo().compose(status -> a.release().otherwiseEmpty().map(status)))
                .onComplete(ar -> {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (ar.succeeded()) {
                        out.put("ok", ar.result().kind() == org.telecare.dimse.message.Status.Kind.SUCCESS).put("status", String.format("%04X", ar.result().code()));
                    } else {
                        out.put("ok", false).put("error", String.valueOf(ar.cause().getMessage()));
                    }
                    ctx.json(out.put("roundTripMs", ms));
                });
    }
}
