package org.telecare.collab.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Principal;
import org.telecare.access.policy.DataAction;
import org.telecare.access.policy.DataRequester;
import org.telecare.collab.CollabErrors;
import org.telecare.collab.annotation.AnnotationSet;
import org.telecare.collab.annotation.AnnotationStore;
import org.telecare.collab.session.MergePatch;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.web.ClientAddress;
import org.telecare.web.JsonBody;

import java.time.Clock;

/**
 * {@code /api/v1/studies/:study/annotations}: the caller's own saved annotations on a study
 * (read, replace, delete). Reading needs the study's data policies to allow {@code read},
 * saving {@code write} (SEC-4, logged). The other members of a session see them through
 * {@code GET /collab/sessions/:id/annotations}.
 */
public final class AnnotationRoutes {
    static final String BASE = "/studies/:study/annotations";
    public static final int MAX_ANNOTATIONS = 1_000;

    private final AnnotationStore store;
    private final StudyAccess studies;
    private final Clock clock;

    public AnnotationRoutes(AnnotationStore store, StudyAccess studies, Clock clock) {
        this.store = store;
        this.studies = studies;
        this.clock = clock;
    }

    public void mount(Router api, AccessGuard guard) {
        api.get(BASE).handler(guard.authenticated()).handler(this::get);
        api.put(BASE).handler(JsonBody.handler()).handler(guard.authenticated()).handler(this::put);
        api.delete(BASE).handler(guard.authenticated()).handler(this::delete);
    }

    private void get(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String study = study(ctx);
        studies.check(p, ClientAddress.of(ctx), DataRequester.WEB, study, DataAction.READ, "annotations", study)
                .compose(f -> store.of(study, p.userId()))
                .onSuccess(found -> SessionRoutes.reply(ctx, 200, found.map(AnnotationSet::toJson).orElseGet(() ->
                        new JsonObject().put("studyInstanceUid", study).put("author", p.login())
                                .put("authorName", p.displayName()).put("annotations", new JsonArray()))))
                .onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String study = study(ctx);
        JsonObject body = JsonBody.of(ctx);
        if (!(body.getValue("annotations") instanceof JsonArray list) || list.size() > MAX_ANNOTATIONS) {
            throw CollabErrors.bad("'annotations' is a list of at most " + MAX_ANNOTATIONS + " JSON objects");
        }
        for (Object a : list) {
            if (!(a instanceof JsonObject o)) {
                throw CollabErrors.bad("every annotation is a JSON object");
            }
            if (MergePatch.depth(o) > MergePatch.MAX_DEPTH) {
                throw CollabErrors.bad("an annotation is nested deeper than " + MergePatch.MAX_DEPTH + " levels");
            }
        }
        AnnotationSet set = new AnnotationSet(study, p.userId(), p.login(), p.displayName(), clock.instant(), list);
        studies.check(p, ClientAddress.of(ctx), DataRequester.WEB, study, DataAction.WRITE, "annotations", study)
                .compose(f -> store.put(set))
                .onSuccess(v -> SessionRoutes.reply(ctx, 200, set.toJson()))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String study = study(ctx);
        studies.check(p, ClientAddress.of(ctx), DataRequester.WEB, study, DataAction.WRITE, "annotations", study)
                .compose(f -> store.delete(study, p.userId()))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static String study(RoutingContext ctx) {
        String s = ctx.pathParam("study");
        if (s == null || !Uid.isValid(s)) {
            throw CollabErrors.bad("not a valid Study Instance UID");
        }
        return s;
    }
}
