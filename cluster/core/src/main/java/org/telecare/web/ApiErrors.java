package org.telecare.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Every error the HTTP API answers is JSON with a stable numeric code, so clients and partner
 * systems can act on it without parsing text (STYLE: versioned protocols, stable error codes).
 * Codes 1xxx belong to the node; modules take their own thousands (2xxx accounts and access).
 */
public final class ApiErrors {
    public static final int NOT_FOUND = 1404;
    public static final int METHOD_NOT_ALLOWED = 1405;
    public static final int BODY_TOO_LARGE = 1413;
    public static final int BAD_REQUEST = 1400;
    public static final int INTERNAL = 1500;
    public static final int NOT_READY = 1503;
    public static final int UNSUPPORTED_MEDIA_TYPE = 1415;

    private ApiErrors() {
    }

    public static void send(RoutingContext ctx, int status, int code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode());
    }
}
