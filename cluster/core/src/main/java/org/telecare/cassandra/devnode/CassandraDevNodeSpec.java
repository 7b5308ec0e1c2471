package org.telecare.cassandra.devnode;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a development/test Cassandra node should look like.
 *
 * @param javaExecutable the {@code java} of a Java 11 or 17 runtime: Cassandra 5.0 does not run
 *                       on the Java 25 that runs telecare
 * @param libDir         every jar of {@code cassandra-all} and its runtime dependencies
 *                       ({@code cluster/cassandra-node/target/lib})
 * @param dataDir        holds everything the node writes: generated configuration, logs, data,
 *                       commit log, hints, saved caches, pid and state files
 * @param listenAddress  a loopback address (127.0.0.1, 127.0.0.2, ...); the node binds only there
 * @param nativePort     the CQL port; 0 picks a free one (and reuses it when the same data
 *                       directory is started again)
 * @param storagePort    the inter-node port; 0 as for {@code nativePort}. Give it explicitly when
 *                       several nodes form one cluster, so that they can name each other as seeds
 * @param heapSize       {@code -Xms}/{@code -Xmx} value such as {@code 512M} or {@code 1G}
 * @param seeds          storage addresses of the seed nodes; empty means this node is its own seed
 */
public record CassandraDevNodeSpec(Path javaExecutable, Path libDir, Path dataDir, String listenAddress,
                                   String clusterName, String datacenter, int nativePort,
                                   int storagePort, String heapSize, List<InetSocketAddress> seeds) {

    private static final Pattern HEAP = Pattern.compile("\\d+[mMgG]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public CassandraDevNodeSpec {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(listenAddress, "listenAddress");
        requireName(clusterName, "clusterName");
        // The DC name goes into a properties file and into CQL replication maps: keep it plain.
        requireName(datacenter, "datacenter");
        requirePort(nativePort, "nativePort");
        requirePort(storagePort, "storagePort");
        if (heapSize == null || !HEAP.matcher(heapSize).matches()) {
            throw new IllegalArgumentException("heapSize must look like 512M or 1G, not " + heapSize);
        }
        seeds = List.copyOf(seeds);
        dataDir = dataDir.toAbsolutePath().normalize();
        libDir = libDir.toAbsolutePath().normalize();
    }

    /** One node on 127.0.0.1 in data centre {@code dc1}, free ports, 512 MB heap. */
    public static CassandraDevNodeSpec defaults(Path javaExecutable, Path libDir, Path dataDir) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, "127.0.0.1", "telecare-dev",
                "dc1", 0, 0, "512M", List.of());
    }

    public CassandraDevNodeSpec withNativePort(int port) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, listenAddress, clusterName,
                datacenter, port, storagePort, heapSize, seeds);
    }

    public CassandraDevNodeSpec withStoragePort(int port) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, listenAddress, clusterName,
                datacenter, nativePort, port, heapSize, seeds);
    }

    public CassandraDevNodeSpec withListenAddress(String address) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, address, clusterName,
                datacenter, nativePort, storagePort, heapSize, seeds);
    }

    public CassandraDevNodeSpec withDatacenter(String dc) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, listenAddress, clusterName,
                dc, nativePort, storagePort, heapSize, seeds);
    }

    public CassandraDevNodeSpec withHeapSize(String heap) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, listenAddress, clusterName,
                datacenter, nativePort, storagePort, heap, seeds);
    }

    public CassandraDevNodeSpec withSeeds(List<InetSocketAddress> seedNodes) {
        return new CassandraDevNodeSpec(javaExecutable, libDir, dataDir, listenAddress, clusterName,
                datacenter, nativePort, storagePort, heapSize, seedNodes);
    }

    private static void requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_', '-' or '.', not " + value);
        }
    }

    private static void requirePort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535, not " + port);
        }
    }
}
