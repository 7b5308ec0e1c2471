package org.telecare.collab.http;

import io.vertx.core.Future;
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
import org.telecare.collab.session.Change;
import org.telecare.collab.session.CollabSession;
import org.telecare.collab.session.Member;
import org.telecare.collab.session.SessionRegistry;
import org.telecare.collab.session.SessionRules;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.web.ClientAddress;
import org.telecare.web.JsonBody;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Collaborative sessions over HTTP, all routes of {@code /api/v1/collab/sessions} in one place
 * (COLLAB-1, COLLAB-2). Every route needs a signed-in user; creating and joining also need the
 * study's data policies to allow reading it (SEC-4, logged). A session that the caller is not
 * invited to answers 404, as if it did not exist.
 */
public final class SessionRoutes {
    static final String BASE = "/collab/sessions";
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final SessionRegistry registry;
    private final StudyAccess studies;
    private final AnnotationStore annotations;
    private final Clock clock;

    public SessionRoutes(SessionRegistry registry, StudyAccess studies, AnnotationStore annotations, Clock clock) {
        this.registry = registry;
        this.studies = studies;
        this.annotations = annotations;
        this.clock = clock;
    }

    public void mount(Router api, AccessGuard guard) {
        api.post(BASE).handler(JsonBody.handler()).handler(guard.authenticated()).handler(this::create);
        api.get(BASE).handler(guard.authenticated()).handler(this::list);
        api.get(BASE + "/:id").handler(guard.authenticated()).handler(this::get);
        api.delete(BASE + "/:id").handler(guard.authenticated()).handler(ctx -> change(ctx, SessionRules::end));
        api.post(BASE + "/:id/members").handler(JsonBody.handler()).handler(guard.authenticated()).handler(this::invite);
        api.delete(BASE + "/:id/members/:login").handler(guard.authenticated()).handler(ctx -> {
            String login = ctx.pathParam("login");
            if (!SessionRules.validLogin(login)) {
                throw CollabErrors.bad("not a login: " + login);
            }
            change(ctx, (s, actor) -> SessionRules.uninvite(s, actor, login));
        });
        api.post(BASE + "/:id/join").handler(guard.authenticated()).handler(this::join);
        api.post(BASE + "/:id/leave").handler(guard.authenticated()).handler(ctx -> change(ctx, SessionRules::leave));
        api.post(BASE + "/:id/presenter").handler(JsonBody.handler()).handler(guard.authenticated()).handler(ctx -> {
            String to = JsonBody.text(JsonBody.of(ctx), "user", 64);
            change(ctx, (s, actor) -> SessionRules.handOver(s, actor, to));
        });
        api.post(BASE + "/:id/presenter/request").handler(guard.authenticated())
                .handler(ctx -> change(ctx, SessionRules::requestPresenter));
        api.get(BASE + "/:id/annotations").handler(guard.authenticated()).handler(this::savedAnnotations);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = JsonBody.of(ctx);
        String study = JsonBody.text(body, "studyInstanceUid", 64);
        if (!Uid.isValid(study)) {
            throw CollabErrors.bad("'studyInstanceUid' is not a valid UID");
        }
        Optional<String> title = Optional.ofNullable(JsonBody.optionalText(body, "title", 200));
        Optional<String> consult = Optional.ofNullable(JsonBody.optionalText(body, "consultId", 64));
        Set<String> invite = logins(body, false);
        Principal p = AccessGuard.principal(ctx);
        CollabSession fresh = CollabSession.start(UUID.randomUUID().toString(), study, title, consult, member(p));
        studies.check(p, ClientAddress.of(ctx), DataRequester.WEB, study, DataAction.READ, "study", study)
                .compose(facts -> registry.create(fresh))
                .compose(s -> invite.isEmpty() ? Future.succeededFuture(Optional.of(s))
                        : registry.update(s.id(), latest -> SessionRules.invite(latest, p.login(), invite)))
                .onSuccess(s -> reply(ctx, 201, s.orElseThrow().describe()))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        registry.invitedTo(p.login()).onSuccess(all -> reply(ctx, 200, new JsonObject()
                .put("sessions", new JsonArray(all.stream().map(CollabSession::describe).toList()))))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        visible(id(ctx), p).onSuccess(s -> reply(ctx, 200, s.describe())).onFailure(ctx::fail);
    }

    private void invite(RoutingContext ctx) {
        Set<String> logins = logins(JsonBody.of(ctx), true);
        change(ctx, (s, actor) -> SessionRules.invite(s, actor, logins));
    }

    private void join(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String id = id(ctx);
        visible(id, p).compose(s -> studies.check(p, ClientAddress.of(ctx), DataRequester.WEB, s.studyUid(),
                        DataAction.READ, "study", s.studyUid()))
                .compose(facts -> registry.update(id, s -> SessionRules.join(s, member(p))))
                .onSuccess(s -> reply(ctx, 200, s.orElseThrow().describe()))
                .onFailure(ctx::fail);
    }

    /** The saved annotation sets of the session's members on its study (not of other authors). */
    private void savedAnnotations(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        visible(id(ctx), p).compose(s -> {
            if (!s.isMember(p.login())) {
                return Future.failedFuture(CollabErrors.notMember("join the session first"));
            }
            return studies.check(p, ClientAddress.of(ctx), DataRequester.WEB, s.studyUid(), DataAction.READ,
                    "study", s.studyUid()).compose(f -> annotations.all(s.studyUid())).map(sets -> {
                Set<String> userIds = new java.util.HashSet<>();
                s.members().values().forEach(m -> userIds.add(m.userId()));
                return new JsonObject().put("studyInstanceUid", s.studyUid()).put("sets", new JsonArray(sets.stream()
                        .filter(set -> userIds.contains(set.userId())).map(AnnotationSet::toJson).toList()));
            });
        }).onSuccess(j -> reply(ctx, 200, j)).onFailure(ctx::fail);
    }

    private void change(RoutingContext ctx, java.util.function.BiFunction<CollabSession, String, Change> rule) {
        Principal p = AccessGuard.principal(ctx);
        String id = id(ctx);
        visible(id, p).compose(v -> registry.update(id, s -> rule.apply(s, p.login())))
                .onSuccess(s -> {
                    if (s.isEmpty()) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        reply(ctx, 200, s.get().describe());
                    }
                })
                .onFailure(ctx::fail);
    }

    /** The session if {@code p} is invited to it; 404 otherwise, so ids cannot be probed. */
    private Future<CollabSession> visible(String id, Principal p) {
        return registry.find(id).compose(found -> found.filter(s -> s.mayJoin(p.login()))
                .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(CollabErrors.notFound(id))));
    }

    private static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !SESSION_ID.matcher(id).matches()) {
            throw CollabErrors.notFound(String.valueOf(id).length() > 64 ? "?" : String.valueOf(id));
        }
        return id;
    }

    private static Set<String> logins(JsonObject body, boolean required) {
        Object v = body.getValue(required ? "logins" : "invite");
        if (v == null && !required) {
            return Set.of();
        }
        if (!(v instanceof JsonArray a) || a.isEmpty() || a.size() > SessionRules.MAX_INVITED) {
            throw CollabErrors.bad("'" + (required ? "logins" : "invite") + "' is a list of 1-"
                    + SessionRules.MAX_INVITED + " logins");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : a) {
            if (!(o instanceof String s) || !SessionRules.validLogin(s)) {
                throw CollabErrors.bad("not a login: " + o);
            }
            out.add(s);
        }
        return out;
    }

    private Member member(Principal p) {
        return new Member(p.login(), p.displayName(), p.userId(), clock.instant());
    }

    static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
