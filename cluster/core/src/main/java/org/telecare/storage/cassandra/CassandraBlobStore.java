package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.telecare.storage.OffLoop;
import org.telecare.storage.StorageException;
import org.telecare.storage.StorageUnavailableException;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.BlobNotFoundException;
import org.telecare.storage.blob.BlobStore;
import org.telecare.storage.blob.CorruptBlobException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Blobs cut into chunks, one partition per chunk ({@code blob_chunk ((id, idx))}), so that
 * replication covers them and no partition grows with the blob. A blob becomes visible only
 * when its manifest is written, after every chunk was acknowledged; reads verify each chunk's
 * length and the SHA-256 of the whole before handing out a single byte.
 *
 * <p>The work runs on virtual threads: it streams files and waits on the driver, which is
 * natural as blocking code there and must never happen on the event loop. At most
 * {@link #IN_FLIGHT} chunks are in flight per operation, which bounds memory (so files larger
 * than the heap are fine) and keeps one big upload from flooding the cluster.
 */
final class CassandraBlobStore implements BlobStore {
    static final int IN_FLIGHT = 4;
    /** A chunk is one CQL value; keep it far below the protocol's frame limits. */
    static final int MAX_CHUNK_BYTES = 8 << 20;

    private final Vertx vertx;
    private final CassandraConnection connection;
    private final int chunkBytes;
    private final String manifestTable;
    private final String chunkTable;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    CassandraBlobStore(Vertx vertx, CassandraConnection connection, String keyspace, int chunkBytes) {
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("blob chunk size must be 1.." + MAX_CHUNK_BYTES + " bytes, got " + chunkBytes);
        }
        this.vertx = vertx;
        this.connection = connection;
        this.chunkBytes = chunkBytes;
        this.manifestTable = Cql.qualified(keyspace, CassandraSchema.BLOB_MANIFEST);
        this.chunkTable = Cql.qualified(keyspace, CassandraSchema.BLOB_CHUNK);
    }

    void close() {
        workers.shutdown();
    }

    // ---- writing ----

    @Override
    public Future<BlobInfo> put(Buffer content) {
        if (content == null) {
            return Future.failedFuture(new NullPointerException("content must not be null"));
        }
        byte[] bytes = content.getBytes(); // a copy: the caller may reuse its buffer at once
        return offLoop(() -> {
            BlobId id = BlobId.of(sha256().digest(bytes));
            if (alreadyStored(id)) {
                return new BlobInfo(id, bytes.length); // the same content is stored once
            }
            int chunks = BlobManifest.chunksFor(bytes.length, chunkBytes);
            writeChunks(id, chunks, index -> {
                int from = index * chunkBytes;
                return ByteBuffer.wrap(bytes, from, Math.min(chunkBytes, bytes.length - from));
            });
            return writeManifest(new BlobManifest(id, bytes.length, chunkBytes, chunks, Instant.now()));
        });
    }

    /**
     * Two passes over the file: the first finds the id (chunks are keyed by it), the second
     * writes the chunks while hashing again, so a file that changed between the passes is
     * refused rather than stored under the wrong id. Content already stored skips the second.
     */
    @Override
    public Future<BlobInfo> putFile(Path source) {
        if (source == null) {
            return Future.failedFuture(new NullPointerException("source must not be null"));
        }
        return offLoop(() -> {
            MessageDigest first = sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = open(source)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    first.update(buffer, 0, n);
                    size += n;
                }
            }
            BlobId id = BlobId.of(first.digest());
            if (alreadyStored(id)) {
                return new BlobInfo(id, size);
            }
            int chunks = BlobManifest.chunksFor(size, chunkBytes);
            MessageDigest second = sha256();
            try (InputStream in = open(source)) {
                writeChunks(id, chunks, index -> {
                    try {
                        byte[] chunk = in.readNBytes(chunkBytes);
                        second.update(chunk);
                        return ByteBuffer.wrap(chunk);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (in.read() != -1 || !BlobId.of(second.digest()).equals(id)) {
                    throw new StorageException("file " + source + " changed while it was being stored; not stored");
                }
            }
            return writeManifest(new BlobManifest(id, size, chunkBytes, chunks, Instant.now()));
        });
    }

    private static InputStream open(Path source) throws IOException {
        try {
            return Files.newInputStream(source);
        } catch (NoSuchFileException e) {
            throw new StorageException("cannot store " + source + ": no such file", e);
        } catch (IOException e) {
            throw new StorageException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Chunk {@code index} comes from {@code chunk}, called in order. */
    private void writeChunks(BlobId id, int chunks, IntFunction<ByteBuffer> chunk) throws InterruptedException {
        String insert = "INSERT INTO " + chunkTable + " (id, idx, data) VALUES (?, ?, ?)";
        bounded(chunks, index -> {
            ByteBuffer data = chunk.apply(index);
            return connection.prepared().execute(insert, p -> p.bind(id.sha256(), index, data).setIdempotent(true));
        }, "writing chunks of blob " + id);
    }

    /**
     * Runs {@code count} statements with at most {@link #IN_FLIGHT} pending, waits for all of
     * them, and throws the first failure (no new statement starts after one).
     */
    private static void bounded(int count, IntFunction<CompletionStage<?>> statement, String operation)
            throws InterruptedException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (int index = 0; index < count && failure.get() == null; index++) {
                permits.acquire();
                CompletionStage<?> pending;
                try {
                    pending = statement.apply(index);
                } catch (RuntimeException e) {
                    permits.release();
                    throw e;
                }
                pending.whenComplete((done, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    permits.release();
                });
            }
        } finally {
            permits.acquire(IN_FLIGHT); // every statement has finished, one way or the other
        }
        if (failure.get() != null) {
            throw unchecked(failure.get(), operation);
        }
    }

    /** The commit point: only now does the blob exist for readers. */
    private BlobInfo writeManifest(BlobManifest m) {
        await(connection.prepared().execute(
                "INSERT INTO " + manifestTable + " (id, size, chunk_size, chunks, created) VALUES (?, ?, ?, ?, ?)",
                p -> p.bind(m.id().sha256(), m.size(), m.chunkSize(), m.chunks(), m.created()).setIdempotent(true)),
                "writing the manifest of blob " + m.id());
        return m.info();
    }

    // ---- reading ----

    @Override
    public Future<Buffer> get(BlobId id) {
        if (id == null) {
            return Future.failedFuture(new NullPointerException("id must not be null"));
        }
        return offLoop(() -> {
            BlobManifest m = existing(id);
            if (m.size() > Integer.MAX_VALUE - 64) {
                throw new StorageException("blob " + id + " has " + m.size() + " bytes, too large to hold in memory; use copyTo");
            }
            Buffer content = Buffer.buffer((int) m.size());
            readVerified(m, chunk -> content.appendBytes(chunk));
            return content;
        });
    }

    @Override
    public Future<Void> copyTo(BlobId id, Path target) {
        if (id == null || target == null) {
            return Future.failedFuture(new NullPointerException("id and target must not be null"));
        }
        return offLoop(() -> {
            BlobManifest m = existing(id);
            Path absolute = target.toAbsolutePath();
            Path dir = absolute.getParent();
            Files.createDirectories(dir);
            // Next to the target, so the final rename stays on one file system and is atomic.
            Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
            try {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    readVerified(m, chunk -> {
                        try {
                            ByteBuffer b = ByteBuffer.wrap(chunk);
                            while (b.hasRemaining()) {
                                out.write(b);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    out.force(true);
                }
                move(temp, absolute);
            } finally {
                Files.deleteIfExists(temp);
            }
            return null;
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Hands the chunks to {@code sink} in order, checking each one's length, and the whole
     * content's SHA-256 at the end. Callers keep what they received private until this returns
     * normally: on a mismatch it throws {@link CorruptBlobException} and they discard it all.
     */
    @Override
    public Future<Buffer> readRange(BlobId id, long offset, int length) {
        if (id == null) {
            return Future.failedFuture(new NullPointerException("id must not be null"));
        }
        if (offset < 0 || length < 0) {
            return Future.failedFuture(new IllegalArgumentException("offset and length must not be negative"));
        }
        return offLoop(() -> {
            BlobManifest m = existing(id);
            long end = Math.min(m.size(), offset + length);
            Buffer out = Buffer.buffer((int) Math.max(0, end - offset));
            if (end <= offset) {
                return out;
            }
            String select = "SELECT data FROM " + chunkTable + " WHERE id = ? AND idx = ?";
            int first = (int) (offset / m.chunkSize());
            int last = (int) ((end - 1) / m.chunkSize());
            Deque<CompletionStage<AsyncResultSet>> ahead = new ArrayDeque<>();
            int requested = first;
            for (int index = first; index <= last; index++) {
                while (requested <= last && ahead.size() < IN_FLIGHT) {
                    int i = requested++;
                    ahead.add(connection.prepared().execute(select, p -> p.bind(m.id().sha256(), i).setIdempotent(true)));
                }
                Row row = await(ahead.removeFirst(), "reading blob " + m.id()).one();
                if (row == null || row.isNull("data")) {
                    throw new CorruptBlobException(m.id(), "chunk " + index + " of " + m.chunks() + " is missing");
                }
                ByteBuffer data = row.getByteBuffer("data");
                if (data.remaining() != m.chunkLength(index)) {
                    throw new CorruptBlobException(m.id(), "chunk " + index + " has " + data.remaining()
                            + " bytes, the manifest says " + m.chunkLength(index));
                }
                long chunkStart = (long) index * m.chunkSize();
                int from = (int) Math.max(0, offset - chunkStart);
                int to = (int) Math.min(data.remaining(), end - chunkStart);
                byte[] bytes = new byte[to - from];
                data.duplicate().position(data.position() + from).get(bytes);
                out.appendBytes(bytes);
            }
            return out;
        });
    }

    private void readVerified(BlobManifest m, Consumer<byte[]> sink) {
        String select = "SELECT data FROM " + chunkTable + " WHERE id = ? AND idx = ?";
        MessageDigest digest = sha256();
        Deque<CompletionStage<AsyncResultSet>> ahead = new ArrayDeque<>();
        int requested = 0;
        for (int index = 0; index < m.chunks(); index++) {
            while (requested < m.chunks() && ahead.size() < IN_FLIGHT) {
                int i = requested++;
                ahead.add(connection.prepared().execute(select, p -> p.bind(m.id().sha256(), i).setIdempotent(true)));
            }
            Row row = await(ahead.removeFirst(), "reading blob " + m.id()).one();
            if (row == null || row.isNull("data")) {
                throw new CorruptBlobException(m.id(), "chunk " + index + " of " + m.chunks() + " is missing");
            }
            ByteBuffer data = row.getByteBuffer("data");
            if (data.remaining() != m.chunkLength(index)) {
                throw new CorruptBlobException(m.id(), "chunk " + index + " has " + data.remaining()
                        + " bytes, the manifest says " + m.chunkLength(index));
            }
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            digest.update(bytes);
            sink.accept(bytes);
        }
        BlobId actual = BlobId.of(digest.digest());
        if (!actual.equals(m.id())) {
            throw new CorruptBlobException(m.id(), "stored content hashes to " + actual);
        }
    }

    @Override
    public Future<Optional<BlobInfo>> stat(BlobId id) {
        if (id == null) {
            return Future.failedFuture(new NullPointerException("id must not be null"));
        }
        return offLoop(() -> manifest(id).map(BlobManifest::info));
    }

    /** Manifest first, so the blob disappears at once; then the chunks it no longer commits. */
    @Override
    public Future<Boolean> delete(BlobId id) {
        if (id == null) {
            return Future.failedFuture(new NullPointerException("id must not be null"));
        }
        return offLoop(() -> {
            // Unverified: a blob with a damaged manifest must still be deletable.
            Optional<BlobManifest> m = manifest(id, false);
            if (m.isEmpty()) {
                return false;
            }
            await(connection.prepared().execute("DELETE FROM " + manifestTable + " WHERE id = ?",
                    p -> p.bind(id.sha256()).setIdempotent(true)), "deleting the manifest of blob " + id);
            // Every chunk the manifest names, by its count or by its size, whichever says more.
            BlobManifest gone = m.get();
            long bySize = gone.size() >= 0 && gone.chunkSize() > 0
                    ? (gone.size() + gone.chunkSize() - 1) / gone.chunkSize() : 0;
            int chunks = (int) Math.min(Integer.MAX_VALUE, Math.max(Math.max(0, gone.chunks()), bySize));
            String delete = "DELETE FROM " + chunkTable + " WHERE id = ? AND idx = ?";
            // If this fails the blob is already gone for readers; leftover chunks only cost space.
            bounded(chunks, index -> connection.prepared().execute(delete,
                    p -> p.bind(id.sha256(), index).setIdempotent(true)),
                    "deleting chunks of blob " + id + " (the blob itself is deleted)");
            return true;
        });
    }

    // ---- plumbing ----

    /** Dedup: a sound manifest means the content is there; a damaged one is written over. */
    private boolean alreadyStored(BlobId id) {
        return manifest(id, false).filter(BlobManifest::consistent).isPresent();
    }

    private BlobManifest existing(BlobId id) {
        return manifest(id).orElseThrow(() -> new BlobNotFoundException(id));
    }

    private Optional<BlobManifest> manifest(BlobId id) {
        return manifest(id, true);
    }

    private Optional<BlobManifest> manifest(BlobId id, boolean verify) {
        Row row = await(connection.prepared().execute(
                "SELECT size, chunk_size, chunks, created FROM " + manifestTable + " WHERE id = ?",
                p -> p.bind(id.sha256()).setIdempotent(true)), "reading the manifest of blob " + id).one();
        if (row == null) {
            return Optional.empty();
        }
        BlobManifest m = new BlobManifest(id, row.getLong("size"), row.getInt("chunk_size"),
                row.getInt("chunks"), row.getInstant("created"));
        return Optional.of(verify ? m.verified() : m);
    }

    /** Fails fast while Cassandra is unavailable, then runs the blocking work on a virtual thread. */
    private <T> Future<T> offLoop(Callable<T> work) {
        try {
            connection.session();
            return OffLoop.call(vertx, workers, () -> offLoopWork(work));
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new StorageUnavailableException("Cassandra storage is closed"));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** File trouble as a StorageException that names it, like the rest of the SPI's failures. */
    private static <T> T offLoopWork(Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (IOException e) {
            throw new StorageException("blob file I/O failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StorageException("blob file I/O failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Blocking wait, on a virtual thread only. */
    private static <T> T await(CompletionStage<T> stage, String operation) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unchecked(e, operation);
        }
    }

    private static RuntimeException unchecked(Throwable failure, String operation) {
        Throwable translated = CassandraFailures.translate(failure, operation);
        return translated instanceof RuntimeException r ? r : new StorageException(operation + " failed", translated);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
