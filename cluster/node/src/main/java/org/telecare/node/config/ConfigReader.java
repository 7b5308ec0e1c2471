package org.telecare.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import org.telecare.storage.cassandra.CassandraSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration strictly: an unknown key or a wrong value is an error that names
 * the key (a typo silently ignored is how a hospital ends up on the wrong database). All
 * problems are collected and reported together.
 *
 * <pre>
 * node:    { id: node-1, data: ./data }
 * http:    { host: 0.0.0.0, port: 8080, tls: { enabled: true, port: 8443, certFile: …, keyFile: … } }
 * dicom:   { port: 11112, aeTitle: TELECARE }
 * storage:
 *   backend: embedded            # or cassandra
 *   embedded: { fsync: true }
 *   cassandra:
 *     contactPoints: [ "127.0.0.1:9042" ]
 *     localDatacenter: dc1
 *     keyspace: telecare
 *     replication: { dc1: 3, dc2: 3 }
 *     consistency: LOCAL_QUORUM
 *     username: …, password: …, requestTimeoutMs: 10000, blobChunkKiB: 512
 * cluster: { name: telecare, host: 127.0.0.1, port: 5701, members: [ "10.0.0.2:5701" ] }
 * log:     { format: text, level: INFO }
 * modules: { …free-form per module… }
 * </pre>
 */
public final class ConfigReader {
    private static final Pattern AE_TITLE = Pattern.compile("[\\x20-\\x5b\\x5d-\\x7e]{1,16}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Set<String> CONSISTENCY = Set.of("ONE", "LOCAL_ONE", "QUORUM", "LOCAL_QUORUM",
            "EACH_QUORUM", "ALL");

    private final List<String> problems = new ArrayList<>();

    private ConfigReader() {
    }

    /** Command-line values that override the file. */
    public record Overrides(Optional<Integer> httpPort, Optional<Integer> dicomPort, Optional<Path> dataDir) {
        public static Overrides none() {
            return new Overrides(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public static NodeConfig read(Optional<Path> file, Overrides overrides) {
        ObjectNode root = file.map(ConfigReader::parse).orElseGet(JsonNodeFactory.instance::objectNode);
        return new ConfigReader().build(root, overrides);
    }

    /** For tests and embedding: the configuration from YAML text. */
    public static NodeConfig fromYaml(String yaml, Overrides overrides) {
        return new ConfigReader().build(parseText(yaml, "configuration"), overrides);
    }

    private static ObjectNode parse(Path file) {
        try {
            return parseText(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("config file not found: " + file));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
        }
    }

    private static ObjectNode parseText(String yaml, String source) {
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(List.of(source + ": the top level must be a mapping of sections"));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(source + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
    }

    private NodeConfig build(ObjectNode root, Overrides overrides) {
        Section top = new Section("", root);
        Section node = top.section("node");
        Section http = top.section("http");
        Section dicom = top.section("dicom");
        Section storage = top.section("storage");
        Section embedded = storage.section("embedded");
        Section cassandra = storage.section("cassandra");
        Section cluster = top.section("cluster");
        Section log = top.section("log");
        JsonObject modules = top.freeForm("modules");

        // Read every key even when the command line overrides it: a typo in the file is still an error.
        int httpPort = overrides.httpPort().orElse(http.integer("port", 8080, 0, 65535));
        String httpHost = http.string("host", "0.0.0.0");
        Section tls = http.section("tls");
        boolean tlsEnabled = tls.bool("enabled", true);
        int httpsPort = tls.integer("port", 8443, 0, 65535);
        Optional<Path> certFile = Optional.ofNullable(tls.string("certFile", null)).map(Path::of);
        Optional<Path> keyFile = Optional.ofNullable(tls.string("keyFile", null)).map(Path::of);
        if (certFile.isPresent() != keyFile.isPresent()) {
            problems.add("http.tls: certFile and keyFile go together (PEM certificate chain and private key)");
        }
        int dicomPort = overrides.dicomPort().orElse(dicom.integer("port", 11112, 0, 65535));
        String aeTitle = dicom.matching("aeTitle", "TELECARE", AE_TITLE,
                "1-16 characters of the DICOM default repertoire without backslash (PS3.5 §6.2, AE VR)");
        String defaultId = hostName() + "-" + httpPort;
        String nodeId = node.matching("id", NODE_ID.matcher(defaultId).matches() ? defaultId : "node-" + httpPort,
                NODE_ID, "letters, digits, '.', '_' or '-', at most 63");
        Path data = overrides.dataDir().orElse(Path.of(node.string("data", "./data")));

        String backendName = storage.oneOf("backend", "embedded", Set.of("embedded", "cassandra"));
        boolean fsync = embedded.bool("fsync", true);
        boolean compressBlobs = "deflate".equals(embedded.oneOf("blobCompression", "deflate", Set.of("deflate", "none")));
        NodeConfig.Storage.Backend backend = "cassandra".equals(backendName)
                ? NodeConfig.Storage.Backend.CASSANDRA : NodeConfig.Storage.Backend.EMBEDDED;
        Optional<CassandraSettings> cassandraSettings = Optional.empty();
        if (backend == NodeConfig.Storage.Backend.CASSANDRA || cassandra.present()) {
            cassandraSettings = cassandra(cassandra, backend == NodeConfig.Storage.Backend.CASSANDRA);
        }

        String clusterName = cluster.string("name", "telecare");
        String clusterHost = cluster.string("host", "127.0.0.1");
        int clusterPort = cluster.integer("port", 5701, 0, 65535);
        List<String> members = cluster.stringList("members");
        for (int i = 0; i < members.size(); i++) {
            hostPort("cluster.members[" + i + "]", members.get(i), 5701);
        }
        String logFormat = log.oneOf("format", "text", Set.of("text", "json"));
        String logLevel = log.oneOf("level", "INFO", Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"));

        top.rejectUnknown();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new NodeConfig(nodeId, data, new NodeConfig.Http(httpHost, httpPort,
                new NodeConfig.Tls(tlsEnabled, httpsPort, certFile, keyFile)),
                new NodeConfig.Dicom(dicomPort, aeTitle),
                new NodeConfig.Storage(backend, fsync, compressBlobs, cassandraSettings),
                new NodeConfig.Cluster(clusterName, clusterHost, clusterPort, members),
                new NodeConfig.Log(logFormat, logLevel), modules);
    }

    private Optional<CassandraSettings> cassandra(Section s, boolean required) {
        List<String> points = s.stringList("contactPoints");
        if (points.isEmpty() && required) {
            problems.add("storage.cassandra.contactPoints: at least one host:port is needed when storage.backend is cassandra");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            InetSocketAddress a = hostPort("storage.cassandra.contactPoints[" + i + "]", points.get(i), 9042);
            if (a != null) {
                addresses.add(a);
            }
        }
        String dc = s.string("localDatacenter", null);
        if (dc == null && required) {
            problems.add("storage.cassandra.localDatacenter: required (the data centre this node is in, e.g. dc1)");
        }
        String keyspace = s.matching("keyspace", "telecare", KEYSPACE, "a lower-case CQL identifier");
        Map<String, Integer> replication = s.intMap("replication", 1, 9);
        if (replication.isEmpty() && dc != null) {
            replication = Map.of(dc, 1);
        }
        String consistency = s.oneOf("consistency", "LOCAL_QUORUM", CONSISTENCY);
        Optional<String> user = Optional.ofNullable(s.string("username", null));
        Optional<String> password = Optional.ofNullable(s.string("password", null));
        int timeoutMs = s.integer("requestTimeoutMs", 10_000, 100, 600_000);
        int chunkKiB = s.integer("blobChunkKiB", 512, 64, 8192);
        if (addresses.isEmpty() || dc == null) {
            return Optional.empty();
        }
        return Optional.of(new CassandraSettings(addresses, dc, keyspace, replication, consistency, user, password,
                Duration.ofMillis(timeoutMs), chunkKiB * 1024));
    }

    private InetSocketAddress hostPort(String key, String value, int defaultPort) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        try {
            int port = colon < 0 ? defaultPort : Integer.parseInt(value.substring(colon + 1));
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            problems.add(key + ": expected host:port, got '" + value + "'");
            return null;
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "node";
        }
    }

    /** One mapping of the file, tracking which keys were read so the rest can be refused. */
    private final class Section {
        private final String path;
        private final ObjectNode node;
        private final Map<String, Section> children = new LinkedHashMap<>();
        private final Set<String> known = new java.util.HashSet<>();

        Section(String path, ObjectNode node) {
            this.path = path;
            this.node = node;
        }

        boolean present() {
            return !node.isEmpty();
        }

        private String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        private JsonNode value(String name) {
            known.add(name);
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        Section section(String name) {
            JsonNode v = value(name);
            ObjectNode obj;
            if (v == null) {
                obj = JsonNodeFactory.instance.objectNode();
            } else if (v.isObject()) {
                obj = (ObjectNode) v;
            } else {
                problems.add(key(name) + ": expected a mapping, got " + v.getNodeType().name().toLowerCase());
                obj = JsonNodeFactory.instance.objectNode();
            }
            Section child = new Section(key(name), obj);
            children.put(name, child);
            return child;
        }

        JsonObject freeForm(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return new JsonObject();
            }
            if (!v.isObject()) {
                problems.add(key(name) + ": expected a mapping");
                return new JsonObject();
            }
            return new JsonObject(v.toString());
        }

        String string(String name, String def) {
            JsonNode v = value(name);
            if (v == null) {
                return def;
            }
            if (!v.isValueNode() || v.isBoolean()) {
                problems.add(key(name) + ": expected text");
                return def;
            }
            return v.asText();
        }

        String matching(String name, String def, Pattern pattern, String expected) {
            String v = string(name, def);
            if (v != null && !pattern.matcher(v).matches()) {
                problems.add(key(name) + ": '" + v + "' is not valid: " + expected);
            }
            return v;
        }

        String oneOf(String name, String def, Set<String> allowed) {
            String v = string(name, def);
            if (v != null && !allowed.contains(v)) {
                problems.add(key(name) + ": '" + v + "' is not one of " + new java.util.TreeSet<>(allowed));
            }
            return v;
        }

        int integer(String name, int def, int min, int max) {
            JsonNode v = value(name);
            if (v == null) {
                return def;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                problems.add(key(name) + ": expected a whole number from " + min + " to " + max + ", got '" + v.asText() + "'");
                return def;
            }
            return v.asInt();
        }

        boolean bool(String name, boolean def) {
            JsonNode v = value(name);
            if (v == null) {
                return def;
            }
            if (!v.isBoolean()) {
                problems.add(key(name) + ": expected true or false, got '" + v.asText() + "'");
                return def;
            }
            return v.asBoolean();
        }

        List<String> stringList(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                problems.add(key(name) + ": expected a list");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual()) {
                    problems.add(key(name) + "[" + i + "]: expected text");
                } else {
                    out.add(e.asText());
                }
            }
            return out;
        }

        Map<String, Integer> intMap(String name, int min, int max) {
            Section s = section(name);
            Map<String, Integer> out = new LinkedHashMap<>();
            s.node.fieldNames().forEachRemaining(k -> out.put(k, s.integer(k, min, min, max)));
            return out;
        }

        void rejectUnknown() {
            node.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    problems.add(key(k) + ": unknown key" + (known.isEmpty() ? "" : " (known here: "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
                }
            });
            children.values().forEach(Section::rejectUnknown);
        }
    }
}
