package org.telecare.cassandra.devnode;

/**
 * The dev node could not be started or stopped. The message is written for the person at the
 * terminal: it names the missing file, the busy port, or carries the tail of Cassandra's log.
 */
public final class CassandraDevNodeException extends RuntimeException {
    public CassandraDevNodeException(String message) {
        super(message);
    }

    public CassandraDevNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
