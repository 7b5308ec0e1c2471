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
 *
 * <p>With compression on (ARC-5) new blobs are written in {@link DeflatedBlobFile}'s chunked
 * format, named {@code abcd….z}; blobs written before stay as they are and both kinds are read,
 * so compression can be switched on or off at any time without migrating anything.
 */
public final class LocalBlobStore implements BlobStore {
    private static final int IO_BUFFER = 256 * 1024;

    private final Vertx vertx;
    private final ExecutorService io;
    private final Path root;
    private final Path tmp;
    private final boolean compress;

    public LocalBlobStore(Vertx vertx, ExecutorService io, Path root) {
        this(vertx, io, root, false);
    }

    /** @param compress write new blobs deflated at rest (byte-exact, see {@link DeflatedBlobFile}) */
    public LocalBlobStore(Vertx vertx, ExecutorService io, Path root, boolean compress) {
        this.vertx = vertx;
        this.compress = compress;
        this.io = io;
        this.root = root;
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new StorageException("cannot create the blob folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where a blob's file is (the compressed one if there is one); for tests and operators, not
     * for serving (use the API, which verifies).
     */
    public Path pathOf(BlobId id) {
        Path packed = packedPath(id);
        return Files.exists(packed) ? packed : plainPath(id);
    }

    private Path plainPath(BlobId id) {
        String h = id.sha256();
        return root.resolve(h.substring(0, 2)).resolve(h.substring(2, 4)).resolve(h);
    }

    private Path packedPath(BlobId id) {
        Path plain = plainPath(id);
        return plain.resolveSibling(plain.getFileName() + ".z");
    }

    private static boolean packed(Path file) {
        return file.getFileName().toString().endsWith(".z");
    }

    @Override
    public Future<BlobInfo> put(Buffer content) {
        byte[] bytes = content.getBytes();
        return call(() -> {
            BlobId id = BlobId.of(sha256().digest(bytes));
            Path staging = stagingFile();
            try (FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (compress) {
                    try (DeflatedBlobFile.Writer w = new DeflatedBlobFile.Writer(ch)) {
                        w.write(bytes, 0, bytes.length);
                    }
                } else {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(staging);
                throw e;
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
                 OutputStream out = compress ? new DeflatedBlobFile.Writer(ch) : java.nio.channels.Channels.newOutputStream(ch)) {
                byte[] buf = new byte[IO_BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                }
                if (out instanceof DeflatedBlobFile.Writer packer) {
                    packer.close(); // writes the trailer; the channel stays open for the fsync
                } else {
                    out.flush();
                }
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
            byte[] bytes = readContent(id);
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
            try (OutputStream out = new java.security.DigestOutputStream(
                    Files.newOutputStream(staging, StandardOpenOption.CREATE_NEW), digest)) {
                if (packed(file)) {
                    try (FileChannel ch = FileChannel.open(file)) {
                        DeflatedBlobFile.copy(ch, out);
                    } catch (IOException e) {
                        throw new CorruptBlobException(id, e.getMessage());
                    }
                } else {
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(out);
                    }
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
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            if (!packed(file)) {
                return Optional.of(new BlobInfo(id, Files.size(file)));
            }
            try (FileChannel ch = FileChannel.open(file)) {
                return Optional.of(new BlobInfo(id, DeflatedBlobFile.layout(ch).contentSize()));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new CorruptBlobException(id, e.getMessage());
            }
        });
    }

    @Override
    public Future<Boolean> delete(BlobId id) {
        return call(() -> Files.deleteIfExists(packedPath(id)) | Files.deleteIfExists(plainPath(id)));
    }

    @Override
    public Future<Buffer> readRange(BlobId id, long offset, int length) {
        if (offset < 0 || length < 0) {
            return Future.failedFuture(new IllegalArgumentException("offset and length must not be negative"));
        }
        return call(() -> {
            Path file = pathOf(id);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                if (packed(file)) {
                    try {
                        return Buffer.buffer(DeflatedBlobFile.range(ch, offset, length));
                    } catch (IOException e) {
                        throw new CorruptBlobException(id, e.getMessage());
                    }
                }
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

    private byte[] readContent(BlobId id) throws IOException {
        Path file = pathOf(id);
        try {
            if (!packed(file)) {
                return Files.readAllBytes(file);
            }
            try (FileChannel ch = FileChannel.open(file)) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                DeflatedBlobFile.copy(ch, out);
                return out.toByteArray();
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new CorruptBlobException(id, e.getMessage());
            }
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(id);
        }
    }

    private BlobInfo publish(Path staging, BlobId id, long size) throws IOException {
        Path target = compress ? packedPath(id) : plainPath(id);
        if (Files.exists(packedPath(id)) || Files.exists(plainPath(id))) {
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
