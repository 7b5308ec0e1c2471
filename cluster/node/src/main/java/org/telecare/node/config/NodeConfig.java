package org.telecare.node.config;

import io.vertx.core.json.JsonObject;
import org.telecare.storage.cassandra.CassandraSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The node's whole configuration, validated. Built by {@link ConfigReader} from the defaults,
 * an optional YAML file and the command line, in that order.
 */
public record NodeConfig(String nodeId, Path dataDir, Http http, Dicom dicom, Storage storage,
                         Cluster cluster, Log log, JsonObject modules) {

    /** HTTP API and web client, in the clear and over TLS. */
    public record Http(String host, int port, Tls tls) {
    }

    /**
     * HTTPS (SEC-5), on by default with a self-signed certificate generated at first start;
     * operators configure their own certificate and key (PEM) for production.
     */
    public record Tls(boolean enabled, int port, Optional<Path> certFile, Optional<Path> keyFile) {
    }

    /** The DICOM listener (PS3.8): port and the AE title that callers address. */
    public record Dicom(int port, String aeTitle) {
    }

    /** Which backend; Cassandra settings when it is Cassandra. */
    /**
     * @param compressBlobs embedded backend: new blobs deflated at rest (ARC-5); Cassandra
     *                      compresses its SSTables itself
     */
    public record Storage(Backend backend, boolean fsync, boolean compressBlobs, Optional<CassandraSettings> cassandra) {
        public enum Backend { EMBEDDED, CASSANDRA }
    }

    /**
     * Hazelcast membership: the cluster name isolates clusters on one network; members is the
     * TCP join list (empty = a single node).
     */
    public record Cluster(String name, String host, int port, List<String> members) {
    }

    /** Console and file logs: {@code text} for people, {@code json} for log collectors. */
    public record Log(String format, String level) {
    }
}
