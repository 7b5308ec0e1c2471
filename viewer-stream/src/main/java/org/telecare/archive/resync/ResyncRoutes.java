package org.telecare.archive.resync;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.remote.KnownAe;
import org.telecare.archive.remote.RemoteAeJson;
import org.telecare.archive.remote.RemoteAeTable;
import org.telecare.archive.resync.ResyncJob.State;
import org.telecare.web.ApiErrors;
import org.telecare.web.ApiException;
import org.telecare.web.ClientAddress;
import org.telecare.web.JsonBody;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Manual re-sync (ARC-9), all routes here: {@code POST /archive/resync}
 * {@code {"remoteAe", "studyInstanceUid"}} answers 202 with the job id at once;
 * {@code GET /archive/resync/:id} shows its counts and state. The node that runs a job has its
 * live counts; the stored record is written at start and end (other nodes see those).
 */
public final class ResyncRoutes {
    public static final Permission RESYNC = Permission.of("archive.resync");
    private static final Logger LOG = LoggerFactory.getLogger(ResyncRoutes.class);
    private static final Set<String> FIELDS = Set.of("remoteAe", "studyInstanceUid");
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private final RemoteAeTable remotes;
    private final StudyRetrieval retrieval;
    private final ResyncJobs jobs;
    private final DataAccessLog log;
    private final Clock clock;
    private final Map<String, ResyncJob> running = new ConcurrentHashMap<>();

    public ResyncRoutes(RemoteAeTable remotes, StudyRetrieval retrieval, ResyncJobs jobs, DataAccessLog log, Clock clock) {
        this.remotes = remotes;
        this.retrieval = retrieval;
        this.jobs = jobs;
        this.log = log;
        this.clock = clock;
    }

    public void mount(Router api, AccessGuard guard) {
        api.route("/archive/resync*").handler(JsonBody.handler());
        api.post("/archive/resync").handler(guard.require(RESYNC)).handler(this::start);
        api.get("/archive/resync/:id").handler(guard.require(RESYNC)).handler(this::status);
    }

    private void start(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        for (String f : body.fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw ApiException.badRequest("field '" + f + "' is unknown (known: " + new TreeSet<>(FIELDS) + ")");
            }
        }
        String title;
        try {
            title = RemoteAeJson.checkTitle("remoteAe", body.getValue("remoteAe") instanceof String s ? s : null);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!(body.getValue("studyInstanceUid") instanceof String study) || study.length() > 64
                || !UID.matcher(study).matches()) {
            throw ApiException.badRequest("field 'studyInstanceUid' must be a UID (PS3.5 §9.1)");
        }
        KnownAe remote = remotes.known(title).orElseThrow(() -> ApiException.badRequest(
                "field 'remoteAe': '" + title + "' is not a known remote AE"));
        ResyncJob job = new ResyncJob(UUID.randomUUID().toString(), title, study, remote.retrieve(), State.RUNNING,
                0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), p.userId(), clock.instant(),
                Optional.empty());
        jobs.save(job).onSuccess(v -> {
            log.record(p, ClientAddress.of(ctx), DataAction.WRITE, "study", study, new AccessDecision.Allowed(
                    "re-sync from " + title + " by " + remote.retrieve().code() + ", job " + job.id(), Optional.empty()));
            running.put(job.id(), job);
            run(job, remote);
            ctx.response().setStatusCode(202);
            ctx.json(job.toJson());
        }).onFailure(ctx::fail);
    }

    private void run(ResyncJob job, KnownAe remote) {
        retrieval.retrieve(remote, job.studyInstanceUid(), counts -> running.computeIfPresent(job.id(),
                (id, j) -> j.progress(counts.remaining(), counts.completed(), counts.failed(), counts.warning())))
                .onComplete(ar -> {
                    ResyncJob now = running.getOrDefault(job.id(), job);
                    Instant at = clock.instant();
                    ResyncJob end;
                    if (ar.succeeded()) {
                        var r = ar.result();
                        now = now.progress(r.subOperations().remaining(), r.subOperations().completed(),
                                r.subOperations().failed(), r.subOperations().warning());
                        boolean ok = r.status().kind() != org.telecare.dimse.message.Status.Kind.FAILURE;
                        end = now.finished(ok ? State.COMPLETED : State.FAILED,
                                Optional.of(String.format("%04X", r.status().code())),
                                Optional.ofNullable(r.status().errorComment()), at);
                    } else {
                        end = now.finished(State.FAILED, Optional.empty(), Optional.of(String.valueOf(ar.cause().getMessage())), at);
                    }
                    ResyncJob last = end;
                    jobs.save(last).onComplete(s -> {
                        running.remove(job.id());
                        if (s.failed()) {
                            LOG.error("re-sync job {} ended {} but could not be saved: {}", job.id(), last.state(),
                                    s.cause().toString());
                        }
                    });
                });
    }

    private void status(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ResyncJob live = running.get(id);
        if (live != null) {
            ctx.json(live.toJson());
            return;
        }
        jobs.get(id).onSuccess(j -> j.ifPresentOrElse(x -> ctx.json(x.toJson()),
                () -> ctx.fail(new ApiException(404, ApiErrors.NOT_FOUND, "no re-sync job '" + id + "'"))))
                .onFailure(ctx::fail);
    }
}
