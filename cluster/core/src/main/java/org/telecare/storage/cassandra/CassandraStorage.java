package org.telecare.storage.cassandra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageHealth;
import org.telecare.storage.blob.BlobStore;

import java.util.List;
import java.util.Objects;

/**
 * The Cassandra backend: records and chunked blobs in one keyspace laid out with
 * {@code NetworkTopologyStrategy}, so that several sites and data centres are configuration.
 *
 * <p>{@link #open} returns at once and connects in the background: the node starts (and says
 * so on {@code /health}) even while Cassandra is still down, and operations fail fast with
 * {@link org.telecare.storage.StorageUnavailableException} until it is ready.
 */
public final class CassandraStorage implements StorageBackend {
    static final String NAME = "cassandra";

    private final CassandraConnection connection;
    private final CassandraSchema schema;
    private final CassandraRecordStore records;
    private final CassandraBlobStore blobs;
    private final CassandraSettings settings;

    private CassandraStorage(Vertx vertx, CassandraSettings settings, String nodeId) {
        this.settings = settings;
        this.schema = new CassandraSchema(vertx, settings, nodeId);
        this.connection = CassandraConnection.start(vertx, settings, nodeId, schema::bootstrap);
        this.records = new CassandraRecordStore(vertx, connection, schema.tables(), settings.keyspace());
        this.blobs = new CassandraBlobStore(vertx, connection, settings.keyspace(), settings.blobChunkBytes());
    }

    /**
     * Starts connecting to the cluster and returns at once. Bad settings (unknown consistency
     * level, empty replication, chunk size out of range) fail here, not later.
     */
    public static CassandraStorage open(Vertx vertx, CassandraSettings settings, String nodeId) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(nodeId, "nodeId");
        CassandraConnection.consistency(settings.consistency());
        CassandraSchema.replicationMap(settings);
        if (settings.blobChunkBytes() < 1 || settings.blobChunkBytes() > CassandraBlobStore.MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("blob chunk size must be 1.." + CassandraBlobStore.MAX_CHUNK_BYTES
                    + " bytes, got " + settings.blobChunkBytes());
        }
        return new CassandraStorage(vertx, settings, nodeId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    /** Waits for the connection if it is not up yet, then applies what is missing. */
    @Override
    public Future<Void> migrate(List<SchemaMigration> migrations) {
        return schema.migrate(connection, migrations);
    }

    @Override
    public StorageHealth health() {
        return connection.health();
    }

    @Override
    public Future<Void> close() {
        blobs.close();
        return connection.close();
    }

    CassandraSettings settings() {
        return settings;
    }

    /** For tests in this package that look at or damage what is stored, behind the SPI's back. */
    CassandraConnection connection() {
        return connection;
    }
}
