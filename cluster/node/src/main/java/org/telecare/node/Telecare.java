package org.telecare.node;

import org.telecare.cassandra.devnode.CassandraDevNodeCli;
import org.telecare.node.config.ConfigException;
import org.telecare.node.config.ConfigReader;
import org.telecare.node.config.NodeConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line: {@code telecare start […]}, {@code telecare cassandra start|stop|status},
 * {@code telecare help}. Exit codes: 0 fine, 1 failed at run time, 2 wrong usage or config.
 */
public final class Telecare {
    static final String USAGE = """
            usage: telecare <command> [options]

            commands:
              start       run a node in the foreground (Ctrl-C stops it)
              cassandra   start | stop | status  a local Cassandra node for development
              test        run the whole test suite (bin/telecare only)
              help        this text; 'telecare <command> --help' for a command

            Run 'telecare start --help' for the node's options.
            """;

    static final String START_USAGE = """
            usage: telecare start [--http-port N] [--dicom-port N] [--data DIR] [--config FILE]

            Runs a node in the foreground with the embedded defaults: HTTP on 8080, DICOM on
            11112 with AE title TELECARE, data under ./data, embedded storage, a one-member cluster.

              --http-port N   HTTP port (0 = any free port)        [config: http.port]
              --dicom-port N  DICOM port                          [config: dicom.port]
              --data DIR      data folder (store, blobs, logs)    [config: node.data]
              --config FILE   YAML configuration; see docs/architecture.md#configuration
              --help          this text
            """;

    private Telecare() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "start" -> start(rest, out, err);
            case "cassandra" -> {
                CassandraDevNodeCli.main(rest);
                yield 0;
            }
            default -> {
                err.println("telecare: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static int start(String[] args, PrintStream out, PrintStream err) {
        Optional<Integer> httpPort = Optional.empty();
        Optional<Integer> dicomPort = Optional.empty();
        Optional<Path> data = Optional.empty();
        Optional<Path> configFile = Optional.empty();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.print(START_USAGE);
                return 0;
            }
            if (!List.of("--http-port", "--dicom-port", "--data", "--config").contains(a)) {
                problems.add("unknown option '" + a + "'");
                continue;
            }
            if (i + 1 >= args.length) {
                problems.add(a + " needs a value");
                break;
            }
            String v = args[++i];
            switch (a) {
                case "--http-port" -> httpPort = port(a, v, problems);
                case "--dicom-port" -> dicomPort = port(a, v, problems);
                case "--data" -> data = Optional.of(Path.of(v));
                default -> configFile = Optional.of(Path.of(v));
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("telecare start: " + p));
            err.print(START_USAGE);
            return 2;
        }
        NodeConfig config;
        try {
            config = ConfigReader.read(configFile, new ConfigReader.Overrides(httpPort, dicomPort, data));
        } catch (ConfigException e) {
            err.println("telecare: the configuration is not valid:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        // Before the first logger exists: logback reads these when it starts.
        System.setProperty("telecare.log.dir", config.dataDir().resolve("logs").toString());
        System.setProperty("telecare.log.level", config.log().level());
        System.setProperty("logback.configurationFile", "logback-" + config.log().format() + ".xml");
        System.setProperty("hazelcast.logging.type", "slf4j");
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");

        out.println("telecare " + Node.VERSION + ": starting node " + config.nodeId() + " ("
                + config.storage().backend().name().toLowerCase() + " storage, data in "
                + config.dataDir().toAbsolutePath().normalize() + ")");
        Node node;
        try {
            node = Node.start(config).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            err.println("telecare: the node did not start: " + cause.getMessage());
            return 1;
        }
        String host = config.http().host().equals("0.0.0.0") ? "localhost" : config.http().host();
        out.println("telecare: HTTP   http://" + host + ":" + node.httpPort() + "/  (health: /health, metrics: /metrics)");
        if (node.httpsPort() > 0) {
            out.println("telecare: HTTPS  https://" + host + ":" + node.httpsPort() + "/" + (config.http().tls().certFile().isEmpty()
                    ? "  (self-signed certificate in " + config.dataDir().resolve("tls") + "; configure http.tls for production)" : ""));
        }
        out.println("telecare: DICOM  port " + config.dicom().port() + ", AE title " + config.dicom().aeTitle()
                + " (served once the archive module is installed)");
        out.println("telecare: cluster '" + config.cluster().name() + "' on " + config.cluster().host() + ", "
                + node.health().members().size() + " member(s)");
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            out.println("telecare: stopping node " + config.nodeId());
            try {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                err.println("telecare: unclean stop: " + e.getMessage());
            }
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static Optional<Integer> port(String option, String value, List<String> problems) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return Optional.of(p);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(option + " takes a port number 0-65535, got '" + value + "'");
        return Optional.empty();
    }
}
