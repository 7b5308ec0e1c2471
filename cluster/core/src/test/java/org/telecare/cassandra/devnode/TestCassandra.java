package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Cassandra node every test in a JVM shares. With {@code -Dtelecare.test.cassandra=host:port}
 * (a node started once for the whole run by {@code bin/telecare test}) that node is used;
 * otherwise the first caller starts one in a temporary directory, and a shutdown hook stops it and
 * deletes the directory when the JVM exits. Tests isolate themselves with their own keyspaces.
 */
public final class TestCassandra {

    /** Data centre of an external node, when it is not {@code dc1}. */
    public static final String DC_PROPERTY = "telecare.test.cassandra.dc";

    private record Endpoint(InetSocketAddress contactPoint, String datacenter) {
    }

    private static Endpoint endpoint;
    private static RuntimeException startFailure;

    private TestCassandra() {
    }

    /** CQL contact point of the shared node; starts it on first use (a few seconds). */
    public static InetSocketAddress contactPoint() {
        return endpoint().contactPoint();
    }

    /** The node's data centre: the local DC for the driver and the key of replication maps. */
    public static String datacenter() {
        return endpoint().datacenter();
    }

    private static synchronized Endpoint endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        if (startFailure != null) {
            // Fail every later test at once with the first cause, instead of retrying for minutes.
            throw new IllegalStateException("the test Cassandra node failed to start: " + startFailure.getMessage(),
                    startFailure);
        }
        try {
            String external = System.getProperty("telecare.test.cassandra", "").trim();
            endpoint = external.isEmpty() ? startOwnNode() : new Endpoint(parse(external),
                    System.getProperty(DC_PROPERTY, "dc1"));
            return endpoint;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static Endpoint startOwnNode() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("telecare-cassandra-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary data directory", e);
        }
        CassandraDevNodeSpec spec = CassandraDevNodeSpec.defaults(javaExecutable(), libDir(), dataDir);
        CassandraDevNode node;
        try {
            node = CassandraDevNode.start(spec);
        } catch (RuntimeException e) {
            deleteRecursively(dataDir);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.kill();
            deleteRecursively(dataDir);
        }, "test-cassandra-stop"));
        return new Endpoint(node.contactPoint(), node.datacenter());
    }

    static Path javaExecutable() {
        String configured = System.getProperty("telecare.cassandra.java", "");
        return configured.isBlank() ? CliOptions.DEFAULT_JAVA : Path.of(configured);
    }

    /**
     * Set by the build; when a test runs from an IDE without it, look for the jars the build
     * copies, from the working directory upwards (a module directory or the project root).
     */
    static Path libDir() {
        String configured = System.getProperty("telecare.cassandra.lib", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CliOptions.DEFAULT_LIB);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return CliOptions.DEFAULT_LIB;
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("telecare.test.cassandra must be host:port, not " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is not worth failing a test run for.
        }
    }
}
