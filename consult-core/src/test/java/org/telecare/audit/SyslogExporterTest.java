package org.telecare.audit;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.conformance.TestBackends;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.storage.conformance.TestBackends.await;

/** Delivery to real local receivers: plain java.net sockets on 127.0.0.1, ephemeral ports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyslogExporterTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private Vertx vertx;
    private Path dir;
    private StorageBackend backend;

    @BeforeAll
    void open() throws Exception {
        vertx = Vertx.vertx();
        dir = Files.createTempDirectory("audit-syslog");
        backend = TestBackends.open(vertx, List.of("embedded", dir.toString()));
        await(backend.migrate(AuditSchema.migrations()));
    }

    @AfterAll
    void close() throws Exception {
        await(backend.close());
        await(vertx.close());
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private AuditTrail trail(SyslogExporter exporter) {
        String chain = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return AuditTrail.create(vertx, backend.records(), AuditTrailOptions.of("node-1").withChain(chain)
                .withExporter(exporter));
    }

    private static AuditEvent.Builder login(String actor) {
        return AuditEvent.builder("auth.login", AuditResult.SUCCESS).actor(actor).hospital("h-1").ip("198.51.100.7")
                .target("user", actor);
    }

    private static byte[] expected(AuditEntry entry, SyslogExporter exporter) {
        SyslogConfig c = exporter.config();
        return SyslogFormat.format(entry, c.facility(), c.hostname(), c.appName(),
                Long.toString(ProcessHandle.current().pid()), c.maxMessageBytes());
    }

    // ------------------------------------------------------------------ UDP

    @Test
    void udpCarriesOneRfc5424MessagePerDatagramForEveryAppend() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            receiver.setSoTimeout(10_000);
            SyslogExporter exporter = SyslogExporter.create(vertx,
                    SyslogConfig.udp("127.0.0.1", receiver.getLocalPort()).withHostname("node-1.example"));
            AuditTrail trail = trail(exporter);
            List<AuditEntry> entries = new ArrayList<>();
            for (String actor : List.of("alice", "b\"o]b", "张三")) {
                entries.add(await(trail.record(login(actor))));
            }
            for (AuditEntry entry : entries) {
                byte[] got = receive(receiver);
                assertThat(got).isEqualTo(expected(entry, exporter));
                Rfc5424.Parsed p = Rfc5424.parse(got);
                assertThat(p.pri()).isEqualTo(10 * 8 + 6);
                assertThat(p.hostname()).isEqualTo("node-1.example");
                assertThat(p.appName()).isEqualTo("telecare");
                assertThat(p.procId()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
                assertThat(p.msgId()).isEqualTo("auth.login");
                assertThat(p.params()).containsEntry("actor", entry.event().actor())
                        .containsEntry("ip", "198.51.100.7").containsEntry("target", "user:" + entry.event().actor())
                        .containsEntry("seq", Long.toString(entry.seq())).containsEntry("hash", entry.hash());
                assertThat(Instant.parse(p.timestamp())).isEqualTo(entry.event().time());
                assertThat(AuditEvent.fromJson(p.msg())).isEqualTo(entry.event());
            }
            waitFor(() -> exporter.stats().sent() == 3);
            assertThat(exporter.stats().dropped()).isZero();
            await(exporter.close());
        }
    }

    @Test
    void udpDatagramsAreTruncatedToTheConfiguredSize() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            receiver.setSoTimeout(10_000);
            SyslogExporter exporter = SyslogExporter.create(vertx,
                    SyslogConfig.udp("127.0.0.1", receiver.getLocalPort()).withHostname("n1").withMaxMessageBytes(480));
            AuditTrail trail = trail(exporter);
            AuditEntry e = await(trail.record(login("alice").detail("note", "远程会诊".repeat(300))));
            byte[] got = receive(receiver);
            assertThat(got.length).isBetween(478, 480);
            Rfc5424.Parsed p = Rfc5424.parse(got);
            assertThat(p.params()).containsEntry("seq", Long.toString(e.seq()));
            assertThat(e.event().canonicalJson()).startsWith(p.msg());
            await(exporter.close());
        }
    }

    @Test
    void aUdpReceiverThatIsNotThereDoesNotDisturbAppends() throws Exception {
        int deadPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            deadPort = probe.getLocalPort();
        }
        SyslogExporter exporter = SyslogExporter.create(vertx, SyslogConfig.udp("127.0.0.1", deadPort).withHostname("n1"));
        AuditTrail trail = trail(exporter);
        for (int i = 0; i < 10; i++) {
            await(trail.record(login("u" + i)));
        }
        waitFor(() -> exporter.stats().queued() == 0);
        assertThat(exporter.stats().offered()).isEqualTo(10);
        assertThat(await(trail.verify()).checked()).isEqualTo(10);
        await(exporter.close());
    }

    // ------------------------------------------------------------------ TCP

    @Test
    void tcpFramesEachMessageWithItsOctetCount() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            server.setSoTimeout(10_000);
            SyslogExporter exporter = SyslogExporter.create(vertx,
                    SyslogConfig.tcp("127.0.0.1", server.getLocalPort()).withHostname("node-2"));
            AuditTrail trail = trail(exporter);
            List<AuditEntry> entries = new ArrayList<>();
            for (String actor : List.of("alice", "bo\\b", "王五]")) {
                entries.add(await(trail.record(login(actor).detail("n", 1))));
            }
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                for (AuditEntry entry : entries) {
                    byte[] frame = readFrame(in);
                    assertThat(frame).isEqualTo(expected(entry, exporter));
                    Rfc5424.Parsed p = Rfc5424.parse(frame);
                    assertThat(p.params()).containsEntry("actor", entry.event().actor())
                            .containsEntry("seq", Long.toString(entry.seq()));
                    assertThat(p.bom()).isTrue();
                }
                waitFor(() -> exporter.stats().sent() == 3);
                assertThat(exporter.stats().connected()).isTrue();
            }
            await(exporter.close());
        }
    }

    @Test
    void tcpReconnectsAfterTheReceiverDropsTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            server.setSoTimeout(10_000);
            SyslogExporter exporter = SyslogExporter.create(vertx, SyslogConfig.tcp("127.0.0.1", server.getLocalPort())
                    .withHostname("n1").withReconnect(Duration.ofMillis(20), Duration.ofMillis(200)));
            AuditTrail trail = trail(exporter);
            AuditEntry first = await(trail.record(login("alice")));
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                assertThat(readFrame(s.getInputStream())).isEqualTo(expected(first, exporter));
            } // the receiver goes away
            waitFor(() -> !exporter.stats().connected());
            AuditEntry second = await(trail.record(login("bob")));
            AuditEntry third = await(trail.record(login("carol")));
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                assertThat(readFrame(in)).isEqualTo(expected(second, exporter));
                assertThat(readFrame(in)).isEqualTo(expected(third, exporter));
            }
            await(exporter.close());
        }
    }

    @Test
    void aDeadTcpReceiverNeitherBlocksNorFailsAppendsAndTheNewestWaitingMessagesArriveLater() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 5, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        SyslogExporter exporter = SyslogExporter.create(vertx, SyslogConfig.tcp("127.0.0.1", port).withHostname("n1")
                .withQueueCapacity(5).withReconnect(Duration.ofMillis(20), Duration.ofMillis(100)));
        AuditTrail trail = trail(exporter);
        long started = System.nanoTime();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            entries.add(await(trail.record(login("user-" + i)), Duration.ofSeconds(10)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(entries).extracting(AuditEntry::seq).doesNotHaveDuplicates().hasSize(20);
        SyslogExporter.Stats stats = exporter.stats();
        assertThat(stats.offered()).isEqualTo(20);
        assertThat(stats.dropped()).isEqualTo(15);
        assertThat(stats.queued()).isEqualTo(5);
        assertThat(stats.sent()).isZero();
        waitFor(() -> exporter.stats().connectFailures() >= 2); // it keeps trying, with backoff

        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LOOPBACK, port));
            server.setSoTimeout(10_000);
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                for (AuditEntry entry : entries.subList(15, 20)) {
                    assertThat(readFrame(in)).isEqualTo(expected(entry, exporter));
                }
            }
        }
        waitFor(() -> exporter.stats().sent() == 5);
        await(exporter.close());
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
        socket.receive(packet);
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    /** One RFC 6587 octet-counted frame: {@code MSG-LEN SP SYSLOG-MSG}, MSG-LEN without leading zeros. */
    private static byte[] readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != ' ') {
            assertThat(c).as("a digit of MSG-LEN").isBetween((int) '0', (int) '9');
            digits.write(c);
        }
        String len = digits.toString(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(len).matches("[1-9][0-9]*");
        byte[] message = new byte[Integer.parseInt(len)];
        new DataInputStream(in).readFully(message);
        return message;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
