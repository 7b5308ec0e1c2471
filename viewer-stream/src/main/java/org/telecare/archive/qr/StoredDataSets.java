package org.telecare.archive.qr;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.Part10;
import org.telecare.dimse.message.Payload;
import org.telecare.storage.blob.BlobStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The data set of a stored instance as C-STORE sends it (PS3.7 §9.3.1.1): the bytes as received,
 * without the Part 10 preamble and File Meta Information the archive keeps them behind.
 *
 * <p>Objects up to {@link #IN_MEMORY_LIMIT} are read whole before the C-STORE starts, so that a
 * storage error fails only that sub-operation; larger ones are streamed a slice at a time (an
 * error mid-stream then aborts the association, PS3.8 Annex E: a promised data set cannot be
 * cut short).
 */
final class StoredDataSets {
    static final int IN_MEMORY_LIMIT = 16 << 20;
    /** Enough for any File Meta Information we write (a few hundred bytes in practice). */
    static final int META_READ = 64 * 1024;

    private final BlobStore blobs;

    StoredDataSets(BlobStore blobs) {
        this.blobs = blobs;
    }

    Future<Payload> open(StoredInstance i) {
        if (i.size() <= IN_MEMORY_LIMIT) {
            return blobs.readRange(i.blob(), 0, (int) i.size()).map(all -> {
                long offset = dataSetOffset(i, all);
                return Payload.of(all.slice((int) offset, all.length()));
            });
        }
        return blobs.readRange(i.blob(), 0, META_READ).map(head -> {
            long offset = dataSetOffset(i, head);
            return Payload.of(new BlobRangeStream(blobs, i.blob(), offset, i.size()));
        });
    }

    /** Where the data set starts: the catalog's offset when it knows it, else after the meta group read here. */
    private static long dataSetOffset(StoredInstance i, Buffer head) {
        if (i.datasetOffset() >= 0) {
            return i.datasetOffset();
        }
        FileMetaInfo meta;
        try {
            meta = Part10.readFileMetaInfo(new ByteArrayInputStream(head.getBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("stored object of " + i.sopInstanceUid() + " has no readable meta information", e);
        }
        if (!meta.transferSyntaxUid().equals(i.transferSyntaxUid())) {
            throw new IllegalStateException("stored object of " + i.sopInstanceUid() + " is in " + meta.transferSyntaxUid()
                    + ", the index says " + i.transferSyntaxUid());
        }
        if (meta.datasetOffset() >= i.size()) {
            throw new IllegalStateException("stored object of " + i.sopInstanceUid() + " has no data set");
        }
        return meta.datasetOffset();
    }
}
