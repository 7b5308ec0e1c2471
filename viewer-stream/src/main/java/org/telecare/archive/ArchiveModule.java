package org.telecare.archive;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.index.DuplicatePolicy;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.ingest.IndexCatalog;
import org.telecare.archive.ingest.IndexingSink;
import org.telecare.archive.store.SpoolingStoreHandler;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.rendered.RenderPool;
import org.telecare.dicomweb.rendered.RenderedRoutes;
import org.telecare.dicomweb.wado.WadoRoutes;
import org.telecare.dimse.association.AePolicy;
import org.telecare.dimse.service.DicomServer;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;
import org.telecare.module.ModuleContext;
import org.telecare.module.TelecareModule;
import org.telecare.storage.SchemaMigration;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The image archive (ARC-1 … ARC-4): the DICOM storage SCP that files what devices send into
 * the blob store and the study index, and WADO-RS over the same index, guarded by the accounts
 * module's access guard and data policies (it starts after accounts).
 *
 * <p>Configuration, {@code modules.archive}: {@code dicom} (filled from the node's {@code dicom}
 * section: AE title, port), {@code duplicates} ({@code keep-first}, the default as in Orthanc;
 * {@code replace}; {@code reject}), {@code hospitalId} (whose studies these are by default) and
 * {@code sources} (AE title → hospital id, for regional archives that receive for several
 * hospitals), {@code timeZone} (the site's, for dates without a zone).
 */
public final class ArchiveModule implements TelecareModule {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveModule.class);
    private static final Set<String> KEYS = Set.of("dicom", "duplicates", "hospitalId", "sources", "timeZone");

    private DicomServer server;

    @Override
    public String id() {
        return "archive";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<SchemaMigration> migrations() {
        List<SchemaMigration> all = new java.util.ArrayList<>(StudyIndex.migrations());
        all.add(org.telecare.archive.patient.PatientClasses.MIGRATION);
        return all;
    }

    /** The DICOM server once started (tests read its port). */
    public Optional<DicomServer> dicomServer() {
        return Optional.ofNullable(server);
    }

    @Override
    public Future<Void> start(ModuleContext ctx) {
        JsonObject config = ctx.config();
        for (String key : config.fieldNames()) {
            if (!KEYS.contains(key)) {
                return Future.failedFuture(new IllegalArgumentException("modules.archive." + key
                        + ": unknown key (known: " + new TreeSet<>(KEYS) + ")"));
            }
        }
        DuplicatePolicy duplicates;
        ZoneId zone;
        Map<String, String> sources = new HashMap<>();
        try {
            duplicates = switch (config.getString("duplicates", "keep-first")) {
                case "keep-first" -> DuplicatePolicy.KEEP_FIRST;
                case "replace" -> DuplicatePolicy.REPLACE;
                case "reject" -> DuplicatePolicy.REJECT;
                default -> throw new IllegalArgumentException("modules.archive.duplicates: keep-first, replace or reject");
            };
            zone = ZoneId.of(config.getString("timeZone", "Asia/Shanghai"));
            config.getJsonObject("sources", new JsonObject()).forEach(e -> sources.put(e.getKey(), String.valueOf(e.getValue())));
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException(e.getMessage(), e));
        }
        Optional<String> ownHospital = Optional.ofNullable(config.getString("hospitalId"));

        StudyIndex index = new StudyIndex(ctx.storage().records(), zone, StudyIndex.DEFAULT_SCAN_BOUND);
        ctx.services().provide(StudyIndex.class, index);
        org.telecare.archive.patient.PatientClasses patientClasses =
                new org.telecare.archive.patient.PatientClasses(ctx.storage().records());
        InstanceCatalog catalog = new IndexCatalog(index,
                ae -> Optional.ofNullable(sources.get(ae)).or(() -> ownHospital), zone, patientClasses);
        ctx.services().provide(InstanceCatalog.class, catalog);
        IndexingSink sink = new IndexingSink(ctx.vertx(), ctx.storage().blobs(), index, duplicates);

        AccessGuard guard = ctx.services().require(AccessGuard.class);
        StudyAccess access = new StudyAccess(catalog, ctx.services().require(DataAccess.class),
                ctx.services().require(DataAccessLog.class));
        new WadoRoutes(catalog, ctx.storage().blobs(), access).mount(ctx.api(), guard);
        new RenderedRoutes(catalog, ctx.storage().blobs(), access, RenderPool.forNode(ctx.vertx()),
                ctx.dataDir().resolve("render")).mount(ctx.api(), guard);
        ctx.services().find(org.telecare.access.PermissionCatalog.class).ifPresent(c -> c.declare(
                org.telecare.archive.patient.PatientClassRoutes.CLASSIFY,
                "mark patients VIP or special, which the data policies then protect"));
        new org.telecare.archive.patient.PatientClassRoutes(patientClasses,
                ctx.services().require(DataAccessLog.class), Clock.systemUTC()).mount(ctx.api(), guard);

        return ctx.vertx().executeBlocking(() -> new SpoolingStoreHandler(ctx.vertx(),
                        ctx.dataDir().resolve("spool"), sink, Clock.systemUTC()), false)
                .compose(store -> DicomServer.start(ctx, AePolicy.ANY,
                        new ServiceRegistry().store(store, SopClasses.STORAGE)))
                .map(s -> {
                    server = s;
                    LOG.info("archive: DICOM {} on port {}, duplicates {}", s.aeTitle(), s.port(), duplicates);
                    return (Void) null;
                });
    }
}
