package org.telecare.node.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigReaderTest {
    private static final ConfigReader.Overrides NONE = ConfigReader.Overrides.none();

    @Test
    void defaultsAreTheEmbeddedSingleNode() {
        NodeConfig c = ConfigReader.read(Optional.empty(), NONE);
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.dicom().port()).isEqualTo(11112);
        assertThat(c.dicom().aeTitle()).isEqualTo("TELECARE");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.storage().backend()).isEqualTo(NodeConfig.Storage.Backend.EMBEDDED);
        assertThat(c.storage().fsync()).isTrue();
        assertThat(c.storage().compressBlobs()).as("ARC-5: lossless compression at rest by default").isTrue();
        assertThat(ConfigReader.fromYaml("storage: {embedded: {blobCompression: none}}", NONE).storage().compressBlobs()).isFalse();
        assertThat(c.cluster().members()).isEmpty();
        assertThat(c.cluster().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void commandLineOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "http: {port: 9000}\ndicom: {port: 104}\nnode: {data: /srv/x}\n");
        NodeConfig c = ConfigReader.read(Optional.of(file),
                new ConfigReader.Overrides(Optional.of(9100), Optional.empty(), Optional.of(Path.of("/tmp/d"))));
        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.dicom().port()).isEqualTo(104);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/d"));
    }

    @Test
    void cassandraSectionBecomesSettings() {
        NodeConfig c = ConfigReader.fromYaml("""
                storage:
                  backend: cassandra
                  cassandra:
                    contactPoints: ["10.1.0.5:9042", "10.1.0.6"]
                    localDatacenter: dc1
                    replication: {dc1: 3, dc2: 3}
                    consistency: LOCAL_QUORUM
                """, NONE);
        var s = c.storage().cassandra().orElseThrow();
        assertThat(s.contactPoints()).hasSize(2);
        assertThat(s.contactPoints().get(1).getPort()).isEqualTo(9042);
        assertThat(s.replication()).containsEntry("dc1", 3).containsEntry("dc2", 3);
        assertThat(s.keyspace()).isEqualTo("telecare");
    }

    @Test
    void unknownKeysAreNamedWithTheirPath() {
        assertThatThrownBy(() -> ConfigReader.fromYaml("http:\n  prot: 80\nstorge: {}\n", NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.prot: unknown key")
                .hasMessageContaining("storge: unknown key");
    }

    @Test
    void wrongValuesAreNamedAndAllReportedAtOnce() {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigReader.fromYaml("""
                http: {port: 70000}
                dicom: {aeTitle: "THIS AE TITLE IS FAR TOO LONG"}
                storage: {backend: mysql, embedded: {fsync: maybe, blobCompression: zip}}
                cluster: {members: ["a:b"]}
                log: {format: xml}
                """, NONE));
        assertThat(e.problems()).hasSize(7);
        assertThat(e.getMessage())
                .contains("http.port: expected a whole number from 0 to 65535, got '70000'")
                .contains("dicom.aeTitle")
                .contains("storage.backend: 'mysql' is not one of [cassandra, embedded]")
                .contains("storage.embedded.fsync: expected true or false")
                .contains("storage.embedded.blobCompression")
                .contains("cluster.members[0]: expected host:port")
                .contains("log.format");
    }

    @Test
    void tlsIsOnByDefaultAndACertificateNeedsItsKey() {
        NodeConfig c = ConfigReader.read(Optional.empty(), NONE);
        assertThat(c.http().tls().enabled()).isTrue();
        assertThat(c.http().tls().port()).isEqualTo(8443);
        assertThatThrownBy(() -> ConfigReader.fromYaml("http: {tls: {certFile: /etc/x.crt}}", NONE))
                .hasMessageContaining("certFile and keyFile go together");
    }

    @Test
    void cassandraBackendNeedsContactPointsAndDatacenter() {
        assertThatThrownBy(() -> ConfigReader.fromYaml("storage: {backend: cassandra}", NONE))
                .hasMessageContaining("storage.cassandra.contactPoints")
                .hasMessageContaining("storage.cassandra.localDatacenter");
    }

    @Test
    void brokenYamlAndMissingFilesAreReported(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigReader.fromYaml("http: [port: 1\n", NONE))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigReader.fromYaml("- just\n- a list\n", NONE))
                .hasMessageContaining("mapping");
        assertThatThrownBy(() -> ConfigReader.read(Optional.of(dir.resolve("absent.yaml")), NONE))
                .hasMessageContaining("config file not found");
    }
}
