package org.telecare.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.node.cluster.ClusterPing;
import org.telecare.web.ApiErrors;
import org.telecare.web.ApiException;
import org.telecare.node.health.HealthReport;

import java.util.function.Supplier;

/**
 * The node's HTTP surface, all in one place: operations endpoints, the versioned API root that
 * modules mount under, and the web client.
 */
public final class HttpFront {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    public static final String API_ROOT = "/api/v1";

    private HttpFront() {
    }

    public static Router router(Vertx vertx, Router api, Supplier<HealthReport> health, ClusterPing ping,
                                PrometheusMeterRegistry metrics) {
        Router root = Router.router(vertx);
        root.route().handler(ctx -> {
            // Safe defaults for every answer; the accounts module tightens them (CSP, HSTS).
            ctx.response().putHeader("x-content-type-options", "nosniff")
                    .putHeader("x-frame-options", "SAMEORIGIN")
                    .putHeader("referrer-policy", "no-referrer");
            ctx.next();
        });

        root.get("/health").handler(ctx -> {
            HealthReport report = health.get();
            ctx.response().setStatusCode(report.ready() ? 200 : 503)
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("cache-control", "no-store")
                    .end(report.toJson().encodePrettily());
        });
        root.get("/health/cluster").handler(ctx -> {
            HealthReport report = health.get();
            ping.ping(report.members().size(), 3_000).onComplete(r -> {
                JsonArray answered = r.succeeded() ? r.result() : new JsonArray();
                ctx.response().setStatusCode(answered.size() >= report.members().size() ? 200 : 503)
                        .putHeader("content-type", "application/json; charset=utf-8")
                        .putHeader("cache-control", "no-store")
                        .end(new JsonObject().put("nodeId", report.nodeId())
                                .put("members", new JsonArray(report.members()))
                                .put("eventBus", answered).encodePrettily());
            });
        });
        root.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));

        root.route(API_ROOT + "/*").subRouter(api);
        api.route().last().handler(ctx -> ApiErrors.send(ctx, 404, ApiErrors.NOT_FOUND,
                "no such API route: " + ctx.request().method() + " " + ctx.request().path()));

        root.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(true)
                .setIndexPage("index.html"));
        root.route().last().handler(ctx -> ApiErrors.send(ctx, 404, ApiErrors.NOT_FOUND,
                "not found: " + ctx.request().path()));

        root.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (ctx.failure() instanceof ApiException e) {
                ApiErrors.send(ctx, e.status(), e.code(), e.getMessage());
            } else if (status == 413) {
                ApiErrors.send(ctx, 413, ApiErrors.BODY_TOO_LARGE, "request body too large");
            } else if (status == 405) {
                ApiErrors.send(ctx, 405, ApiErrors.METHOD_NOT_ALLOWED, "method not allowed here");
            } else if (status < 500) {
                ApiErrors.send(ctx, status, ApiErrors.BAD_REQUEST, "bad request");
            } else {
                // The cause goes to the log, never to the client.
                LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
                ApiErrors.send(ctx, 500, ApiErrors.INTERNAL, "internal error; see the node log");
            }
        });
        return root;
    }
}
