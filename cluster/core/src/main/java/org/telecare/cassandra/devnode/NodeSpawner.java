package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts node processes from one thread that lives as long as this JVM.
 *
 * <p>A child node is launched under {@code setpriv --pdeathsig TERM} so that it stops when this
 * JVM dies, even by SIGKILL (a killed test run must not leave nodes behind). The kernel sends that
 * signal when the <em>thread</em> that spawned the child exits, not the process: spawning from a
 * short-lived test or pool thread would stop the node early. Hence this single, never-ending thread.
 */
final class NodeSpawner {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cassandra-dev-node-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private NodeSpawner() {
    }

    static Process spawn(ProcessBuilder builder) throws IOException {
        // submit(), not execute(): a failing start must not end (and replace) the spawning thread.
        Future<Process> started = THREAD.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the node", e);
        }
    }
}
