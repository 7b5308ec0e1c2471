package org.telecare.cassandra.devnode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code bin/telecare cassandra start|stop|status}. Where Java 17 and the
 * Cassandra jars are comes from, in order: the option, an environment variable, the system
 * property the build sets for tests, the usual place.
 */
record CliOptions(String command, Path dataDir, int port, String address, String datacenter,
                  String clusterName, String heapSize, Path java, Path lib, boolean dataDirGiven) {

    static final Path DEFAULT_DATA = Path.of("data", "cassandra");
    static final Path DEFAULT_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    static final Path DEFAULT_LIB = Path.of("cluster", "cassandra-node", "target", "lib");

    static final String USAGE = """
            usage: telecare cassandra start|stop|status [options]
              --data DIR       data directory (default ./data/cassandra)
              --port N         CQL port (default 9042; 0 picks a free one)
              --address A      loopback address to bind (default 127.0.0.1)
              --dc NAME        data centre name (default dc1)
              --cluster NAME   cluster name (default telecare-dev)
              --heap SIZE      heap, e.g. 512M or 1G (default 1G)
              --java PATH      Java 17 executable (default $TELECARE_CASSANDRA_JAVA or %s)
              --lib DIR        Cassandra jars (default $TELECARE_CASSANDRA_LIB or ./%s)
            """.formatted(DEFAULT_JAVA, DEFAULT_LIB);

    static CliOptions parse(List<String> args, Map<String, String> env) {
        if (args.isEmpty() || !List.of("start", "stop", "status").contains(args.getFirst())) {
            throw new IllegalArgumentException(args.isEmpty() ? "no command given" : "unknown command " + args.getFirst());
        }
        Path data = DEFAULT_DATA;
        boolean dataGiven = false;
        int port = 9042;
        String address = "127.0.0.1";
        String dc = "dc1";
        String cluster = "telecare-dev";
        String heap = "1G";
        Path java = locate(env.get("TELECARE_CASSANDRA_JAVA"), "telecare.cassandra.java", DEFAULT_JAVA);
        Path lib = locate(env.get("TELECARE_CASSANDRA_LIB"), "telecare.cassandra.lib", DEFAULT_LIB);
        for (int i = 1; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--data" -> {
                    data = Path.of(value);
                    dataGiven = true;
                }
                case "--port" -> port = parsePort(value);
                case "--address" -> address = value;
                case "--dc" -> dc = value;
                case "--cluster" -> cluster = value;
                case "--heap" -> heap = value;
                case "--java" -> java = Path.of(value);
                case "--lib" -> lib = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new CliOptions(args.getFirst(), data.toAbsolutePath().normalize(), port, address, dc, cluster,
                heap, java, lib, dataGiven);
    }

    CassandraDevNodeSpec spec() {
        return new CassandraDevNodeSpec(java, lib, dataDir, address, clusterName, datacenter, port, 0,
                heapSize, List.of());
    }

    /** How to repeat the data directory in a follow-up command, if it was not the default. */
    String dataOption() {
        return dataDirGiven ? " --data " + dataDir : "";
    }

    private static Path locate(String fromEnv, String property, Path fallback) {
        return Optional.ofNullable(fromEnv).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(System.getProperty(property)).filter(v -> !v.isBlank()))
                .map(Path::of)
                .orElse(fallback);
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, not " + value);
        }
    }
}
