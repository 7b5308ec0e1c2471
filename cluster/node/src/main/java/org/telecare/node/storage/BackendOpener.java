package org.telecare.node.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.node.config.NodeConfig;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.cassandra.CassandraStorage;
import org.telecare.storage.embedded.EmbeddedStorage;

/** Opens the backend the configuration names, off the event loop. */
public final class BackendOpener {
    private BackendOpener() {
    }

    public static Future<StorageBackend> open(Vertx vertx, NodeConfig config) {
        return switch (config.storage().backend()) {
            case EMBEDDED -> vertx.executeBlocking(() -> EmbeddedStorage.open(vertx,
                    config.dataDir(), config.nodeId(), config.storage().fsync(),
                    config.storage().compressBlobs()), false);
            // Returns at once; connects (and reconnects) in the background, /health tells.
            case CASSANDRA -> Future.succeededFuture(CassandraStorage.open(vertx,
                    config.storage().cassandra().orElseThrow(), config.nodeId()));
        };
    }
}
