package org.telecare.node.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.node.NodeProcess;
import org.telecare.node.TestNodes;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes as separate processes on loopback form one cluster: each lists both members, and
 * an event-bus message published on one is answered by the other.
 */
class TwoNodeClusterTest {

    @Test
    void twoProcessesFormOneClusterAndShareTheEventBus(@TempDir Path dir) throws Exception {
        int hzA = TestNodes.freePort();
        int hzB = TestNodes.freePort();
        int httpA = TestNodes.freePort();
        int httpB = TestNodes.freePort();
        String clusterName = "two-node-" + UUID.randomUUID();
        Path a = writeConfig(dir.resolve("a"), "node-a", clusterName, hzA, hzA, hzB);
        Path b = writeConfig(dir.resolve("b"), "node-b", clusterName, hzB, hzA, hzB);

        try (NodeProcess nodeA = NodeProcess.start(dir.resolve("a"), "start", "--config", a.toString(),
                "--http-port", "" + httpA, "--data", dir.resolve("a/data").toString());
             NodeProcess nodeB = NodeProcess.start(dir.resolve("b"), "start", "--config", b.toString(),
                     "--http-port", "" + httpB, "--data", dir.resolve("b/data").toString())) {
            JsonObject healthA;
            JsonObject healthB;
            try {
                healthA = TestNodes.awaitHealth(httpA, h -> h.getBoolean("ready") && h.getJsonArray("members").size() == 2,
                        Duration.ofMinutes(2));
                healthB = TestNodes.awaitHealth(httpB, h -> h.getBoolean("ready") && h.getJsonArray("members").size() == 2,
                        Duration.ofMinutes(1));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- node a ---\n" + nodeA.output()
                        + "\n--- node b ---\n" + nodeB.output(), e);
            }
            assertThat(nodeIds(healthA.getJsonArray("members"))).containsExactlyInAnyOrder("node-a", "node-b");
            assertThat(nodeIds(healthB.getJsonArray("members"))).containsExactlyInAnyOrder("node-a", "node-b");

            HttpResponse<String> ping = TestNodes.get(httpA, "/health/cluster");
            assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
            assertThat(nodeIds(new JsonObject(ping.body()).getJsonArray("eventBus")))
                    .containsExactlyInAnyOrder("node-a", "node-b");
            HttpResponse<String> pingB = TestNodes.get(httpB, "/health/cluster");
            assertThat(nodeIds(new JsonObject(pingB.body()).getJsonArray("eventBus")))
                    .containsExactlyInAnyOrder("node-a", "node-b");
        }
    }

    private static java.util.List<String> nodeIds(JsonArray array) {
        return array.stream().map(o -> ((JsonObject) o).getString("nodeId")).toList();
    }

    private static Path writeConfig(Path dir, String id, String cluster, int port, int a, int b) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("telecare.yaml");
        Files.writeString(file, """
                node: {id: %s}
                http: {host: 127.0.0.1, tls: {port: 0}}
                dicom: {port: 0}
                cluster:
                  name: "%s"
                  host: 127.0.0.1
                  port: %d
                  members: ["127.0.0.1:%d", "127.0.0.1:%d"]
                """.formatted(id, cluster, port, a, b));
        return file;
    }
}
