package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import org.telecare.storage.StorageException;
import org.telecare.storage.StorageUnavailableException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns the driver's exceptions into the SPI's: callers only need to tell "try again later"
 * ({@link StorageUnavailableException}) from "this request is wrong or the data is bad"
 * ({@link StorageException}), and the message must say which operation on which table failed.
 */
final class CassandraFailures {
    private CassandraFailures() {
    }

    /** Our own exceptions (validation, SPI) pass through; driver ones are wrapped with context. */
    static Throwable translate(Throwable failure, String operation) {
        Throwable e = unwrap(failure);
        if (e instanceof StorageException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof NullPointerException) {
            return e;
        }
        String reason = describe(e);
        if (transientFailure(e)) {
            return new StorageUnavailableException("Cassandra could not serve " + operation + ": " + reason, e);
        }
        return new StorageException("Cassandra failed " + operation + ": " + reason, e);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The cluster could answer later: no replica, timeouts, overload, closed connections. */
    static boolean transientFailure(Throwable e) {
        return e instanceof AllNodesFailedException || e instanceof NoNodeAvailableException
                || e instanceof NodeUnavailableException || e instanceof DriverTimeoutException
                || e instanceof QueryConsistencyException || e instanceof OverloadedException
                || e instanceof BootstrappingException || e instanceof RequestThrottlingException
                || e instanceof BusyConnectionException || e instanceof ClosedConnectionException
                || e instanceof HeartbeatException;
    }

    /**
     * A lightweight transaction or serial read that lost to contention or timed out: a write's
     * outcome is unknown (it may or may not have been applied). The caller reads at SERIAL to
     * find out and, where its condition may still hold, tries again.
     */
    static boolean casContention(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof CASWriteUnknownException
                || (e instanceof WriteTimeoutException w && w.getWriteType() == DefaultWriteType.CAS)
                || (e instanceof ReadTimeoutException r && r.getConsistencyLevel().isSerial())
                || e instanceof DriverTimeoutException;
    }

    /** One line an operator can act on; the driver's AllNodesFailed text lists every node's error. */
    static String describe(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof AllNodesFailedException all && !all.getAllErrors().isEmpty()) {
            StringBuilder b = new StringBuilder();
            all.getAllErrors().forEach((node, errors) -> {
                if (!b.isEmpty()) {
                    b.append("; ");
                }
                Throwable last = errors.isEmpty() ? e : errors.getLast();
                b.append(node.getEndPoint()).append(": ").append(rootMessage(last));
            });
            return b.toString();
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root.getCause() != null && root.getCause().getMessage() != null
                && (message == null || !message.contains(root.getCause().getMessage()))) {
            message = (message == null ? "" : message + ": ") + root.getCause().getMessage();
        }
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
