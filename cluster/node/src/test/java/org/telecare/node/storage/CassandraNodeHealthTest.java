package org.telecare.node.storage;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.cassandra.devnode.TestCassandra;
import org.telecare.node.Node;
import org.telecare.node.TestNodes;
import org.telecare.storage.cassandra.TcpProxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node in cluster mode whose Cassandra is out of reach: it starts anyway, {@code /health}
 * answers 503 and says why, and the node becomes ready on its own once Cassandra is reachable
 * (and again after Cassandra goes away and comes back).
 */
class CassandraNodeHealthTest {

    @Test
    void healthFollowsCassandraAvailability(@TempDir Path data) throws Exception {
        Vertx proxyVertx = Vertx.vertx();
        TcpProxy cassandra = new TcpProxy(proxyVertx, TestCassandra.contactPoint());
        String keyspace = "node_health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String yaml = TestNodes.isolatedYaml("""
                storage:
                  backend: cassandra
                  cassandra:
                    contactPoints: ["127.0.0.1:%d"]
                    localDatacenter: %s
                    keyspace: %s
                modules:
                  accounts:
                    fieldKeys: {current: k1, keys: {k1: "%s"}}
                """.formatted(cassandra.address().getPort(), TestCassandra.datacenter(), keyspace,
                org.telecare.accounts.sensitive.FieldKeys.generateKeyBase64()));
        Node node = Node.start(TestNodes.config(data, yaml)).toCompletionStage().toCompletableFuture()
                .get(2, TimeUnit.MINUTES);
        try {
            int port = node.httpPort();
            JsonObject down = TestNodes.awaitHealth(port,
                    h -> !h.getJsonObject("storage").getString("detail", "").isBlank(), Duration.ofSeconds(60));
            assertThat(TestNodes.get(port, "/health").statusCode()).isEqualTo(503);
            assertThat(down.getBoolean("ready")).isFalse();
            assertThat(down.getJsonObject("storage").getString("backend")).isEqualTo("cassandra");
            assertThat(down.getJsonObject("storage").getString("state")).isIn("STARTING", "UNAVAILABLE");

            cassandra.start();
            JsonObject up = TestNodes.awaitHealth(port, h -> h.getBoolean("ready"), Duration.ofMinutes(2));
            assertThat(up.getJsonObject("storage").getString("state")).isEqualTo("READY");

            cassandra.stop();
            JsonObject lost = TestNodes.awaitHealth(port, h -> !h.getBoolean("ready"), Duration.ofMinutes(1));
            assertThat(lost.getJsonObject("storage").getString("state")).isEqualTo("UNAVAILABLE");

            cassandra.start();
            TestNodes.awaitHealth(port, h -> h.getBoolean("ready"), Duration.ofMinutes(2));
        } finally {
            cassandra.stop();
            node.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            proxyVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
