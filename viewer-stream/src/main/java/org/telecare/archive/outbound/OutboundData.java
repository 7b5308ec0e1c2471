package org.telecare.archive.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Part10;
import org.telecare.dicom.transcode.NativeTranscoder;
import org.telecare.dimse.message.Payload;
import org.telecare.dimse.scu.NoPresentationContextException;
import org.telecare.storage.blob.BlobStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The data set of a stored object as a C-STORE sends it (PS3.7 §9.3.1.1): without the Part 10
 * preamble and File Meta Information the archive keeps it behind, in a transfer syntax the peer
 * accepted. The stored bytes go out unchanged when the peer takes the stored syntax; otherwise an
 * uncompressed object is re-encoded by {@link NativeTranscoder} (C-GET, C-MOVE and routing to a
 * peer that takes only Implicit VR Little Endian); a compressed one the peer refused fails with
 * {@link NoPresentationContextException} (decompression needs the pixel codecs).
 *
 * <p>Objects up to {@link #IN_MEMORY_LIMIT} are read whole before the C-STORE starts, so a storage
 * error fails only that sub-operation; larger ones are streamed a slice at a time (an error
 * mid-stream then aborts the association, PS3.8 Annex E: a promised data set cannot be cut short),
 * and re-encoded through files in the work folder, never whole in heap.
 */
public final class OutboundData {
    static final int IN_MEMORY_LIMIT = 16 << 20;
    /** Enough for any File Meta Information we write (a few hundred bytes in practice). */
    static final int META_READ = 64 * 1024;
    private static final long BULK_THRESHOLD = 64 * 1024;

    /** Which of the given syntaxes the association accepted for the SOP class, best first. */
    @FunctionalInterface
    public interface AcceptedSyntaxes {
        Optional<String> first(String sopClassUid, List<String> transferSyntaxes);
    }

    /** A data set ready to send; {@link #release()} once the C-STORE is over removes work files. */
    public record Prepared(String transferSyntaxUid, Payload payload, Runnable release) {
    }

    private final Vertx vertx;
    private final BlobStore blobs;
    private final Path work;

    public OutboundData(Vertx vertx, BlobStore blobs, Path workDirectory) {
        this.vertx = vertx;
        this.blobs = blobs;
        this.work = workDirectory;
    }

    /** The object in the stored syntax if accepted, else re-encoded to one that is. */
    public Future<Prepared> prepare(OutboundObject o, AcceptedSyntaxes accepted) {
        if (accepted.first(o.sopClassUid(), List.of(o.transferSyntaxUid())).isPresent()) {
            return open(o).map(p -> new Prepared(o.transferSyntaxUid(), p, () -> { }));
        }
        Optional<String> target = accepted.first(o.sopClassUid(), List.of(NativeTranscoder.TARGETS.toArray(String[]::new)))
                .filter(ts -> NativeTranscoder.canTranscode(o.transferSyntaxUid(), ts));
        if (target.isEmpty()) {
            return Future.failedFuture(new NoPresentationContextException(o.sopClassUid(), o.transferSyntaxUid()));
        }
        return size(o).compose(size -> size <= IN_MEMORY_LIMIT
                ? transcodeInMemory(o, size, target.get())
                : transcodeThroughFiles(o, target.get()));
    }

    /** The stored data set bytes, unchanged. */
    public Future<Payload> open(OutboundObject o) {
        return size(o).compose(size -> {
            if (size <= IN_MEMORY_LIMIT) {
                return blobs.readRange(o.blob(), 0, (int) (long) size).map(all -> {
                    long offset = dataSetOffset(o, all, size);
                    return Payload.of(all.slice((int) offset, all.length()));
                });
            }
            return blobs.readRange(o.blob(), 0, META_READ).map(head -> {
                long offset = dataSetOffset(o, head, size);
                return Payload.of(new BlobRangeStream(blobs, o.blob(), offset, size));
            });
        });
    }

    private Future<Long> size(OutboundObject o) {
        if (o.size() >= 0) {
            return Future.succeededFuture(o.size());
        }
        return blobs.stat(o.blob()).map(info -> info.orElseThrow(() -> new IllegalStateException(
                "stored object of " + o.sopInstanceUid() + " is missing from the blob store")).size());
    }

    private Future<Prepared> transcodeInMemory(OutboundObject o, long size, String target) {
        return blobs.readRange(o.blob(), 0, (int) size).compose(all -> vertx.executeBlocking(() -> {
            long offset = dataSetOffset(o, all, size);
            byte[] dataSet = all.getBytes((int) offset, all.length());
            byte[] out = NativeTranscoder.transcode(dataSet, o.transferSyntaxUid(), target);
            return new Prepared(target, Payload.of(Buffer.buffer(out)), () -> { });
        }, false));
    }

    private Future<Prepared> transcodeThroughFiles(OutboundObject o, String target) {
        String name = UUID.randomUUID().toString();
        Path stored = work.resolve(name + ".dcm");
        Path encoded = work.resolve(name + ".out");
        Path spill = work.resolve(name + ".spill");
        Runnable cleanup = () -> vertx.executeBlocking(() -> {
            Files.deleteIfExists(stored);
            Files.deleteIfExists(encoded);
            if (Files.isDirectory(spill)) {
                try (var files = Files.list(spill)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(spill);
            }
            return null;
        }, false);
        return vertx.executeBlocking(() -> Files.createDirectories(spill), false)
                .compose(v -> blobs.copyTo(o.blob(), stored))
                .compose(v -> vertx.executeBlocking(() -> {
                    NativeTranscoder.transcodePart10(stored, encoded, target, spill, BULK_THRESHOLD);
                    return null;
                }, false))
                .compose(v -> vertx.fileSystem().open(encoded.toString(), new OpenOptions().setRead(true)))
                .map(file -> {
                    file.pause();
                    Runnable release = () -> file.close().onComplete(x -> cleanup.run());
                    return new Prepared(target, Payload.of(file), release);
                })
                .onFailure(e -> cleanup.run());
    }

    /** Where the data set starts: the index's offset when it knows it, else after the meta group read here. */
    private static long dataSetOffset(OutboundObject o, Buffer head, long size) {
        if (o.datasetOffset() >= 0) {
            return o.datasetOffset();
        }
        FileMetaInfo meta;
        try {
            meta = Part10.readFileMetaInfo(new ByteArrayInputStream(head.getBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("stored object of " + o.sopInstanceUid() + " has no readable meta information", e);
        }
        if (!meta.transferSyntaxUid().equals(o.transferSyntaxUid())) {
            throw new IllegalStateException("stored object of " + o.sopInstanceUid() + " is in " + meta.transferSyntaxUid()
                    + ", the index says " + o.transferSyntaxUid());
        }
        if (meta.datasetOffset() >= size) {
            throw new IllegalStateException("stored object of " + o.sopInstanceUid() + " has no data set");
        }
        return meta.datasetOffset();
    }
}
