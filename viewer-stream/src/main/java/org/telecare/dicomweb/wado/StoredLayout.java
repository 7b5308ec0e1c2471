package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.BulkDataRef;
import org.telecare.dicom.data.ByteValue;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.Value;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.storage.blob.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stored instance's data set read by ranges from its blob, every value above
 * {@link #THRESHOLD} bytes left where it is: what frames and bulk data are cut from. Parsing
 * reads the header and skips the values, so a 500 MB multiframe costs a few range reads. Big
 * endian and deflated objects cannot be served in place; their large values are spilled to
 * {@code spill} (little endian) and the files removed by {@link #close}.
 */
final class StoredLayout implements AutoCloseable {
    /** Small enough that no object's fragments pile up in memory, large enough for every attribute frames need. */
    static final long THRESHOLD = 256;

    private final BlobStore blobs;
    private final StoredInstance instance;
    private final Attributes dataset;
    private final Path origin;
    private final Set<Path> spilled;

    private StoredLayout(BlobStore blobs, StoredInstance instance, Attributes dataset, Path origin, Set<Path> spilled) {
        this.blobs = blobs;
        this.instance = instance;
        this.dataset = dataset;
        this.origin = origin;
        this.spilled = spilled;
    }

    /** Blocking: run on a worker. */
    static StoredLayout read(BlobStore blobs, StoredInstance i, Path spill) throws IOException {
        Path origin = Path.of("blob", i.blob().toString());
        Attributes ds;
        try (InputStream in = new BlobInputStream(blobs, i.blob(), i.size())) {
            ds = DicomReader.readFile(in, i.size(), origin, ReadOptions.DEFAULT.withBulkDataThreshold(THRESHOLD, spill))
                    .dataset();
        }
        Set<Path> spilled = new HashSet<>();
        collectSpills(ds, origin, spilled);
        return new StoredLayout(blobs, i, ds, origin, spilled);
    }

    private static void collectSpills(Attributes ds, Path origin, Set<Path> out) {
        for (Element e : ds.elements()) {
            switch (e.value()) {
                case BulkDataRef ref when !ref.file().equals(origin) -> out.add(ref.file());
                case Fragments f -> f.items().forEach(v -> {
                    if (v instanceof BulkDataRef ref && !ref.file().equals(origin)) {
                        out.add(ref.file());
                    }
                });
                case Sequence seq -> seq.forEach(item -> collectSpills(item, origin, out));
                default -> {
                }
            }
        }
    }

    Attributes dataset() {
        return dataset;
    }

    StoredInstance instance() {
        return instance;
    }

    /** Copies {@code length} bytes from {@code offset} into a value (a fragment, the pixel data) to {@code out}. */
    Future<Void> copy(Vertx vertx, Value value, long offset, long length, WriteStream<Buffer> out) {
        return switch (value) {
            case ByteValue(byte[] bytes) -> {
                out.write(Buffer.buffer(bytes).slice((int) offset, (int) (offset + length)));
                yield Future.succeededFuture();
            }
            case BulkDataRef ref when ref.file().equals(origin) ->
                    BlobStreamer.copy(blobs, instance.blob(), ref.offset() + offset, length, out);
            case BulkDataRef ref -> BlobStreamer.copy((at, n) -> vertx.executeBlocking(() ->
                            Buffer.buffer(ref.read(at - ref.offset(), (int) Math.min(n, ref.offset() + ref.length() - at))), false),
                    ref.file().toString(), ref.offset() + offset, length, out);
            default -> Future.failedFuture(new IllegalArgumentException("not a value with bytes: " + value));
        };
    }

    static long length(Value v) {
        return switch (v) {
            case ByteValue(byte[] bytes) -> bytes.length;
            case BulkDataRef ref -> ref.length();
            default -> -1;
        };
    }

    /**
     * The fragments of each frame of encapsulated pixel data, by the Extended Offset Table
     * (7FE0,0001) if there is one, else the Basic Offset Table (PS3.5 §A.4). Blocking: the tables
     * may be bulk data in the blob.
     */
    List<List<Value>> frames(Fragments f, int count) throws IOException {
        Element extended = dataset.get(0x7FE00001);
        if (extended != null) {
            byte[] table = bytes(extended.value());
            if (table.length == 8L * count) {
                long[] offsets = new long[count];
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(table).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < count; k++) {
                    offsets[k] = b.getLong();
                }
                return f.frames(offsets);
            }
        }
        Fragments resolved = new Fragments(bytes(f.basicOffsetTable()));
        f.fragments().forEach(resolved::add);
        return resolved.frames(count);
    }

    /** A value's bytes in memory, for small tables only. Blocking. */
    byte[] bytes(Value v) throws IOException {
        return switch (v) {
            case ByteValue(byte[] b) -> b;
            case BulkDataRef ref when ref.file().equals(origin) -> {
                try (InputStream in = new BlobInputStream(blobs, instance.blob(), ref.offset() + ref.length())) {
                    in.skipNBytes(ref.offset());
                    yield in.readNBytes(Math.toIntExact(ref.length()));
                }
            }
            case BulkDataRef ref -> ref.read(0, Math.toIntExact(ref.length()));
            default -> throw new IOException("not a value with bytes: " + v);
        };
    }

    @Override
    public void close() {
        for (Path p : spilled) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is cleaned with the spool; nothing to tell the client
            }
        }
    }
}
