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
import org.telecare.archive.outbound.OutboundData;
import org.telecare.archive.qr.QueryRetrieveScp;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.archive.store.SpoolingStoreHandler;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.qido.QidoRoutes;
import org.telecare.dicomweb.stow.StowRoutes;
import org.telecare.dicomweb.uri.WadoUriRoutes;
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

import io.vertx.core.json.JsonArray;
import org.telecare.archive.remote.CallerPolicy;
import org.telecare.archive.remote.KnownAe;
import org.telecare.archive.remote.RemoteAeJson;
import org.telecare.archive.remote.RemoteAeRoutes;
import org.telecare.archive.remote.RemoteAeTable;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.archive.resync.ResyncJobs;
import org.telecare.archive.resync.ResyncRoutes;
import org.telecare.archive.resync.StudyRetrieval;
import org.telecare.archive.routing.Backoff;
import org.telecare.archive.routing.ForwardQueue;
import org.telecare.archive.routing.ForwardSender;
import org.telecare.archive.routing.InstanceRouter;
import org.telecare.archive.routing.RoutingRoutes;
import org.telecare.archive.routing.RoutingRule;
import org.telecare.archive.routing.RoutingRules;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.storage.TableSpec;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.function.Supplier;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The image archive (ARC-1 … ARC-4): the DICOM storage SCP that files what devices send into
 * the blob store and the study index, and DICOMweb over the same index (WADO-RS, QIDO-RS, STOW-RS
 * through the same checks and sink as the SCP, WADO-URI), guarded by the accounts
 * module's access guard and data policies (it starts after accounts).
 *
 * <p>Configuration, {@code modules.archive}: {@code dicom} (filled from the node's {@code dicom}
 * section: AE title, port), {@code duplicates} ({@code keep-first}, the default as in Orthanc;
 * {@code replace}; {@code reject}), {@code hospitalId} (whose studies these are by default) and
 * {@code sources} (AE title → hospital id, for regional archives that receive for several
 * hospitals), {@code timeZone} (the site's, for dates without a zone).
 *
 * <p>Known AEs, routing and re-sync (ARC-2, ARC-3, ARC-9):
 * <ul>
 * <li>{@code remotes}: {@code [{aeTitle, host, port, hospitalId?, description?, retrieve?: move|get}]},
 *     written into the remote AE registry at each start (added or updated; rows added over
 *     {@code /api/v1/archive/remotes} stay);</li>
 * <li>{@code callers}: {@code any} (the default: a first install's registry is empty, and the
 *     modalities already pointed at the archive must not lose studies) or {@code known} (only
 *     registered calling AE titles; others get A-ASSOCIATE-RJ "calling AE title not recognized"),
 *     or {@code {"accept": "known", "checkHost": true}} to also require the caller's address to be
 *     the registered host's;</li>
 * <li>{@code routing}: {@code [{name, destination, modality?, callingAe?, calledAe?, sopClass?}]},
 *     written into the rules table at each start; the table (edited over
 *     {@code /api/v1/archive/routing/rules}) is what the router reads;</li>
 * <li>{@code routingRetry}: {@code {initialMillis, maxMillis, maxAttempts, pollMillis, leaseMillis,
 *     batch}} for the forward queue (defaults 10 s, 10 min, 12, 5 s, 5 min, 50).</li>
 * </ul>
 */
public final class ArchiveModule implements TelecareModule {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveModule.class);
    private static final Set<String> KEYS = Set.of("dicom", "duplicates", "hospitalId", "sources", "timeZone",
            "remotes", "callers", "routing", "routingRetry");
    private static final Set<String> RETRY_KEYS = Set.of("initialMillis", "maxMillis", "maxAttempts", "pollMillis",
            "leaseMillis", "batch");
    private static final Duration SNAPSHOT_REFRESH = Duration.ofSeconds(30);
    /** Routing rules, the forward queue and re-sync jobs (ARC-3, ARC-9). */
    static final SchemaMigration ROUTING_MIGRATION = new SchemaMigration("archive-routing", 1,
            "routing rules, forward queue, re-sync jobs", List.of(TableSpec.plain("archive_route_rule"),
            TableSpec.withCompareAndSet("archive_route_job"), TableSpec.plain("archive_resync_job")));

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
        all.add(RemoteAeTable.MIGRATION);
        all.add(ROUTING_MIGRATION);
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
        List<KnownAe> remotes = new ArrayList<>();
        List<RoutingRule> routes = new ArrayList<>();
        CallerPolicy callers;
        Backoff backoff;
        int batch;
        try {
            duplicates = switch (config.getString("duplicates", "keep-first")) {
                case "keep-first" -> DuplicatePolicy.KEEP_FIRST;
                case "replace" -> DuplicatePolicy.REPLACE;
                case "reject" -> DuplicatePolicy.REJECT;
                default -> throw new IllegalArgumentException("modules.archive.duplicates: keep-first, replace or reject");
            };
            zone = ZoneId.of(config.getString("timeZone", "Asia/Shanghai"));
            config.getJsonObject("sources", new JsonObject()).forEach(e -> sources.put(e.getKey(), String.valueOf(e.getValue())));
            JsonArray r = array(config, "remotes");
            for (int i = 0; i < r.size(); i++) {
                JsonObject o = object(r, i, "remotes");
                remotes.add(entry("remotes", i, () -> RemoteAeJson.parse(o, Optional.empty(), true)));
            }
            JsonArray rr = array(config, "routing");
            for (int i = 0; i < rr.size(); i++) {
                JsonObject o = object(rr, i, "routing");
                routes.add(entry("routing", i, () -> RoutingRule.parse(o, Optional.empty(), true)));
            }
            callers = callers(config.getValue("callers"));
            backoff = backoff(config.getJsonObject("routingRetry", new JsonObject()));
            batch = config.getJsonObject("routingRetry", new JsonObject()).getInteger("batch", 50);
            if (batch < 1 || batch > 1000) {
                throw new IllegalArgumentException("routingRetry.batch: 1..1000");
            }
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException(e.getMessage().startsWith("modules.archive.")
                    ? e.getMessage() : "modules.archive." + e.getMessage(), e));
        }
        Optional<String> ownHospital = Optional.ofNullable(config.getString("hospitalId"));

        StudyIndex index = new StudyIndex(ctx.storage().records(), zone, StudyIndex.DEFAULT_SCAN_BOUND);
        ctx.services().provide(StudyIndex.class, index);
        org.telecare.archive.patient.PatientClasses patientClasses =
                new org.telecare.archive.patient.PatientClasses(ctx.storage().records());
        InstanceCatalog catalog = new IndexCatalog(index,
                ae -> Optional.ofNullable(sources.get(ae)).or(() -> ownHospital), zone, patientClasses);
        ctx.services().provide(InstanceCatalog.class, catalog);
        JsonObject dicom = config.getJsonObject("dicom", new JsonObject());
        AssociationConfig local = AssociationConfig.fromJson(dicom, AePolicy.ANY);
        DicomClient client = new DicomClient(ctx.vertx(), local);
        RemoteAeTable registry = new RemoteAeTable(ctx.vertx(), ctx.storage().records(), SNAPSHOT_REFRESH);
        ctx.services().provide(RemoteAes.class, registry);
        RoutingRules rules = new RoutingRules(ctx.vertx(), ctx.storage().records(), SNAPSHOT_REFRESH);
        ForwardQueue queue = new ForwardQueue(ctx.storage().records());
        Supplier<Set<String>> destinations = () -> {
            Set<String> all = new TreeSet<>();
            registry.rows().forEach(k -> all.add(k.aeTitle()));
            rules.all().forEach(rule -> all.add(rule.destination()));
            return all;
        };
        OutboundData outbound = new OutboundData(ctx.vertx(), ctx.storage().blobs(), ctx.dataDir().resolve("outbound"));
        ForwardSender sender = new ForwardSender(ctx.vertx(), queue, outbound, registry, destinations,
                client, backoff, ctx.nodeId(), ctx.metrics(), Clock.systemUTC(), batch);
        IndexingSink sink = new IndexingSink(ctx.vertx(), ctx.storage().blobs(), index, duplicates,
                new InstanceRouter(rules, queue, sender, Clock.systemUTC()));

        AccessGuard guard = ctx.services().require(AccessGuard.class);
        StudyAccess access = new StudyAccess(catalog, ctx.services().require(DataAccess.class),
                ctx.services().require(DataAccessLog.class));
        new WadoRoutes(catalog, ctx.storage().blobs(), access).mount(ctx.api(), guard);
        new QidoRoutes(index, access).mount(ctx.api(), guard);
        new StowRoutes(ctx.vertx(), ctx.dataDir().resolve("spool"), sink, access, Set.copyOf(SopClasses.STORAGE),
                StowRoutes.DEFAULT_MAX_BYTES, Clock.systemUTC()).mount(ctx.api(), guard);
        new WadoUriRoutes(catalog, ctx.storage().blobs(), access).mount(ctx.api(), guard);
        new RenderedRoutes(catalog, ctx.storage().blobs(), access, RenderPool.forNode(ctx.vertx()),
                ctx.dataDir().resolve("render")).mount(ctx.api(), guard);
        ctx.services().find(org.telecare.access.PermissionCatalog.class).ifPresent(c -> c.declare(
                org.telecare.archive.patient.PatientClassRoutes.CLASSIFY,
                "mark patients VIP or special, which the data policies then protect")
                .declare(StowRoutes.STORE, "store images over DICOMweb (STOW-RS)"));
        new org.telecare.archive.patient.PatientClassRoutes(patientClasses,
                ctx.services().require(DataAccessLog.class), Clock.systemUTC()).mount(ctx.api(), guard);
        DataAccessLog audit = ctx.services().require(DataAccessLog.class);
        ctx.services().find(org.telecare.access.PermissionCatalog.class).ifPresent(c -> c
                .declare(RemoteAeRoutes.READ, "list the remote AEs the archive knows")
                .declare(RemoteAeRoutes.WRITE, "add, change, remove and C-ECHO remote AEs")
                .declare(RoutingRoutes.READ, "see auto-routing rules and the forward queue")
                .declare(RoutingRoutes.WRITE, "change auto-routing rules, retry failed forwards")
                .declare(ResyncRoutes.RESYNC, "re-sync a study from a remote archive"));
        new RemoteAeRoutes(registry, client, audit).mount(ctx.api(), guard);
        new RoutingRoutes(rules, queue, sender, registry, destinations, audit, Clock.systemUTC())
                .mount(ctx.api(), guard);
        ResyncJobs resyncJobs = new ResyncJobs(ctx.storage().records());

        QueryRetrieveScp qr = new QueryRetrieveScp(ctx.vertx(), index, catalog, outbound, registry, dicom);
        return registry.start(remotes)
                .compose(v -> {
                    for (RoutingRule rule : routes) {
                        if (registry.known(rule.destination()).isEmpty()) {
                            return Future.failedFuture(new IllegalArgumentException("modules.archive.routing: rule '"
                                    + rule.name() + "': destination '" + rule.destination() + "' is not a known remote AE"));
                        }
                    }
                    return rules.start(routes);
                })
                .compose(v -> ctx.vertx().executeBlocking(() -> {
                    java.nio.file.Files.createDirectories(ctx.dataDir().resolve("outbound"));
                    return new SpoolingStoreHandler(ctx.vertx(), ctx.dataDir().resolve("spool"), sink, Clock.systemUTC());
                }, false))
                .compose(store -> {
                    new ResyncRoutes(registry, new StudyRetrieval(client, local.aeTitle(), store), resyncJobs, audit,
                            Clock.systemUTC()).mount(ctx.api(), guard);
                    return DicomServer.start(ctx, callers.aePolicy(registry),
                            new ServiceRegistry().store(store, SopClasses.STORAGE)
                                    .find(qr.find(), SopClasses.PATIENT_ROOT_QR_FIND, SopClasses.STUDY_ROOT_QR_FIND)
                                    .move(qr.move(), SopClasses.PATIENT_ROOT_QR_MOVE, SopClasses.STUDY_ROOT_QR_MOVE)
                                    .get(qr.get(), SopClasses.PATIENT_ROOT_QR_GET, SopClasses.STUDY_ROOT_QR_GET));
                })
                .map(s -> {
                    server = s;
                    sender.start();
                    // jobs left pending by a previous run (or another node) go out now, not at the first poll
                    destinations.get().forEach(sender::kick);
                    LOG.info("archive: DICOM {} on port {}, duplicates {}, callers {}, {} remote AEs, {} routing rules",
                            s.aeTitle(), s.port(), duplicates, callers, registry.rows().size(), rules.all().size());
                    return (Void) null;
                });
    }

    private static JsonArray array(JsonObject config, String key) {
        Object v = config.getValue(key);
        if (v == null) {
            return new JsonArray();
        }
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException(key + ": must be a list");
        }
        return a;
    }

    private static JsonObject object(JsonArray a, int i, String key) {
        if (!(a.getValue(i) instanceof JsonObject o)) {
            throw new IllegalArgumentException(key + "[" + i + "]: must be an object");
        }
        return o;
    }

    private static <T> T entry(String key, int i, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "[" + i + "]: " + e.getMessage(), e);
        }
    }

    private static Backoff backoff(JsonObject retry) {
        for (String key : retry.fieldNames()) {
            if (!RETRY_KEYS.contains(key)) {
                throw new IllegalArgumentException("routingRetry." + key + ": unknown key (known: "
                        + new TreeSet<>(RETRY_KEYS) + ")");
            }
        }
        Backoff d = Backoff.DEFAULT;
        return new Backoff(Duration.ofMillis(retry.getLong("initialMillis", d.initial().toMillis())),
                Duration.ofMillis(retry.getLong("maxMillis", d.max().toMillis())),
                retry.getInteger("maxAttempts", d.maxAttempts()),
                Duration.ofMillis(retry.getLong("pollMillis", d.pollInterval().toMillis())),
                Duration.ofMillis(retry.getLong("leaseMillis", d.lease().toMillis())));
    }

    private static CallerPolicy callers(Object v) {
        if (v == null || "any".equals(v)) {
            return new CallerPolicy.Any();
        }
        if ("known".equals(v)) {
            return new CallerPolicy.Known(false);
        }
        if (v instanceof JsonObject o && o.fieldNames().stream().allMatch(Set.of("accept", "checkHost")::contains)
                && o.getValue("checkHost", false) instanceof Boolean check) {
            return switch (String.valueOf(o.getValue("accept", "known"))) {
                case "known" -> new CallerPolicy.Known(check);
                case "any" -> new CallerPolicy.Any();
                default -> throw new IllegalArgumentException("callers.accept: any or known");
            };
        }
        throw new IllegalArgumentException("callers: any, known, or {\"accept\": \"known\", \"checkHost\": true}");
    }
}
