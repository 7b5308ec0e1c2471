package org.telecare.dicomweb.stow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.store.ArchiveSink;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.Warnings;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartException;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.web.ApiException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * STOW-RS (PS3.18 §10.5): {@code POST /api/v1/dicomweb/studies[/{study}]} with a
 * {@code multipart/related; type="application/dicom"} body. The body is spooled to disk part by
 * part ({@link MultipartSpool}); only when it arrived whole is each part checked like a C-STORE
 * ({@link PartCheck}, {@code ObjectCheck}) and handed to the same {@link ArchiveSink} the storage
 * SCP uses, so both ways in store, refuse duplicates and index alike (ARC-1). Parts go one after
 * another; the answer lists what was stored and what failed with why.
 *
 * <p>Storing needs {@link #STORE}; storing into a study that exists also needs the data
 * policies' {@code write} on it (SEC-4). Each study written is reported to the audit trail (SEC-8).
 */
public final class StowRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(StowRoutes.class);
    public static final Permission STORE = Permission.of("archive.store");
    /** The source the index files for objects that came over STOW-RS: {@code modules.archive.sources} may map it to a hospital. */
    public static final String SOURCE = "STOW-RS";
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;
    private static final int MAX_WARNINGS = 20;

    private final Vertx vertx;
    private final Path spool;
    private final ArchiveSink sink;
    private final StudyAccess access;
    private final Set<String> sopClasses;
    private final long maxBytes;
    private final Clock clock;

    public StowRoutes(Vertx vertx, Path spool, ArchiveSink sink, StudyAccess access, Set<String> sopClasses,
                      long maxBytes, Clock clock) {
        this.vertx = vertx;
        this.spool = spool;
        this.sink = sink;
        this.access = access;
        this.sopClasses = Set.copyOf(sopClasses);
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public void mount(Router api, AccessGuard guard) {
        api.post("/dicomweb/studies").handler(guard.require(STORE)).handler(ctx -> store(ctx, Optional.empty()));
        api.post("/dicomweb/studies/:study").handler(guard.require(STORE)).handler(ctx -> {
            String study = ctx.pathParam("study");
            if (!Uid.isValid(study)) {
                throw DicomWebErrors.badUid("study UID", study.length() > 80 ? study.substring(0, 80) + "…" : study);
            }
            store(ctx, Optional.of(study));
        });
    }

    private void store(RoutingContext ctx, Optional<String> targetStudy) {
        ContentType type = bodyType(ctx.request().getHeader("Content-Type"));
        acceptsJson(ctx.request().getHeader("Accept"));
        String base = ctx.request().scheme() + "://" + ctx.request().authority() + "/api/v1/dicomweb";
        Principal who = AccessGuard.principal(ctx);
        MultipartSpool.receive(vertx, spool, maxBytes, ctx.request(), type)
                .onFailure(e -> {
                    if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                        ctx.response().putHeader("Connection", "close"); // the rest of the body is not read
                    }
                })
                .compose(parts -> storeAll(ctx, who, targetStudy, parts)
                        .eventually(() -> MultipartSpool.delete(vertx, parts)))
                .onSuccess(outcomes -> {
                    int warnings = 0;
                    for (StowOutcome o : outcomes) {
                        if (o instanceof StowOutcome.Failed f && warnings++ < MAX_WARNINGS) {
                            ctx.response().headers().add("Warning", Warnings.header(f.comment()));
                        }
                    }
                    ctx.response().setStatusCode(StowResponse.status(outcomes))
                            .putHeader("Content-Type", "application/dicom+json")
                            .end(StowResponse.body(base, targetStudy, outcomes).toBuffer());
                })
                .onFailure(ctx::fail);
    }

    private Future<List<StowOutcome>> storeAll(RoutingContext ctx, Principal who, Optional<String> targetStudy,
                                               List<SpooledPart> parts) {
        List<StowOutcome> outcomes = new ArrayList<>();
        Map<String, AccessDecision> decisions = new HashMap<>();
        return next(ctx, who, targetStudy, parts.iterator(), outcomes, decisions).map(v -> {
            decisions.forEach((study, d) -> access.record(ctx, DataAction.WRITE, "study", study, d));
            return outcomes;
        });
    }

    private Future<Void> next(RoutingContext ctx, Principal who, Optional<String> targetStudy, Iterator<SpooledPart> it,
                              List<StowOutcome> outcomes, Map<String, AccessDecision> decisions) {
        if (!it.hasNext()) {
            return Future.succeededFuture();
        }
        SpooledPart part = it.next();
        return storeOne(who, targetStudy, part, decisions).map(o -> {
            if (o instanceof StowOutcome.Failed f) {
                LOG.warn("STOW-RS part {} from {} refused with {}: {}", part.number(), who.login(),
                        Integer.toHexString(f.reason()), f.comment());
            }
            outcomes.add(o);
            return (Void) null;
        }).compose(v -> next(ctx, who, targetStudy, it, outcomes, decisions));
    }

    private Future<StowOutcome> storeOne(Principal who, Optional<String> targetStudy, SpooledPart part,
                                         Map<String, AccessDecision> decisions) {
        if (part.file().isEmpty()) {
            return Future.succeededFuture(new StowOutcome.Failed("", "", Status.CANNOT_UNDERSTAND.code(), "part "
                    + part.number() + " is " + part.contentType() + ", not application/dicom"));
        }
        String[] uids = {"", ""};
        return vertx.executeBlocking(() -> PartCheck.check(part.file().get(), sopClasses, targetStudy, SOURCE,
                        clock.instant()), false)
                .compose(object -> {
                    uids[0] = object.meta().mediaStorageSopClassUid().orElse("");
                    uids[1] = object.sopInstanceUid();
                    String study = object.dataset().getString(org.telecare.dicom.data.Tag.STUDY_INSTANCE_UID).orElseThrow();
                    return mayWrite(who, study, decisions).compose(allowed -> {
                        if (!allowed) {
                            return Future.failedFuture(new DimseServiceException(new Status(0x0124),
                                    "the data policies do not let " + who.login() + " write study " + study + ": "
                                            + decisions.get(study).reason()));
                        }
                        return sink.accept(object).map(status -> {
                            if (status.kind() == Status.Kind.FAILURE) {
                                throw new DimseServiceException(status, status.errorComment() == null ? "refused"
                                        : status.errorComment());
                            }
                            return (StowOutcome) new StowOutcome.Stored(uids[0], uids[1], study,
                                    object.dataset().getString(0x0020000E).orElseThrow());
                        });
                    });
                })
                .recover(e -> {
                    if (e instanceof PartCheck.Refused r) {
                        uids[0] = r.sopClassUid;
                        uids[1] = r.sopInstanceUid;
                    }
                    Status s = DimseServiceException.statusOf(e, Status.PROCESSING_FAILURE);
                    String comment = "part " + part.number() + (uids[1].isEmpty() ? "" : " (" + uids[1] + ")") + ": "
                            + (e.getMessage() == null ? e.toString() : e.getMessage());
                    if (!(e instanceof DimseServiceException)) {
                        LOG.error("STOW-RS part {} failed unexpectedly", part.number(), e);
                    }
                    return Future.succeededFuture(new StowOutcome.Failed(uids[0], uids[1], s.code(), comment));
                });
    }

    /** New studies may be written by anyone holding {@link #STORE}; existing ones as the policies say. */
    private Future<Boolean> mayWrite(Principal who, String study, Map<String, AccessDecision> decisions) {
        AccessDecision known = decisions.get(study);
        if (known != null) {
            return Future.succeededFuture(known.allowed());
        }
        return access.decide(who, study, DataAction.WRITE).map(d -> {
            AccessDecision decision = d.orElse(new AccessDecision.Allowed("a new study", Optional.empty()));
            decisions.put(study, decision);
            return decision.allowed();
        });
    }

    /** {@code multipart/related; type="application/dicom"}; anything else is 415 (PS3.18 §10.5.2), a broken header 400. */
    static ContentType bodyType(String header) {
        ContentType type;
        try {
            type = ContentType.parse(header);
        } catch (MultipartException e) {
            throw new ApiException(header == null ? 415 : 400, header == null ? DicomWebErrors.UNSUPPORTED_MEDIA_TYPE
                    : DicomWebErrors.BAD_MULTIPART, e.getMessage());
        }
        if (!type.type().equals("multipart/related")) {
            throw DicomWebErrors.unsupportedMediaType("STOW-RS takes multipart/related; type=\"application/dicom\", not "
                    + type.type());
        }
        String parts = type.parameter("type").orElse("application/dicom").toLowerCase(java.util.Locale.ROOT);
        if (!parts.equals("application/dicom")) {
            throw DicomWebErrors.unsupportedMediaType("only application/dicom parts are stored; " + parts
                    + " (metadata with bulk data) is not supported");
        }
        return type;
    }

    private static void acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String range : accept.split(",")) {
            String t = range.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("application/dicom+json") || t.equals("application/json") || t.equals("*/*") || t.equals("application/*")) {
                return;
            }
        }
        throw DicomWebErrors.notAcceptable("the store response is application/dicom+json");
    }
}
