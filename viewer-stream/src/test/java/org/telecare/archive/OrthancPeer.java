package org.telecare.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Orthanc as a real peer: started from a generated configuration in a folder of its
 * own, on loopback ports picked free, with one DICOM modality (our AE) it may store to and
 * accept C-MOVE/C-GET from. Its REST API lets tests upload and look up instances.
 */
public final class OrthancPeer implements AutoCloseable {
    public static final String AE_TITLE = "ORTHANC";
    private static final Path BINARY = Path.of("/usr/sbin/Orthanc");

    public final int dicomPort;
    public final int httpPort;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private OrthancPeer(int dicomPort, int httpPort, Process process, Path log) {
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.process = process;
        this.log = log;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts Orthanc on the given ports, knowing {@code ourAe} at {@code ourPort} on loopback. */
    public static OrthancPeer start(Path dir, int dicomPort, int httpPort, String ourAe, int ourPort) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("Orthanc not found at " + BINARY + "; install it with: apt-get install -y orthanc");
        }
        Files.createDirectories(dir);
        JsonObject config = new JsonObject().put("Name", "telecare-test")
                .put("StorageDirectory", dir.resolve("storage").toString())
                .put("IndexDirectory", dir.resolve("index").toString())
                .put("DicomAet", AE_TITLE).put("DicomPort", dicomPort).put("HttpPort", httpPort)
                .put("RemoteAccessAllowed", false)
                // each answer closes its connection: a kept-alive one that Orthanc drops while idle
                // would otherwise fail the next request with no bytes
                .put("KeepAlive", false).put("AuthenticationEnabled", false)
                .put("Plugins", new JsonArray()).put("StorageCompression", false).put("SaveJobs", false)
                .put("DicomCheckCalledAet", false).put("DicomAlwaysAllowEcho", true).put("DicomAlwaysAllowStore", true)
                .put("DicomAlwaysAllowFind", true).put("DicomAlwaysAllowGet", true).put("DicomAlwaysAllowMove", true)
                .put("DicomModalities", new JsonObject().put("telecare", new JsonObject().put("AET", ourAe)
                        .put("Host", "127.0.0.1").put("Port", ourPort)));
        Path file = dir.resolve("orthanc.json");
        Files.writeString(file, config.encodePrettily());
        Path log = dir.resolve("orthanc.log");
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        OrthancPeer peer = new OrthancPeer(dicomPort, httpPort, pb.start(), log);
        for (int i = 0; i < 300; i++) {
            if (!peer.process.isAlive()) {
                throw new AssertionError("Orthanc exited: " + Files.readString(log));
            }
            try {
                if (peer.get("/system").statusCode() == 200) {
                    return peer;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        peer.close();
        throw new AssertionError("Orthanc did not answer within 30 s: " + Files.readString(log));
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Orthanc's id of the instance with this SOP Instance UID, if it has it. */
    public Optional<String> instanceId(String sopInstanceUid) throws IOException, InterruptedException {
        JsonArray found = new JsonArray(post("/tools/lookup", sopInstanceUid.getBytes()).body());
        return found.stream().map(JsonObject.class::cast).filter(j -> "Instance".equals(j.getString("Type")))
                .map(j -> j.getString("ID")).findFirst();
    }

    /** The Part 10 file Orthanc keeps for the instance. */
    public byte[] file(String orthancId) throws IOException, InterruptedException {
        return get("/instances/" + orthancId + "/file").body();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
