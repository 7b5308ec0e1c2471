package org.telecare.storage.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.storage.OffLoop;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageException;
import org.telecare.storage.StorageHealth;
import org.telecare.storage.TableSpec;
import org.telecare.storage.blob.BlobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The single-node default: records in one H2 MVStore file under {@code <data>/store}, blobs as
 * files under {@code <data>/blobs}. Nothing to install, nothing to configure, and durable: every
 * acknowledged write has been committed and (unless turned off) fsynced.
 */
public final class EmbeddedStorage implements StorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStorage.class);
    private static final String MIGRATIONS = "__migrations";
    private static final String EXPIRY = "__expiry";
    private static final String META = "__meta";
    /** How often expired records are removed from disk (reads hide them from the moment they expire). */
    private static final long SWEEP_MILLIS = 30_000;
    private static final int SWEEP_BATCH = 1_000;

    private final Vertx vertx;
    private final String nodeId;
    private final MVStore store;
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final GroupCommitWriter writer;
    private final EmbeddedRecordStore records;
    private final LocalBlobStore blobs;
    private final MVMap<String, byte[]> expiry;
    private final MVMap<String, String> migrations;
    private final long sweepTimer;
    private final String location;
    private volatile boolean closed;

    private EmbeddedStorage(Vertx vertx, Path dataDir, String nodeId, boolean fsync, boolean compressBlobs) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        Path storeDir = dataDir.resolve("store");
        try {
            Files.createDirectories(storeDir);
        } catch (IOException e) {
            throw new StorageException("cannot create " + storeDir + ": " + e.getMessage(), e);
        }
        Path file = storeDir.resolve("telecare.mv.db");
        this.location = file.toAbsolutePath().normalize().toString();
        try {
            this.store = new MVStore.Builder().fileName(file.toString()).open();
        } catch (MVStoreException e) {
            if (e.getMessage() != null && e.getMessage().contains("locked")) {
                throw new StorageException("the data folder " + dataDir.toAbsolutePath()
                        + " is in use by another telecare process (" + file + " is locked)", e);
            }
            throw new StorageException("cannot open the embedded store " + file + ": " + e.getMessage(), e);
        }
        this.expiry = store.openMap(EXPIRY);
        this.migrations = store.openMap(MIGRATIONS);
        MVMap<String, Long> meta = store.openMap(META);
        this.records = new EmbeddedRecordStore(vertx, io);
        this.writer = new GroupCommitWriter(store, fsync, this::tableMap, expiry, meta);
        this.records.attach(writer);
        this.blobs = new LocalBlobStore(vertx, io, dataDir.resolve("blobs"), compressBlobs);
        for (String name : store.getMapNames()) {
            if (name.startsWith("t_")) {
                records.register(name.substring(2), store.openMap(name));
            }
        }
        this.sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> io.execute(this::sweepExpired));
        LOG.info("embedded store open at {} (fsync {}, blobs {})", file, fsync ? "on" : "off",
                compressBlobs ? "deflated at rest" : "as they are");
    }

    /**
     * Opens (or creates) the store under {@code dataDir}. Blocks for the file open; call it from a
     * worker or at start-up, not from an event loop.
     */
    public static EmbeddedStorage open(Vertx vertx, Path dataDir, String nodeId, boolean fsync) {
        return new EmbeddedStorage(vertx, dataDir, nodeId, fsync, false);
    }

    /**
     * As {@link #open(Vertx, Path, String, boolean)}; {@code compressBlobs} writes new blobs
     * deflated at rest (ARC-5), byte-exact on reading.
     */
    public static EmbeddedStorage open(Vertx vertx, Path dataDir, String nodeId, boolean fsync, boolean compressBlobs) {
        return new EmbeddedStorage(vertx, dataDir, nodeId, fsync, compressBlobs);
    }

    private MVMap<String, byte[]> tableMap(String table) {
        return records.map(table);
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public Future<Void> migrate(List<SchemaMigration> steps) {
        List<SchemaMigration> ordered = steps.stream()
                .sorted(Comparator.comparing(SchemaMigration::module).thenComparingInt(SchemaMigration::version))
                .toList();
        return OffLoop.call(vertx, io, () -> {
            synchronized (migrations) {
                boolean changed = false;
                for (SchemaMigration step : ordered) {
                    // Tables are opened even when the step is recorded: that is how a restart finds them.
                    for (TableSpec t : step.tables()) {
                        records.register(t.name(), store.openMap("t_" + t.name()));
                    }
                    String key = step.module() + "/" + "%08d".formatted(step.version());
                    if (!migrations.containsKey(key)) {
                        migrations.put(key, Instant.now() + " " + nodeId + " " + step.description());
                        LOG.info("applied migration {} v{}: {}", step.module(), step.version(), step.description());
                        changed = true;
                    }
                }
                if (changed) {
                    store.commit();
                    store.sync();
                }
            }
            return null;
        });
    }

    /** The migrations recorded so far, as {@code module/version} keys (for tests and operators). */
    public List<String> appliedMigrations() {
        return List.copyOf(migrations.keySet());
    }

    @Override
    public StorageHealth health() {
        if (closed) {
            return new StorageHealth(name(), StorageHealth.State.UNAVAILABLE, "closed");
        }
        Throwable failure = writer.failure();
        if (failure != null) {
            return new StorageHealth(name(), StorageHealth.State.UNAVAILABLE, "writes stopped: " + failure.getMessage());
        }
        return new StorageHealth(name(), StorageHealth.State.READY, location);
    }

    private void sweepExpired() {
        if (closed) {
            return;
        }
        String due = ExpiryIndex.dueBefore(System.currentTimeMillis());
        Iterator<String> keys = expiry.keyIterator(null);
        for (int n = 0; n < SWEEP_BATCH && keys.hasNext(); n++) {
            String k = keys.next();
            if (k.compareTo(due) >= 0) {
                break;
            }
            writer.submit(new WriteOp.Expire(ExpiryIndex.table(k), ExpiryIndex.mapKey(k), ExpiryIndex.expiresAt(k), k,
                    new CompletableFuture<>()));
        }
    }

    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        vertx.cancelTimer(sweepTimer);
        return OffLoop.<Void>call(vertx, io, () -> {
            writer.close();
            store.close();
            return null;
        }).onComplete(done -> io.shutdown());
    }
}
