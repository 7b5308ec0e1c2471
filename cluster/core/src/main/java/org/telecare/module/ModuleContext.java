package org.telecare.module;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.telecare.storage.StorageBackend;

import java.nio.file.Path;

/**
 * What the node hands each module at start.
 *
 * @param api     the router mounted at {@code /api/v1}; a module mounts its own sub-router
 *                under its area ({@code /api/v1/consults}, …), all its routes in one place
 * @param config  the module's own section of the node configuration ({@code modules.<id>}),
 *                empty when absent
 * @param dataDir the node's data folder, for module-owned local files (caches, spool)
 * @param services what modules provide to each other (the access guard, the audit trail)
 */
public record ModuleContext(Vertx vertx, String nodeId, Router api, StorageBackend storage,
                            MeterRegistry metrics, JsonObject config, Path dataDir, NodeServices services) {
}
