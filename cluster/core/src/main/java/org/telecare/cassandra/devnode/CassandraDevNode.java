package org.telecare.cassandra.devnode;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single Cassandra 5.0 node for development and tests, running in its own Java 17 JVM
 * (Cassandra does not run on telecare's Java 25, and must not share our classpath anyway).
 *
 * <p>{@link #start} generates the configuration into the data directory, launches
 * {@code CassandraDaemon} and returns once a CQL query succeeds. Starting again on the same data
 * directory after {@link #stop} keeps the data and, unless other ports were asked for, the ports.
 */
public final class CassandraDevNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraDevNode.class);

    /** Generous for a 2-core machine under test load; a healthy start takes a few seconds. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Drain on SIGTERM takes a few seconds; after this the node is killed (the commit log has it all). */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final CassandraDevNodeSpec spec;
    private final Process process;
    private final InetSocketAddress contactPoint;
    private final int storagePort;
    private final String releaseVersion;
    private final Duration startupTime;

    private CassandraDevNode(CassandraDevNodeSpec spec, Process process, InetSocketAddress contactPoint,
                             int storagePort, String releaseVersion, Duration startupTime) {
        this.spec = spec;
        this.process = process;
        this.contactPoint = contactPoint;
        this.storagePort = storagePort;
        this.releaseVersion = releaseVersion;
        this.startupTime = startupTime;
    }

    /** Starts a node that is a child of this JVM; {@link #stop} or {@link #close} ends it. */
    public static CassandraDevNode start(CassandraDevNodeSpec spec) {
        return start(spec, false);
    }

    /**
     * @param detached run the node in a session of its own so that it outlives this JVM and the
     *                 terminal it was started from ({@code bin/telecare cassandra start})
     */
    public static CassandraDevNode start(CassandraDevNodeSpec spec, boolean detached) {
        long began = System.nanoTime();
        // Cheap checks first: none of these failures should cost a JVM start.
        InetAddress address = loopback(spec.listenAddress());
        PidFile pidFile = PidFile.in(spec.dataDir());
        pidFile.liveProcess().ifPresent(running -> {
            throw new CassandraDevNodeException("a Cassandra node (pid " + running.pid() + ") already runs on "
                    + spec.dataDir() + "; stop it first (bin/telecare cassandra stop)");
        });
        NodePorts ports = NodePorts.resolve(spec, address, DevNodeState.read(spec.dataDir()));
        CassandraJava java = CassandraJava.check(spec.javaExecutable());
        CassandraLibDir lib = CassandraLibDir.check(spec.libDir());
        createDirectories(spec.dataDir());

        NodeConfigFiles config = NodeConfigFiles.write(spec, ports);
        new DevNodeState(spec.listenAddress(), ports.nativePort(), ports.storagePort(), spec.datacenter(),
                spec.clusterName()).write(spec.dataDir());
        List<String> command = CassandraCommandLine.build(spec, java, lib, config, detached);
        Process process = launch(command, config);
        pidFile.write(process.pid());
        LOG.info("Starting Cassandra {} (pid {}) on {}:{} in data centre {}, data in {}", lib.cassandraVersion(),
                process.pid(), spec.listenAddress(), ports.nativePort(), spec.datacenter(), spec.dataDir());

        InetSocketAddress contactPoint = new InetSocketAddress(address, ports.nativePort());
        try {
            CqlReadiness.NodeInfo info = CqlReadiness.await(process, contactPoint, spec.datacenter(),
                    START_TIMEOUT, () -> LogTail.of(List.of(config.systemLog(), config.consoleLog()), 40));
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            LOG.info("Cassandra {} serves CQL on {} after {} ms", info.releaseVersion(),
                    CqlReadiness.format(contactPoint), took.toMillis());
            return new CassandraDevNode(spec, process, contactPoint, ports.storagePort(), info.releaseVersion(), took);
        } catch (RuntimeException e) {
            // Never leave a half-started node behind: it would hold the ports and the data directory.
            NodeProcessStop.stop(process.toHandle(), Duration.ofSeconds(10));
            pidFile.delete();
            throw e;
        }
    }

    /** SIGTERM, wait for the drain, SIGKILL if it hangs. Safe to call more than once. */
    public void stop() {
        NodeProcessStop.stop(process.toHandle(), STOP_GRACE);
        PidFile.in(spec.dataDir()).delete();
    }

    /**
     * SIGKILL at once, for a throwaway node whose data directory is deleted next: a drain would
     * only delay the end of a test run.
     */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
        PidFile.in(spec.dataDir()).delete();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The CQL native transport address, for {@code CqlSession.builder().addContactPoint(...)}. */
    public InetSocketAddress contactPoint() {
        return contactPoint;
    }

    public String datacenter() {
        return spec.datacenter();
    }

    public Path dataDir() {
        return spec.dataDir();
    }

    public int storagePort() {
        return storagePort;
    }

    public long pid() {
        return process.pid();
    }

    public String releaseVersion() {
        return releaseVersion;
    }

    /** From launch to the first successful CQL query. */
    public Duration startupTime() {
        return startupTime;
    }

    public CassandraDevNodeSpec spec() {
        return spec;
    }

    /**
     * The node has no authentication, so it must never listen beyond this machine. 127.0.0.2 and
     * up are loopback too on Linux, which is how several nodes share one machine.
     */
    private static InetAddress loopback(String listenAddress) {
        InetAddress address;
        try {
            address = InetAddress.getByName(listenAddress);
        } catch (UnknownHostException e) {
            throw new CassandraDevNodeException("unknown listen address " + listenAddress, e);
        }
        if (!address.isLoopbackAddress()) {
            throw new CassandraDevNodeException("the dev node has no authentication and listens only on a"
                    + " loopback address (127.x.x.x), not on " + listenAddress);
        }
        return address;
    }

    private static Process launch(List<String> command, NodeConfigFiles config) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.logDir().toFile())
                .redirectErrorStream(true)
                // A file, never a pipe: a detached node must not die or block when we are gone.
                .redirectOutput(ProcessBuilder.Redirect.to(config.consoleLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            return NodeSpawner.spawn(builder);
        } catch (IOException e) {
            throw new CassandraDevNodeException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CassandraDevNodeException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
