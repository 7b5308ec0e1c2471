package org.telecare.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import org.telecare.node.cluster.ClusterPing;
import org.telecare.web.ApiErrors;
import org.telecare.web.ApiFailureHandler;
import org.telecare.node.health.HealthReport;

import java.util.function.Supplier;

/**
 * The node's HTTP surface, all in one place: operations endpoints, the versioned API root that
 * modules mount under, and the web client.
 */
public final class HttpFront {
    public static final String API_ROOT = "/api/v1";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; connect-src 'self' wss: ws:; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'self'; form-action 'self'";

    private HttpFront() {
    }

    public static Router router(Vertx vertx, Router api, Supplier<HealthReport> health, ClusterPing ping,
                                PrometheusMeterRegistry metrics) {
        Router root = Router.router(vertx);
        root.route().handler(ctx -> {
            // SEC-5: no sniffing, no framing by other sites, no referrers leaking patient URLs, scripts
            // only from this origin; camera and microphone for the consult room only from here.
            ctx.response().putHeader("x-content-type-options", "nosniff")
                    .putHeader("x-frame-options", "SAMEORIGIN")
                    .putHeader("referrer-policy", "no-referrer")
                    .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
                    .putHeader("permissions-policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
            if (ctx.request().isSSL()) {
                ctx.response().putHeader("strict-transport-security", "max-age=31536000");
            }
            if (ctx.request().path().startsWith(API_ROOT)) {
                ctx.response().putHeader("cache-control", "no-store");
            }
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

        root.route().failureHandler(new ApiFailureHandler());
        return root;
    }
}
