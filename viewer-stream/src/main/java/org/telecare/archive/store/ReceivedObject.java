package org.telecare.archive.store;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.io.FileMetaInfo;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One object received whole and parsed. {@code dataset}'s bulk data refers into {@code part10},
 * a spool file that exists only until the sink's future completes: the sink copies what it keeps.
 *
 * @param sourceAe the calling AE title (DIMSE) or the uploading user's system (STOW-RS)
 * @param calledAe the AE title the sender addressed (DIMSE), empty otherwise
 */
public record ReceivedObject(Path part10, FileMetaInfo meta, Attributes dataset, long size, String sourceAe,
                             Instant receivedAt, String calledAe) {
    public ReceivedObject {
        calledAe = calledAe == null ? "" : calledAe;
    }

    /** Without a called AE (ways in other than DIMSE). */
    public ReceivedObject(Path part10, FileMetaInfo meta, Attributes dataset, long size, String sourceAe,
                          Instant receivedAt) {
        this(part10, meta, dataset, size, sourceAe, receivedAt, "");
    }

    public String sopInstanceUid() {
        return meta.attributes().getString(org.telecare.dicom.data.Tag.MEDIA_STORAGE_SOP_INSTANCE_UID).orElseThrow();
    }

    public String transferSyntaxUid() {
        return meta.attributes().getString(org.telecare.dicom.data.Tag.TRANSFER_SYNTAX_UID).orElseThrow();
    }
}
