package org.telecare.node;

import io.vertx.core.json.JsonObject;
import org.telecare.node.config.ConfigReader;
import org.telecare.node.config.NodeConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Starting nodes in tests: ephemeral ports, a cluster name of their own, a temp data folder. */
public final class TestNodes {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestNodes() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** YAML for a lone node that cannot meet any other test's node. */
    public static String isolatedYaml(String extra) throws IOException {
        return """
                node: {id: test-%s}
                http: {host: 127.0.0.1, tls: {port: 0}}
                dicom: {port: 0}
                cluster: {name: "test-%s", host: 127.0.0.1, port: %d}
                """.formatted(UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), freePort()) + extra;
    }

    public static NodeConfig config(Path data, String yaml) {
        return ConfigReader.fromYaml(yaml, new ConfigReader.Overrides(Optional.of(0), Optional.empty(), Optional.of(data)));
    }

    public static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code /health} until its JSON satisfies {@code condition}; returns that JSON. */
    public static JsonObject awaitHealth(int port, Predicate<JsonObject> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(port, "/health");
                last = new JsonObject(r.body());
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health on port " + port + " never satisfied the condition; last: " + last);
    }
}
