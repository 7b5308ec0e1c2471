package org.telecare.cassandra.devnode;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/telecare cassandra start|stop|status}: a Cassandra node for development that keeps
 * running after the command returns, found again later through the pid and state files in its
 * data directory.
 */
public final class CassandraDevNodeCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** As in LSB init scripts: "program is not running". */
    static final int NOT_RUNNING = 3;

    private final PrintStream out;
    private final PrintStream err;

    CassandraDevNodeCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CassandraDevNodeCli(System.out, System.err).run(List.of(args), System.getenv());
        // Exit explicitly: the driver's threads from the readiness check must not keep us alive.
        System.exit(code);
    }

    int run(List<String> args, Map<String, String> env) {
        CliOptions options;
        try {
            options = CliOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(CliOptions.USAGE);
            return USAGE;
        }
        try {
            return switch (options.command()) {
                case "start" -> start(options);
                case "stop" -> stop(options);
                default -> status(options);
            };
        } catch (CassandraDevNodeException | IllegalArgumentException e) {
            err.println("cassandra " + options.command() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private int start(CliOptions options) {
        Optional<ProcessHandle> running = PidFile.in(options.dataDir()).liveProcess();
        if (running.isPresent()) {
            out.println("Cassandra is already running (pid " + running.get().pid() + ")"
                    + DevNodeState.read(options.dataDir()).map(s -> " at " + where(s)).orElse(""));
            return OK;
        }
        out.println("Starting Cassandra (Java 17, data in " + options.dataDir() + ") ...");
        CassandraDevNode node = CassandraDevNode.start(options.spec(), true);
        String contact = CqlReadiness.format(node.contactPoint());
        out.printf("""
                Cassandra %s is running (pid %d), ready after %.1f s.
                  CQL contact point: %s
                  local data centre: %s
                  data and logs:     %s (log: logs/system.log)
                Point telecare at it (YAML for --config):
                  storage: {backend: cassandra, cassandra: {contactPoints: ["%s"], localDatacenter: %s}}
                Run the tests against it: -Dtelecare.test.cassandra=%s
                Stop it with: bin/telecare cassandra stop%s
                """, node.releaseVersion(), node.pid(), node.startupTime().toMillis() / 1000.0, contact,
                node.datacenter(), node.dataDir(), contact, node.datacenter(), contact, options.dataOption());
        return OK;
    }

    private int stop(CliOptions options) {
        PidFile pidFile = PidFile.in(options.dataDir());
        Optional<ProcessHandle> running = pidFile.liveProcess();
        if (running.isEmpty()) {
            pidFile.delete();
            out.println("Cassandra is not running (data in " + options.dataDir() + ")");
            return OK;
        }
        long pid = running.get().pid();
        out.println("Stopping Cassandra (pid " + pid + ") ...");
        boolean clean = NodeProcessStop.stop(running.get(), CassandraDevNode.STOP_GRACE);
        pidFile.delete();
        out.println(clean ? "Cassandra stopped." : "Cassandra did not stop on SIGTERM and was killed.");
        return OK;
    }

    private int status(CliOptions options) {
        Optional<ProcessHandle> running = PidFile.in(options.dataDir()).liveProcess();
        if (running.isEmpty()) {
            out.println("Cassandra is not running (data in " + options.dataDir() + ")");
            return NOT_RUNNING;
        }
        Optional<DevNodeState> state = DevNodeState.read(options.dataDir());
        boolean serving = state.map(s -> CqlReadiness.accepts(s.contactPoint())).orElse(false);
        out.println("Cassandra is running (pid " + running.get().pid() + ")"
                + state.map(s -> " at " + where(s)).orElse("")
                + (serving ? "" : "; its CQL port does not accept connections (yet)"));
        return OK;
    }

    private static String where(DevNodeState state) {
        return CqlReadiness.format(state.contactPoint()) + ", data centre " + state.datacenter();
    }
}
