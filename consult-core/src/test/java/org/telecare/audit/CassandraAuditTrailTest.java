package org.telecare.audit;

import org.telecare.cassandra.devnode.TestCassandra;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** The audit contract on Cassandra (the shared test node, a keyspace of its own). */
class CassandraAuditTrailTest extends AuditTrailContract {
    @Override
    protected List<String> recipe(Path dir) {
        InetSocketAddress point = TestCassandra.contactPoint();
        return List.of("cassandra", point.getHostString() + ":" + point.getPort(), TestCassandra.datacenter(),
                "telecare_audit_test");
    }
}
