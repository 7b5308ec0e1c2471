package org.telecare.storage.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the Cassandra cluster and how to lay out telecare's keyspace.
 *
 * @param replication replicas per data centre, for {@code NetworkTopologyStrategy}; "two sites,
 *                    three data centres" (ARC-8) is this map
 * @param consistency for reads and writes, {@code LOCAL_QUORUM} by default; compare-and-set
 *                    uses {@code LOCAL_SERIAL}
 */
public record CassandraSettings(List<InetSocketAddress> contactPoints, String localDatacenter,
                                String keyspace, Map<String, Integer> replication,
                                String consistency, Optional<String> username,
                                Optional<String> password, Duration requestTimeout,
                                int blobChunkBytes) {
    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
        replication = Map.copyOf(replication);
        Objects.requireNonNull(localDatacenter, "localDatacenter");
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(consistency, "consistency");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one Cassandra contact point is needed");
        }
    }

    /** A one-node development cluster in data centre {@code dc}. */
    public static CassandraSettings singleNode(InetSocketAddress contactPoint, String dc, String keyspace) {
        return new CassandraSettings(List.of(contactPoint), dc, keyspace, Map.of(dc, 1),
                "LOCAL_QUORUM", Optional.empty(), Optional.empty(), Duration.ofSeconds(10), 512 * 1024);
    }
}
