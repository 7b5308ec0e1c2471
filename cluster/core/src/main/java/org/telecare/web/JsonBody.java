package org.telecare.web;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.regex.Pattern;

/** JSON request bodies: size-capped, parsed strictly, fields checked with errors that name them. */
public final class JsonBody {
    /** JSON documents of the API are small; uploads use their own streaming routes. */
    public static final long MAX_BYTES = 256 * 1024;

    private JsonBody() {
    }

    /** Buffers at most {@link #MAX_BYTES} (413 beyond), no file uploads. */
    public static Handler<RoutingContext> handler() {
        return BodyHandler.create(false).setBodyLimit(MAX_BYTES);
    }

    /** The body as a JSON object, or a 400/415 that says what is wrong. */
    public static JsonObject of(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, ApiErrors.UNSUPPORTED_MEDIA_TYPE, "expected a JSON body (content-type: application/json)");
        }
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
            throw ApiException.badRequest("the request body is empty; a JSON object is expected");
        }
        String text = ctx.body().asString("UTF-8").strip();
        if (!text.startsWith("{")) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
    }

    /** A required string field, trimmed, 1..maxLength characters. */
    public static String text(JsonObject json, String field, int maxLength) {
        Object v = json.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' is required and must be a non-empty string");
        }
        String t = s.strip();
        if (t.length() > maxLength) {
            throw ApiException.badRequest("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return t;
    }

    /** An optional string field; null when absent. */
    public static String optionalText(JsonObject json, String field, int maxLength) {
        return json.getValue(field) == null ? null : text(json, field, maxLength);
    }

    public static String matching(JsonObject json, String field, Pattern pattern, String expected) {
        String v = text(json, field, 256);
        if (!pattern.matcher(v).matches()) {
            throw ApiException.badRequest("field '" + field + "' must be " + expected);
        }
        return v;
    }

    public static boolean bool(JsonObject json, String field, boolean def) {
        Object v = json.getValue(field);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiException.badRequest("field '" + field + "' must be true or false");
        }
        return b;
    }

    /** An optional ISO-8601 instant ({@code 2027-06-30T00:00:00Z}); empty when absent or null. */
    public static java.util.Optional<java.time.Instant> optionalInstant(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.Instant.parse((String) v));
        } catch (ClassCastException | java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("field '" + field + "' must be an ISO-8601 instant such as 2027-06-30T00:00:00Z");
        }
    }
}
