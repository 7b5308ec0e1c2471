package org.telecare.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed request into the API's JSON error: an {@link ApiException} as it says, a
 * framework status (413, 405, 4xx) with its stable code, anything else as a 500 whose cause goes
 * to the log and never to the client.
 */
public final class ApiFailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiFailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
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
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            ApiErrors.send(ctx, 500, ApiErrors.INTERNAL, "internal error; see the node log");
        }
    }
}
