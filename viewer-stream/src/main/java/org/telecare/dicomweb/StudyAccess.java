package org.telecare.dicomweb;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Principal;
import org.telecare.access.policy.AccessDecision;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.DataAction;
import org.telecare.access.policy.DataRequester;
import org.telecare.access.policy.DataResource;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StudyFacts;
import org.telecare.web.ClientAddress;

import java.util.Optional;

/**
 * The data-policy check in front of every DICOMweb answer about a study (SEC-4): the study's
 * facts from the catalog, one decision, reported to the access log whatever it is (SEC-8).
 */
public final class StudyAccess {
    private final InstanceCatalog catalog;
    private final DataAccess access;
    private final DataAccessLog log;

    public StudyAccess(InstanceCatalog catalog, DataAccess access, DataAccessLog log) {
        this.catalog = catalog;
        this.access = access;
        this.log = log;
    }

    /** The study's facts if the caller may {@code action} it; 404 if unknown, 403 if denied. */
    public Future<StudyFacts> check(RoutingContext ctx, String studyUid, DataAction action, String targetType,
                                    String targetId) {
        return check(AccessGuard.principal(ctx), ClientAddress.of(ctx), DataRequester.DICOMWEB, studyUid, action,
                targetType, targetId);
    }

    /**
     * The same check for a request that is not (or no longer) an HTTP request: a message on a
     * collaborative session's WebSocket, through {@code channel}.
     */
    public Future<StudyFacts> check(Principal p, String clientAddress, String channel, String studyUid,
                                    DataAction action, String targetType, String targetId) {
        return catalog.study(studyUid).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(DicomWebErrors.notFound("study " + studyUid));
            }
            StudyFacts facts = found.get();
            AccessDecision d = access.decide(DataRequester.of(p, channel), action, resource(facts));
            log.record(p, clientAddress, action, targetType, targetId, d);
            return d.allowed() ? Future.succeededFuture(facts) : Future.failedFuture(DicomWebErrors.denied(d.reason()));
        });
    }

    /**
     * The decision about one study without reporting it, for answers that cover many studies
     * (QIDO-RS) and report once for the whole query; empty when the study is unknown.
     */
    public Future<Optional<AccessDecision>> decide(Principal p, String studyUid, DataAction action) {
        return catalog.study(studyUid).map(found -> found.map(facts ->
                access.decide(DataRequester.of(p, DataRequester.DICOMWEB), action, resource(facts))));
    }

    /** Reports one access to the audit trail (SEC-8). */
    public void record(RoutingContext ctx, DataAction action, String targetType, String targetId, AccessDecision d) {
        log.record(AccessGuard.principal(ctx), ClientAddress.of(ctx), action, targetType, targetId, d);
    }

    /** A study as policies see it: images of its hospital, patient, exam (accession) and source. */
    public static DataResource resource(StudyFacts f) {
        return new DataResource("image", f.hospitalId(), Optional.empty(), f.patientId(), f.patientClasses(),
                f.accessionNumber().or(() -> Optional.of(f.studyUid())),
                f.modalities().stream().sorted().findFirst(), f.sourceAe(), f.studyTime());
    }
}
