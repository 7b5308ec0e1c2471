package org.telecare.archive.catalog;

import org.telecare.storage.blob.BlobId;

/**
 * Where one instance's bytes are: a Part 10 file in the blob store whose data set starts at
 * {@code datasetOffset} and is encoded in {@code transferSyntaxUid}.
 */
public record StoredInstance(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid,
                             String transferSyntaxUid, BlobId blob, long size, long datasetOffset) {
}
