package org.telecare.dicomweb.stow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.dicomweb.DicomWebNode;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dicomweb.DicomWebNode.image;

/**
 * Orthanc's DICOMweb plugin as a real client of ours: it sends an instance with STOW-RS, finds it
 * with QIDO-RS and pulls it back with WADO-RS, as a partner PACS would (ARC-4). Skipped where
 * Debian's orthanc and orthanc-dicomweb are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrthancDicomWebInteropTest {
    static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    DicomWebNode node;
    Process orthanc;
    String orthancUrl;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ORTHANC) && Files.exists(PLUGIN), "Orthanc with its DICOMweb plugin");
        node = new DicomWebNode();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // Orthanc takes no port 0; a port just free is the nearest
        }
        Path dir = node.dir.resolve("orthanc");
        Files.createDirectories(dir.resolve("db"));
        JsonObject config = new JsonObject().put("Name", "interop").put("HttpPort", port).put("DicomServerEnabled", false)
                .put("RemoteAccessAllowed", false).put("AuthenticationEnabled", false)
                .put("StorageDirectory", dir.resolve("db").toString()).put("IndexDirectory", dir.resolve("db").toString())
                .put("Plugins", new JsonArray().add(PLUGIN.toString()))
                .put("DicomWeb", new JsonObject().put("Enable", true).put("Servers", new JsonObject()
                        .put("telecare", new JsonObject().put("Url", node.url("/dicomweb/"))
                                .put("HttpHeaders", new JsonObject().put("X-Test-User", "admin-a")))));
        Path file = Files.writeString(dir.resolve("orthanc.json"), config.encodePrettily());
        orthanc = new ProcessBuilder(ORTHANC.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        orthancUrl = "http://127.0.0.1:" + port;
        for (int i = 0; i < 100; i++) { // bounded: Orthanc starts in about a second
            try {
                if (call("GET", "/system", null).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Orthanc did not start: " + Files.readString(dir.resolve("orthanc.log")));
    }

    @AfterAll
    void stop() throws Exception {
        if (orthanc != null) {
            orthanc.destroy();
            orthanc.waitFor();
        }
        if (node != null) {
            node.close();
        }
    }

    HttpResponse<String> call(String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(orthancUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void orthancStoresFindsAndRetrievesOverOurDicomWeb() throws Exception {
        byte[] dicom = node.part10(image("P-ORT", "Orthanc^Partner=欧^特", "2.25.1100", "2.25.1101", "2.25.1102"));
        HttpResponse<String> uploaded = call("POST", "/instances", dicom);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String id = new JsonObject(uploaded.body()).getString("ID");

        HttpResponse<String> stow = call("POST", "/dicom-web/servers/telecare/stow",
                new JsonObject().put("Resources", new JsonArray().add(id)).encode().getBytes(StandardCharsets.UTF_8));
        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
        HttpResponse<byte[]> back = node.get("/dicomweb/studies/2.25.1100/series/2.25.1101/instances/2.25.1102", "doctor-a");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(DicomWebNode.parts(back, new ArrayList<>())).singleElement().satisfies(p ->
                assertThat(new String(p, StandardCharsets.ISO_8859_1)).contains("2.25.1102"));

        HttpResponse<String> qido = call("POST", "/dicom-web/servers/telecare/qido", new JsonObject()
                .put("Uri", "/studies").put("Arguments", new JsonObject().put("PatientID", "P-ORT")).encode()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(qido.statusCode()).as(qido.body()).isEqualTo(200);
        // Orthanc hands the QIDO-RS answer on with each attribute's Value as plain text.
        JsonArray found = new JsonArray(qido.body());
        assertThat(found).as(qido.body()).hasSize(1);
        assertThat(found.getJsonObject(0).getJsonObject("0020000D").getString("Value")).isEqualTo("2.25.1100");

        assertThat(call("DELETE", "/instances/" + id, null).statusCode()).isEqualTo(200);
        HttpResponse<String> retrieve = call("POST", "/dicom-web/servers/telecare/retrieve", new JsonObject()
                .put("Resources", new JsonArray().add(new JsonObject().put("Study", "2.25.1100"))).encode()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(retrieve.statusCode()).as(retrieve.body()).isEqualTo(200);
        HttpResponse<String> instances = call("GET", "/instances?expand", null);
        List<String> uids = new ArrayList<>();
        new JsonArray(instances.body()).forEach(o -> uids.add(((JsonObject) o).getJsonObject("MainDicomTags")
                .getString("SOPInstanceUID")));
        assertThat(uids).containsExactly("2.25.1102");
    }
}
