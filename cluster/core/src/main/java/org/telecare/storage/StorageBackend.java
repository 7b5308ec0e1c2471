package org.telecare.storage;

import io.vertx.core.Future;
import org.telecare.storage.blob.BlobStore;

import java.util.List;

/**
 * One storage backend: its record store, its blob store, its schema and its health.
 * Opened by the node from its configuration; the backend becomes ready once connected and migrated.
 */
public interface StorageBackend {

    /** {@code embedded} or {@code cassandra}. */
    String name();

    RecordStore records();

    BlobStore blobs();

    /**
     * Applies the migrations not yet applied, in (module, version) order. Completes once the
     * tables exist; may be called again with more migrations (modules register their own).
     */
    Future<Void> migrate(List<SchemaMigration> migrations);

    StorageHealth health();

    Future<Void> close();
}
