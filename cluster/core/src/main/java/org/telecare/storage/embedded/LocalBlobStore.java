package org.telecare.storage.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.telecare.storage.OffLoop;
import org.telecare.storage.StorageException;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobInfo;
import org.telecare.storage.blob.BlobNotFoundException;
import org.telecare.storage.blob.BlobStore;
import org.telecare.storage.blob.CorruptBlobException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Blobs as local files named by their SHA-256 ({@code ab/cd/abcd…}). A blob is written to a
 * temporary file, fsynced, renamed into place and its folder fsynced before the put completes,
 * so a crash leaves either the whole blob or none of it. Reads hash the content and refuse it on
 * mismatch (bit rot, a truncated copy, a file edited by hand).
 */
public final class LocalBlobStore implements BlobStore {
    private static final int IO_BUFFER = 256 * 1024;

    private final Vertx vertx;
    private final ExecutorService io;
    private final Path root;
    private final Path tmp;

    public LocalBlobStore(Vertx vertx, ExecutorService io, Path root) {
        this.vertx = vertx;
        this.io = io;
        this.root = root;
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new StorageException("cannot create the blob folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** Where a blob's file is; for tests and operators, not for serving (use the API, which verifies). */
    public Path pathOf(BlobId id) {
        String h = id.sha256();
        return root.resolve(h.substring(0, 2)).resolve(h.substring(2, 4)).resolve(h);
    }

    @Override
    public Future<BlobInfo> put(Buffer content) {
        byte[] bytes = content.getBytes();
        return call(() -> {
            BlobId id = BlobId.of(sha256().digest(bytes));
            Path staging = stagingFile();
            try (FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            return publish(staging, id, bytes.length);
        });
    }

    @Override
    public Future<BlobInfo> putFile(Path source) {
        return call(() -> {
            MessageDigest digest = sha256();
            Path staging = stagingFile();
            long size = 0;
            try (InputStream in = Files.newInputStream(source);
                 FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                byte[] buf = new byte[IO_BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                }
                out.flush();
                ch.force(true);
            } catch (NoSuchFileException e) {
                Files.deleteIfExists(staging);
                throw new StorageException("no such file to store: " + source, e);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(staging);
                throw e;
            }
            return publish(staging, BlobId.of(digest.digest()), size);
        });
    }

    @Override
    public Future<Buffer> get(BlobId id) {
        return call(() -> {
            byte[] bytes = readExisting(id);
            if (!BlobId.of(sha256().digest(bytes)).equals(id)) {
                throw new CorruptBlobException(id, "content hash does not match (" + bytes.length + " bytes on disk)");
            }
            return Buffer.buffer(bytes);
        });
    }

    @Override
    public Future<Void> copyTo(BlobId id, Path target) {
        return call(() -> {
            Path file = pathOf(id);
            if (!Files.exists(file)) {
                throw new BlobNotFoundException(id);
            }
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = Files.newOutputStream(staging, StandardOpenOption.CREATE_NEW)) {
                byte[] buf = new byte[IO_BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(staging);
                throw e;
            }
            if (!BlobId.of(digest.digest()).equals(id)) {
                Files.deleteIfExists(staging);
                throw new CorruptBlobException(id, "content hash does not match");
            }
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        });
    }

    @Override
    public Future<Optional<BlobInfo>> stat(BlobId id) {
        return call(() -> {
            Path file = pathOf(id);
            return Files.exists(file) ? Optional.of(new BlobInfo(id, Files.size(file))) : Optional.empty();
        });
    }

    @Override
    public Future<Boolean> delete(BlobId id) {
        return call(() -> Files.deleteIfExists(pathOf(id)));
    }

    @Override
    public Future<Buffer> readRange(BlobId id, long offset, int length) {
        if (offset < 0 || length < 0) {
            return Future.failedFuture(new IllegalArgumentException("offset and length must not be negative"));
        }
        return call(() -> {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(pathOf(id))) {
                long size = ch.size();
                int n = (int) Math.max(0, Math.min(length, size - offset));
                java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(n);
                while (out.hasRemaining()) {
                    if (ch.read(out, offset + out.position()) < 0) {
                        throw new CorruptBlobException(id, "ended early at " + (offset + out.position()));
                    }
                }
                return Buffer.buffer(out.array());
            } catch (NoSuchFileException e) {
                throw new BlobNotFoundException(id);
            }
        });
    }

    private byte[] readExisting(BlobId id) throws IOException {
        try {
            return Files.readAllBytes(pathOf(id));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(id);
        }
    }

    private BlobInfo publish(Path staging, BlobId id, long size) throws IOException {
        Path target = pathOf(id);
        if (Files.exists(target)) {
            // Same content already stored (content addressing): keep the existing file.
            Files.delete(staging);
            return new BlobInfo(id, size);
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(staging);
            if (!Files.exists(target)) {
                throw e;
            }
        }
        // The rename is durable only once the folder entry is on disk.
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        return new BlobInfo(id, size);
    }

    private Path stagingFile() {
        return tmp.resolve(UUID.randomUUID() + ".part");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private <T> Future<T> call(Callable<T> work) {
        return OffLoop.call(vertx, io, work);
    }
}
