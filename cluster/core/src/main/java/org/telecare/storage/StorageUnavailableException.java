package org.telecare.storage;

/** The backend cannot serve right now (e.g. Cassandra unreachable); retrying later may work. */
public class StorageUnavailableException extends StorageException {
    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
