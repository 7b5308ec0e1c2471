package org.telecare.dicomweb.qido;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.Warnings;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * QIDO-RS search (PS3.18 §10.6) under {@code /api/v1/dicomweb}: studies, series and instances,
 * each level with or without the UIDs above it, answered from the study index in the DICOM JSON
 * model. Only matches of studies the data policies let the caller read are returned (SEC-4;
 * how that meets {@code limit} and {@code offset} is in {@link VisibleMatches}); each search is
 * reported once to the audit trail, with how many studies it showed and how many rows it hid
 * (SEC-8).
 *
 * <p>No match is 204 No Content, as PS3.18 §8.3.4.4.1 says (CP-2473 proposes 200 with an empty
 * array; clients in use accept both).
 */
public final class QidoRoutes {
    static final String BASE = "/dicomweb";

    private final StudyIndex index;
    private final StudyAccess access;

    public QidoRoutes(StudyIndex index, StudyAccess access) {
        this.index = index;
        this.access = access;
    }

    /** One handler for every level: the path says the level and which UIDs above it are fixed. */
    public void mount(Router api, AccessGuard guard) {
        api.get(BASE + "/studies").handler(guard.authenticated()).handler(ctx -> search(ctx, QueryLevel.STUDY));
        api.get(BASE + "/series").handler(guard.authenticated()).handler(ctx -> search(ctx, QueryLevel.SERIES));
        api.get(BASE + "/instances").handler(guard.authenticated()).handler(ctx -> search(ctx, QueryLevel.IMAGE));
        api.get(BASE + "/studies/:study/series").handler(guard.authenticated()).handler(ctx -> search(ctx, QueryLevel.SERIES));
        api.get(BASE + "/studies/:study/instances").handler(guard.authenticated()).handler(ctx -> search(ctx, QueryLevel.IMAGE));
        api.get(BASE + "/studies/:study/series/:series/instances").handler(guard.authenticated())
                .handler(ctx -> search(ctx, QueryLevel.IMAGE));
    }

    private void search(RoutingContext ctx, QueryLevel level) {
        acceptsJson(ctx.request().getHeader("Accept"));
        Map<QueryKey, String> path = new EnumMap<>(QueryKey.class);
        pathUid(ctx, "study").ifPresent(u -> path.put(QueryKey.StudyInstanceUID, u));
        pathUid(ctx, "series").ifPresent(u -> path.put(QueryKey.SeriesInstanceUID, u));
        // Hierarchical only when every level above is named; /series, /instances, /studies/{s}/instances are relational.
        boolean relational = switch (level) {
            case PATIENT, STUDY -> false;
            case SERIES -> !path.containsKey(QueryKey.StudyInstanceUID);
            case IMAGE -> !path.containsKey(QueryKey.SeriesInstanceUID);
        };
        QidoRequest request = QidoRequest.parse(ctx.queryParams(), level, path, relational);
        String target = ctx.request().path() + (ctx.request().query() == null ? "" : "?" + ctx.request().query());
        VisibleMatches.find(index, access, AccessGuard.principal(ctx), request.query())
                .recover(e -> io.vertx.core.Future.failedFuture(e instanceof IllegalArgumentException
                        ? DicomWebErrors.badQuery(e.getMessage()) : e))
                .onSuccess(found -> {
                    access.record(ctx, DataAction.READ, "query", target, new AccessDecision.Allowed(
                            found.matches().size() + " rows returned from " + found.studiesAllowed() + " readable studies, "
                                    + found.hidden() + " rows hidden by data policies", Optional.empty()));
                    request.warnings().forEach(w -> ctx.response().headers().add("Warning", Warnings.header(w)));
                    if (!found.complete()) {
                        ctx.response().headers().add("Warning", Warnings.header("the result is incomplete: the search stopped "
                                + "after its scan bound; narrow it by date, patient or accession number"));
                    }
                    if (found.matches().isEmpty()) {
                        ctx.response().setStatusCode(204).end();
                        return;
                    }
                    String base = ctx.request().scheme() + "://" + ctx.request().authority() + "/api/v1" + BASE;
                    JsonArray out = new JsonArray();
                    found.matches().forEach(m -> out.add(QidoJson.match(m, retrieveUrl(base, level, m))));
                    ctx.response().putHeader("Content-Type", "application/dicom+json").end(out.toBuffer());
                })
                .onFailure(ctx::fail);
    }

    private static String retrieveUrl(String base, QueryLevel level, Map<QueryKey, String> m) {
        String url = base + "/studies/" + m.get(QueryKey.StudyInstanceUID);
        if (level != QueryLevel.STUDY) {
            url += "/series/" + m.get(QueryKey.SeriesInstanceUID);
        }
        if (level == QueryLevel.IMAGE) {
            url += "/instances/" + m.get(QueryKey.SOPInstanceUID);
        }
        return url;
    }

    private static Optional<String> pathUid(RoutingContext ctx, String param) {
        String v = ctx.pathParam(param);
        if (v == null) {
            return Optional.empty();
        }
        if (!Uid.isValid(v)) {
            throw DicomWebErrors.badUid(param + " UID", v.length() > 80 ? v.substring(0, 80) + "…" : v);
        }
        return Optional.of(v);
    }

    /** QIDO-RS answers {@code application/dicom+json} (PS3.18 §10.6.3.3); XML is not offered. */
    private static void acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("application/dicom+json") || type.equals("application/json") || type.equals("*/*")
                    || type.equals("application/*")) {
                return;
            }
        }
        throw DicomWebErrors.notAcceptable("search results are answered as application/dicom+json");
    }
}
