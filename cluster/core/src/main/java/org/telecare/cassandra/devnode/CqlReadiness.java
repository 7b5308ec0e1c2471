package org.telecare.cassandra.devnode;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits until a starting node really serves CQL. An open port alone is not enough (the port opens
 * at the end of startup, but a query proves the system keyspace is readable), and a dead process
 * must end the wait at once rather than at the timeout.
 */
final class CqlReadiness {

    /** What the node says about itself once it answers CQL. */
    record NodeInfo(String releaseVersion, String datacenter) {
    }

    private CqlReadiness() {
    }

    static NodeInfo await(Process process, InetSocketAddress contactPoint, String expectedDc,
                          Duration timeout, Supplier<String> logTail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CassandraDevNodeException("Cassandra exited with code " + process.exitValue()
                        + " before it served CQL on " + format(contactPoint) + logTail.get());
            }
            if (accepts(contactPoint)) {
                try {
                    NodeInfo info = query(contactPoint);
                    if (!info.datacenter().equals(expectedDc)) {
                        throw new CassandraDevNodeException("the node at " + format(contactPoint)
                                + " is in data centre '" + info.datacenter() + "', not '" + expectedDc
                                + "' (a data directory keeps the data centre it was created with)");
                    }
                    return info;
                } catch (CassandraDevNodeException e) {
                    throw e;
                } catch (RuntimeException e) {
                    lastFailure = e;
                }
            }
            pause();
        }
        throw new CassandraDevNodeException("Cassandra did not serve CQL on " + format(contactPoint)
                + " within " + timeout.toSeconds() + " s"
                + (lastFailure == null ? "" : " (last attempt: " + lastFailure.getMessage() + ")")
                + logTail.get());
    }

    static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One short-lived session. The load-balancing policy infers the local DC from the contact
     * point instead of being told, so a wrong DC becomes the clear message above rather than the
     * driver's "no node available".
     */
    private static NodeInfo query(InetSocketAddress contactPoint) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy")
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                // The driver lingers 2 s per session by default before its threads stop.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build();
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(contactPoint)
                .withConfigLoader(config)
                .build()) {
            Row row = session.execute("SELECT release_version, data_center FROM system.local").one();
            if (row == null) {
                throw new IllegalStateException("system.local is empty");
            }
            return new NodeInfo(row.getString("release_version"), row.getString("data_center"));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CassandraDevNodeException("interrupted while waiting for Cassandra to start", e);
        }
    }

    static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
