package org.telecare.archive.index;

import org.telecare.storage.blob.BlobId;

/** A SOP Instance UID already stored with other content, under {@link DuplicatePolicy#REJECT}. */
public final class DuplicateInstanceException extends RuntimeException {
    private final String sopInstanceUid;
    private final BlobId stored;

    public DuplicateInstanceException(String sopInstanceUid, BlobId stored) {
        super("SOP Instance UID " + sopInstanceUid + " is already stored with different content (blob " + stored + ")");
        this.sopInstanceUid = sopInstanceUid;
        this.stored = stored;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    /** The blob of the instance that stays. */
    public BlobId stored() {
        return stored;
    }
}
