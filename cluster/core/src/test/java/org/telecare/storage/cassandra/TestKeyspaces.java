package org.telecare.storage.cassandra;

import org.telecare.cassandra.devnode.TestCassandra;

import java.net.InetSocketAddress;
import java.util.List;

/** Settings and recipes for tests against the shared test node, each in a keyspace of its own. */
final class TestKeyspaces {
    private TestKeyspaces() {
    }

    static CassandraSettings settings(String keyspace) {
        return CassandraSettings.singleNode(TestCassandra.contactPoint(), TestCassandra.datacenter(), keyspace);
    }

    /** The conformance suite's recipe ({@code cassandra host:port dc keyspace}). */
    static List<String> recipe(String keyspace) {
        InetSocketAddress point = TestCassandra.contactPoint();
        return List.of("cassandra", point.getHostString() + ":" + point.getPort(), TestCassandra.datacenter(), keyspace);
    }
}
