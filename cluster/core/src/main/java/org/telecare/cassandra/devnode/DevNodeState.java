package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a dev node in a data directory listens, kept in {@code node.properties} beside its data.
 * It lets {@code bin/telecare cassandra status} report the node without asking the user, and
 * lets a restart reuse the ports it picked the first time so clients keep their contact point.
 */
public record DevNodeState(String address, int nativePort, int storagePort, String datacenter,
                           String clusterName) {

    static final String FILE_NAME = "node.properties";

    public InetSocketAddress contactPoint() {
        return new InetSocketAddress(address, nativePort);
    }

    void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("address", address);
        p.setProperty("nativePort", Integer.toString(nativePort));
        p.setProperty("storagePort", Integer.toString(storagePort));
        p.setProperty("datacenter", datacenter);
        p.setProperty("clusterName", clusterName);
        Path file = dataDir.resolve(FILE_NAME);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(temp)) {
                p.store(w, "telecare Cassandra dev node: where it listens");
            }
            // Whole or not at all: `status` may read it while a start is writing it.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CassandraDevNodeException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Empty when the directory never held a node (or the file is unreadable: then start afresh). */
    public static Optional<DevNodeState> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return Optional.of(new DevNodeState(p.getProperty("address"),
                    Integer.parseInt(p.getProperty("nativePort")),
                    Integer.parseInt(p.getProperty("storagePort")),
                    p.getProperty("datacenter"), p.getProperty("clusterName")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
