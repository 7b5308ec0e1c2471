package org.telecare.storage;

/** A storage operation failed; the message says why in words an operator can act on. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
