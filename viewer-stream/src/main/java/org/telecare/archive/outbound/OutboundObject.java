package org.telecare.archive.outbound;

import org.telecare.archive.catalog.StoredInstance;
import org.telecare.storage.blob.BlobId;

import java.util.Objects;

/**
 * A stored object about to be sent to a peer: what the C-STORE names and where its bytes are.
 *
 * @param size          the blob's size, or -1 when the caller does not know it
 * @param datasetOffset where the data set starts in the blob (after the Part 10 header), or -1
 */
public record OutboundObject(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, BlobId blob,
                             long size, long datasetOffset) {
    public OutboundObject {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(blob, "blob");
    }

    public static OutboundObject of(StoredInstance i) {
        return new OutboundObject(i.sopClassUid(), i.sopInstanceUid(), i.transferSyntaxUid(), i.blob(), i.size(),
                i.datasetOffset());
    }
}
