package org.telecare.cassandra.devnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraDevNodeTest {

    @Test
    void storesAndReadsARowInANetworkTopologyKeyspace() {
        String dc = TestCassandra.datacenter();
        String keyspace = "devnode_" + UUID.randomUUID().toString().replace("-", "");
        try (CqlSession session = session(TestCassandra.contactPoint(), dc)) {
            session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = "
                    + "{'class': 'NetworkTopologyStrategy', '" + dc + "': 1}");
            session.execute("CREATE TABLE " + keyspace + ".consult (id uuid PRIMARY KEY, title text)");
            UUID id = UUID.randomUUID();
            session.execute(session.prepare("INSERT INTO " + keyspace + ".consult (id, title) VALUES (?, ?)")
                    .bind(id, "second opinion"));

            Row row = session.execute(session.prepare("SELECT title FROM " + keyspace + ".consult WHERE id = ?")
                    .bind(id)).one();

            assertThat(row).isNotNull();
            assertThat(row.getString("title")).isEqualTo("second opinion");
            session.execute("DROP KEYSPACE " + keyspace);
        }
    }

    @Test
    void refusesACqlPortThatIsAlreadyInUseWithoutStartingAJvm(@TempDir Path dataDir) {
        InetSocketAddress busy = TestCassandra.contactPoint();
        CassandraDevNodeSpec spec = spec(dataDir)
                .withListenAddress(busy.getAddress().getHostAddress())
                .withNativePort(busy.getPort());
        long began = System.nanoTime();

        assertThatThrownBy(() -> CassandraDevNode.start(spec))
                .isInstanceOf(CassandraDevNodeException.class)
                .hasMessageContaining("CQL (native transport) port " + busy.getPort())
                .hasMessageContaining("already in use");

        assertThat(System.nanoTime() - began).as("refused up front, not after a JVM start")
                .isLessThan(5_000_000_000L);
        assertThat(dataDir.resolve("cassandra.pid")).doesNotExist();
        assertThat(dataDir.resolve("logs")).doesNotExist();
    }

    @Test
    void refusesANonLoopbackAddress(@TempDir Path dataDir) {
        assertThatThrownBy(() -> CassandraDevNode.start(spec(dataDir).withListenAddress("192.0.2.1")))
                .isInstanceOf(CassandraDevNodeException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void namesMismatchedLogbackJarsInsteadOfLettingCassandraDie(@TempDir Path lib) throws IOException {
        for (String jar : List.of("cassandra-all-5.0.9.jar", "jamm-0.4.0.jar",
                "logback-classic-1.5.32.jar", "logback-core-1.5.18.jar")) {
            Files.createFile(lib.resolve(jar));
        }

        assertThatThrownBy(() -> CassandraLibDir.check(lib))
                .isInstanceOf(CassandraDevNodeException.class)
                .hasMessageContaining("logback-classic 1.5.32 but logback-core 1.5.18");
    }

    @Test
    void namesJarsLeftOverFromAnEarlierBuild(@TempDir Path lib) throws IOException {
        for (String jar : List.of("cassandra-all-5.0.9.jar", "jamm-0.4.0.jar",
                "netty-all-4.1.130.Final.jar", "netty-all-4.2.12.Final.jar",
                "netty-transport-native-epoll-4.1.130.Final-linux-x86_64.jar",
                "netty-transport-native-epoll-4.1.130.Final.jar")) {
            Files.createFile(lib.resolve(jar));
        }

        assertThatThrownBy(() -> CassandraLibDir.check(lib))
                .isInstanceOf(CassandraDevNodeException.class)
                .hasMessageContaining("netty-all in versions [4.1.130.Final, 4.2.12.Final]");
    }

    @Test
    void cliStartsADetachedNodeThatKeepsItsDataAndPortAcrossARestart(@TempDir Path dataDir) {
        List<String> where = List.of("--data", dataDir.toString(), "--port", "0", "--heap", "512M");
        try {
            assertThat(cli("start", where)).isEqualTo(CassandraDevNodeCli.OK);
            DevNodeState first = DevNodeState.read(dataDir).orElseThrow();
            UUID id = UUID.randomUUID();
            try (CqlSession session = session(first.contactPoint(), first.datacenter())) {
                session.execute("CREATE KEYSPACE kept WITH replication = "
                        + "{'class': 'NetworkTopologyStrategy', '" + first.datacenter() + "': 1}");
                session.execute("CREATE TABLE kept.t (id uuid PRIMARY KEY, v text)");
                session.execute(session.prepare("INSERT INTO kept.t (id, v) VALUES (?, ?)").bind(id, "survives"));
            }
            assertThat(cli("status", where)).isEqualTo(CassandraDevNodeCli.OK);

            assertThat(cli("stop", where)).isEqualTo(CassandraDevNodeCli.OK);
            assertThat(cli("status", where)).isEqualTo(CassandraDevNodeCli.NOT_RUNNING);

            assertThat(cli("start", where)).isEqualTo(CassandraDevNodeCli.OK);
            DevNodeState second = DevNodeState.read(dataDir).orElseThrow();
            assertThat(second.contactPoint()).isEqualTo(first.contactPoint());
            try (CqlSession session = session(second.contactPoint(), second.datacenter())) {
                Row row = session.execute(session.prepare("SELECT v FROM kept.t WHERE id = ?").bind(id)).one();
                assertThat(row).isNotNull();
                assertThat(row.getString("v")).isEqualTo("survives");
            }
        } finally {
            cli("stop", where);
        }
    }

    private static int cli(String command, List<String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(options);
        int code = new CassandraDevNodeCli(print, print).run(args, Map.of());
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return code;
    }

    private static CassandraDevNodeSpec spec(Path dataDir) {
        return CassandraDevNodeSpec.defaults(TestCassandra.javaExecutable(), TestCassandra.libDir(), dataDir);
    }

    /**
     * DDL on a busy 2-core machine can take longer than the driver's 2 s default, and the driver
     * holds every DDL statement for its 1 s schema-refresh debounce window unless told otherwise.
     */
    private static CqlSession session(InetSocketAddress contactPoint, String dc) {
        return CqlSession.builder()
                .addContactPoint(contactPoint)
                .withLocalDatacenter(dc)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
                        .build())
                .build();
    }
}
