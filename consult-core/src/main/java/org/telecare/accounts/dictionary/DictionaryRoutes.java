package org.telecare.accounts.dictionary;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.http.AccountEvents;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.util.Optional;
import java.util.Set;

/**
 * The dictionaries API (CON-12), under {@code /api/v1}:
 * <ul>
 *   <li>{@code GET /dictionaries} (any signed-in user): {@code [{id, builtIn}]}, the dictionaries
 *       that have entries, by id;</li>
 *   <li>{@code GET /dictionaries/:id} (any signed-in user): {@code {id, builtIn, entries:[…]}},
 *       every entry, disabled ones included (with {@code enabled:false}), by sort order then code;
 *       404 for a dictionary without entries;</li>
 *   <li>{@code PUT /dictionaries/:id/:code} (the write permission): {@code {label, labelEn?,
 *       sortOrder?, enabled?}} creates (201) or replaces (200) the entry; a new id creates a new
 *       dictionary;</li>
 *   <li>{@code PATCH /dictionaries/:id/:code} (the write permission): any of {@code enabled, label,
 *       labelEn, sortOrder} of an existing entry; {@code labelEn: null} removes the English label.</li>
 * </ul>
 * There is deliberately no DELETE: users, patients and consults store codes, and a deleted code
 * would leave them without a meaning. A code no longer wanted is disabled ({@code PATCH
 * {"enabled": false}}) and keeps its label for the records that hold it.
 *
 * <p>Bodies are checked strictly: unknown fields are refused, and a 400 names the field. Every
 * change is audited ({@code admin.dictionary.put}, {@code admin.dictionary.update}; target type
 * {@code dictionary-entry}, id {@code <dictionary>/<code>}).
 */
public final class DictionaryRoutes {
    /** A dictionary or a dictionary's codes are at their limit. */
    public static final int DICTIONARY_FULL = 2450;
    private static final Set<String> FIELDS = Set.of("label", "labelEn", "sortOrder", "enabled");
    private static final String KNOWN = "'enabled', 'label', 'labelEn', 'sortOrder'";

    private final Dictionaries dictionaries;
    private final AccountEvents events;

    public DictionaryRoutes(Dictionaries dictionaries, AccountEvents events) {
        this.dictionaries = dictionaries;
        this.events = events;
    }

    /** Mounts the routes on the {@code /api/v1} router; reading needs only a sign-in, changing {@code write}. */
    public void mount(Router api, AccessGuard guard, Permission write) {
        api.get("/dictionaries").handler(guard.authenticated()).handler(this::list);
        api.get("/dictionaries/:id").handler(guard.authenticated()).handler(this::get);
        api.put("/dictionaries/:id/:code").handler(JsonBody.handler()).handler(guard.require(write)).handler(this::put);
        api.patch("/dictionaries/:id/:code").handler(JsonBody.handler()).handler(guard.require(write))
                .handler(this::patch);
    }

    private void list(RoutingContext ctx) {
        reply(ctx, 200, dictionaries.ids().map(ids -> new JsonArray(ids.stream()
                .map(id -> new JsonObject().put("id", id).put("builtIn", Dictionaries.builtIn(id))).toList())));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!DictionaryEntry.DICTIONARY_ID.matcher(id).matches()) {
            throw AccountErrors.notFound("dictionary " + id);
        }
        reply(ctx, 200, dictionaries.entries(id).compose(entries -> entries.isEmpty()
                ? Future.failedFuture(AccountErrors.notFound("dictionary " + id))
                : Future.succeededFuture(new JsonObject().put("id", id).put("builtIn", Dictionaries.builtIn(id))
                .put("entries", new JsonArray(entries.stream().map(DictionaryEntry::toJson).toList())))));
    }

    private void put(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = dictionaryId(ctx);
        String code = code(ctx);
        JsonObject body = body(ctx);
        DictionaryEntry e = new DictionaryEntry(id, code, JsonBody.text(body, "label", DictionaryEntry.MAX_LABEL),
                Optional.ofNullable(JsonBody.optionalText(body, "labelEn", DictionaryEntry.MAX_LABEL)),
                sortOrder(body, 0), JsonBody.bool(body, "enabled", true));
        dictionaries.put(e).onSuccess(outcome -> {
            switch (outcome) {
                case TOO_MANY_ENTRIES -> ctx.fail(new ApiException(409, DICTIONARY_FULL, "dictionary " + id
                        + " already holds " + Dictionaries.MAX_ENTRIES + " codes; disable and reuse instead"));
                case TOO_MANY_DICTIONARIES -> ctx.fail(new ApiException(409, DICTIONARY_FULL, "there are already "
                        + Dictionaries.MAX_DICTIONARIES + " dictionaries"));
                case CREATED, REPLACED -> {
                    events.administered(ctx, p, "admin.dictionary.put", "dictionary-entry", id + "/" + code);
                    ctx.response().setStatusCode(outcome == Dictionaries.PutOutcome.CREATED ? 201 : 200);
                    ctx.json(e.toJson());
                }
            }
        }).onFailure(ctx::fail);
    }

    private void patch(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = dictionaryId(ctx);
        String code = code(ctx);
        JsonObject body = body(ctx);
        if (body.isEmpty()) {
            throw ApiException.badRequest("nothing to change: give any of " + KNOWN);
        }
        // Validate the body before touching the store.
        String label = body.containsKey("label") ? JsonBody.text(body, "label", DictionaryEntry.MAX_LABEL) : null;
        String labelEn = JsonBody.optionalText(body, "labelEn", DictionaryEntry.MAX_LABEL);
        Integer sort = body.containsKey("sortOrder") ? sortOrder(body, 0) : null;
        Boolean enabled = body.containsKey("enabled") ? JsonBody.bool(body, "enabled", true) : null;
        reply(ctx, 200, dictionaries.entry(id, code).compose(existing -> {
            if (existing.isEmpty()) {
                return Future.failedFuture(AccountErrors.notFound("dictionary entry " + id + "/" + code));
            }
            DictionaryEntry old = existing.get();
            DictionaryEntry updated = new DictionaryEntry(id, code, label == null ? old.label() : label,
                    body.containsKey("labelEn") ? Optional.ofNullable(labelEn) : old.labelEn(),
                    sort == null ? old.sortOrder() : sort, enabled == null ? old.enabled() : enabled);
            return dictionaries.replace(updated).map(v -> {
                events.administered(ctx, p, "admin.dictionary.update", "dictionary-entry", id + "/" + code);
                return updated.toJson();
            });
        }));
    }

    private static String dictionaryId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!DictionaryEntry.DICTIONARY_ID.matcher(id).matches()) {
            throw ApiException.badRequest("path parameter 'id' must be 2-32 characters: a lower-case letter, then "
                    + "lower-case letters, digits, '_' or '-'");
        }
        return id;
    }

    private static String code(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        if (!DictionaryEntry.CODE.matcher(code).matches()) {
            throw ApiException.badRequest("path parameter 'code' must be 1-32 letters, digits, '_', '.' or '-'");
        }
        return code;
    }

    private static JsonObject body(RoutingContext ctx) {
        JsonObject body = JsonBody.of(ctx);
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "'; known: " + KNOWN);
            }
        }
        return body;
    }

    private static int sortOrder(JsonObject body, int def) {
        Object v = body.getValue("sortOrder");
        if (v == null) {
            return def;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0
                || ((Number) v).longValue() > DictionaryEntry.MAX_SORT_ORDER) {
            throw ApiException.badRequest("field 'sortOrder' must be a whole number 0.." + DictionaryEntry.MAX_SORT_ORDER);
        }
        return ((Number) v).intValue();
    }

    private static void reply(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(body -> {
            ctx.response().setStatusCode(status);
            ctx.json(body);
        }).onFailure(ctx::fail);
    }
}
