package org.telecare.storage.blob;

import org.telecare.storage.StorageException;

/** Stored content no longer matches its SHA-256: the blob is damaged and is not served. */
public class CorruptBlobException extends StorageException {
    public CorruptBlobException(BlobId id, String detail) {
        super("blob " + id + " is corrupt: " + detail);
    }
}
