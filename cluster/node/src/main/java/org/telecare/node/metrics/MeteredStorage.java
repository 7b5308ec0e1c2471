package org.telecare.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageHealth;
import org.telecare.storage.blob.BlobStore;

import java.util.List;

/** The node's view of its backend: the same backend, with its record operations timed. */
public final class MeteredStorage implements StorageBackend {
    private final StorageBackend delegate;
    private final RecordStore records;

    public MeteredStorage(StorageBackend delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.records = new MeteredRecordStore(delegate.records(), registry, delegate.name());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public BlobStore blobs() {
        return delegate.blobs();
    }

    @Override
    public Future<Void> migrate(List<SchemaMigration> migrations) {
        return delegate.migrate(migrations);
    }

    @Override
    public StorageHealth health() {
        return delegate.health();
    }

    @Override
    public Future<Void> close() {
        return delegate.close();
    }
}
