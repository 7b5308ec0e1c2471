package org.telecare.collab;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.collab.annotation.AnnotationStore;
import org.telecare.collab.bridge.BridgeLimits;
import org.telecare.collab.bridge.CollabSocket;
import org.telecare.collab.http.AnnotationRoutes;
import org.telecare.collab.http.SessionRoutes;
import org.telecare.collab.session.SessionRegistry;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.module.ModuleContext;
import org.telecare.module.TelecareModule;
import org.telecare.storage.SchemaMigration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Synchronized collaborative viewing (COLLAB-1 … COLLAB-3): sessions over HTTP, their live
 * state in the cluster's shared data, the browsers' WebSocket, and saved annotations per study
 * and author. Starts after the archive, whose catalog answers the study checks.
 *
 * <p>Configuration, {@code modules.collab}: {@code idleHours} (a session nobody changes for
 * this long is forgotten; default 12), {@code messagesPerSecond} and {@code messageBurst}
 * (what one WebSocket may send; defaults 60 and 120).
 */
public final class CollabModule implements TelecareModule {
    private static final Logger LOG = LoggerFactory.getLogger(CollabModule.class);
    private static final Set<String> KEYS = Set.of("idleHours", "messagesPerSecond", "messageBurst");

    @Override
    public String id() {
        return "collab";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<SchemaMigration> migrations() {
        return List.of(AnnotationStore.MIGRATION);
    }

    @Override
    public Future<Void> start(ModuleContext ctx) {
        JsonObject config = ctx.config();
        for (String key : config.fieldNames()) {
            if (!KEYS.contains(key)) {
                return Future.failedFuture(new IllegalArgumentException("modules.collab." + key
                        + ": unknown key (known: " + new TreeSet<>(KEYS) + ")"));
            }
        }
        Duration idle;
        BridgeLimits limits;
        try {
            long hours = number(config, "idleHours", 12).longValue();
            if (hours < 1 || hours > 24 * 7) {
                throw new IllegalArgumentException("modules.collab.idleHours: 1 to 168");
            }
            idle = Duration.ofHours(hours);
            limits = BridgeLimits.DEFAULTS.withRates(number(config, "messageBurst", 120).intValue(),
                    number(config, "messagesPerSecond", 60).doubleValue());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException(e.getMessage().startsWith("modules.")
                    ? e.getMessage() : "modules.collab: " + e.getMessage(), e));
        }
        AccessGuard guard = ctx.services().require(AccessGuard.class);
        StudyAccess studies = new StudyAccess(ctx.services().require(InstanceCatalog.class),
                ctx.services().require(DataAccess.class), ctx.services().require(DataAccessLog.class));
        AnnotationStore annotations = new AnnotationStore(ctx.storage().records());
        Clock clock = Clock.systemUTC();
        return SessionRegistry.open(ctx.vertx(), idle).compose(registry -> {
            new SessionRoutes(registry, studies, annotations, clock).mount(ctx.api(), guard);
            new AnnotationRoutes(annotations, studies, clock).mount(ctx.api(), guard);
            return CollabSocket.start(ctx.vertx(), ctx.nodeId(), registry, studies, limits)
                    .map(socket -> {
                        socket.mount(ctx.api(), guard);
                        LOG.info("collab: sessions and {} ready", "/api/v1" + CollabSocket.PATH);
                        return (Void) null;
                    });
        });
    }

    private static Number number(JsonObject config, String key, Number def) {
        Object v = config.getValue(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("modules.collab." + key + " must be a number");
        }
        return n;
    }
}
