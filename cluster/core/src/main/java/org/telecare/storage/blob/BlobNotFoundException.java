package org.telecare.storage.blob;

import org.telecare.storage.StorageException;

public class BlobNotFoundException extends StorageException {
    public BlobNotFoundException(BlobId id) {
        super("no blob " + id);
    }
}
