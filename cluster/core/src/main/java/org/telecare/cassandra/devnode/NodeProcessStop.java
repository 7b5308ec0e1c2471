package org.telecare.cassandra.devnode;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a Cassandra JVM the way an operator would: SIGTERM first, so its shutdown hook drains
 * (flushes memtables, closes the commit log) and the next start replays nothing; SIGKILL only if
 * it does not finish in time. Works for a child process and for one found through a pid file.
 */
final class NodeProcessStop {
    private NodeProcessStop() {
    }

    /** Returns true when the process exited on SIGTERM, false when it had to be killed. */
    static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        if (!awaitExit(process, Duration.ofSeconds(30))) {
            throw new CassandraDevNodeException("Cassandra (pid " + process.pid() + ") did not exit even on SIGKILL");
        }
        return false;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
