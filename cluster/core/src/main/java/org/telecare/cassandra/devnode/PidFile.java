package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code cassandra.pid} in the data directory: how {@code bin/telecare cassandra stop} finds a
 * node that a previous, long gone CLI process started.
 */
record PidFile(Path file) {

    static PidFile in(Path dataDir) {
        return new PidFile(dataDir.resolve("cassandra.pid"));
    }

    void write(long pid) {
        try {
            Files.writeString(file, pid + "\n");
        } catch (IOException e) {
            throw new CassandraDevNodeException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    Optional<Long> read() {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Long.parseLong(Files.readString(file).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The live Cassandra process named by the file. A pid outlives its process and may be reused
     * by an unrelated one, so the process must also look like a Cassandra daemon.
     */
    Optional<ProcessHandle> liveProcess() {
        return read().flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(PidFile::looksLikeCassandra);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stale pid file is harmless: liveProcess() checks the process behind it.
        }
    }

    private static boolean looksLikeCassandra(ProcessHandle process) {
        // The command line is not visible for every process (other users'); then trust the file.
        return process.info().commandLine()
                .map(cmd -> cmd.contains(CassandraCommandLine.MAIN_CLASS))
                .orElse(true);
    }
}
