package org.telecare.module;

import io.vertx.core.Future;
import org.telecare.storage.SchemaMigration;

import java.util.List;

/**
 * A feature module of the node (consult, archive, pathology, signaling…), found on the class
 * path with {@link java.util.ServiceLoader}. The node applies every module's migrations, then
 * starts the modules in the order of {@link #order()}.
 */
public interface TelecareModule {

    /** Short, stable id: it names the module in {@code /health}, logs and migrations. */
    String id();

    /** Lower starts earlier. */
    default int order() {
        return 100;
    }

    /** The module's schema steps; recorded under {@link #id()}. */
    default List<SchemaMigration> migrations() {
        return List.of();
    }

    /** Registers routes, consumers and verticles. Completes when the module can serve. */
    Future<Void> start(ModuleContext context);
}
