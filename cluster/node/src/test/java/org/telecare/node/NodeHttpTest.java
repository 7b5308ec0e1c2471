package org.telecare.node;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.storage.RecordKey;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One node, in process, on the embedded defaults: health, metrics, API errors, web client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeHttpTest {
    Path data;
    Node node;
    int port;

    @BeforeAll
    void start() throws Exception {
        data = java.nio.file.Files.createTempDirectory("node-http");
        node = Node.start(TestNodes.config(data, TestNodes.isolatedYaml("")))
                .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        port = node.httpPort();
    }

    @AfterAll
    void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    @Test
    void healthSaysReadyWithNodeMembersAndStorage() throws Exception {
        JsonObject health = TestNodes.awaitHealth(port, h -> h.getBoolean("ready"), Duration.ofSeconds(60));
        assertThat(TestNodes.get(port, "/health").statusCode()).isEqualTo(200);
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getString("nodeId")).isEqualTo(node.config().nodeId());
        assertThat(health.getJsonArray("members")).hasSize(1);
        assertThat(health.getJsonArray("members").getJsonObject(0).getBoolean("local")).isTrue();
        assertThat(health.getJsonArray("members").getJsonObject(0).getString("nodeId")).isEqualTo(node.config().nodeId());
        assertThat(health.getJsonObject("storage").getString("backend")).isEqualTo("embedded");
        assertThat(health.getJsonObject("storage").getString("state")).isEqualTo("READY");
        assertThat(health.getJsonArray("modules")).contains("accounts");
    }

    @Test
    void metricsArePrometheusTextWithJvmHttpAndStorage() throws Exception {
        TableSpec table = TableSpec.plain("node_metrics_probe");
        node.storage().migrate(List.of(new SchemaMigration("test", 1, "probe", List.of(table))))
                .compose(v -> node.storage().records().put(table, RecordKey.of("p", "c"), new byte[]{1}))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        TestNodes.get(port, "/health");
        HttpResponse<String> r = TestNodes.get(port, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body())
                .contains("jvm_memory_used_bytes")
                .contains("vertx_http_server_requests_total")
                .contains("telecare_storage_seconds_count{backend=\"embedded\"")
                .contains("op=\"put\"");
    }

    @Test
    void unknownApiRoutesAnswerJsonErrorsWithStableCodes() throws Exception {
        HttpResponse<String> r = TestNodes.get(port, "/api/v1/no-such-thing");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonObject error = new JsonObject(r.body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(1404);
        assertThat(error.getString("message")).contains("/api/v1/no-such-thing");
        assertThat(r.headers().firstValue("server")).isEmpty();
        assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
    }

    @Test
    void httpsServesTheSameWithASelfSignedCertificateAndHsts() throws Exception {
        assertThat(node.httpsPort()).isPositive();
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        var client = java.net.http.HttpClient.newBuilder().sslContext(trustAll).build();
        HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://localhost:" + node.httpsPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(200, 503);
        assertThat(new JsonObject(r.body()).getString("nodeId")).isEqualTo(node.config().nodeId());
        assertThat(r.headers().firstValue("strict-transport-security")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        assertThat(java.nio.file.Files.exists(data.resolve("tls/self-signed.key"))).isTrue();
    }

    @Test
    void theWebClientIsServedAtTheRoot() throws Exception {
        HttpResponse<String> r = TestNodes.get(port, "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<title>").containsIgnoringCase("telecare");
        assertThat(r.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("default-src 'self'").contains("frame-ancestors 'self'"));
        assertThat(TestNodes.get(port, "/../../etc/passwd").body()).doesNotContain("root:");
    }

    @Test
    void clusterHealthGetsAnEventBusAnswerFromItself() throws Exception {
        HttpResponse<String> r = TestNodes.get(port, "/health/cluster");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getJsonArray("eventBus").getJsonObject(0).getString("nodeId"))
                .isEqualTo(node.config().nodeId());
    }
}
