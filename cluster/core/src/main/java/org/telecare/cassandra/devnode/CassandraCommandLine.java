package org.telecare.cassandra.devnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code java ...} command that runs a Cassandra 5.0 node in the foreground of its own JVM,
 * assembled from what Cassandra's {@code bin/cassandra}, {@code cassandra-env.sh},
 * {@code jvm-server.options} and {@code jvm17-server.options} would pass, minus what only matters
 * on production hardware.
 */
final class CassandraCommandLine {

    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /** From Cassandra 5.0's conf/jvm17-server.options ("JPMS" section), verbatim. */
    static final List<String> JPMS_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED");

    /**
     * {@code setsid} puts a detached node in its own session: Ctrl-C in the terminal that ran
     * {@code bin/telecare cassandra start}, or closing that terminal, must not reach it.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** {@code setpriv --pdeathsig}: a child node gets SIGTERM when its parent dies (see NodeSpawner). */
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private CassandraCommandLine() {
    }

    static List<String> build(CassandraDevNodeSpec spec, CassandraJava java, CassandraLibDir lib,
                              NodeConfigFiles config, boolean detached) {
        List<String> cmd = new ArrayList<>();
        // Both tools exec the next program in place (the JVM's children are never process-group
        // leaders, so setsid need not fork): the pid we record is the Cassandra JVM's own.
        if (detached && Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        } else if (!detached && Files.isExecutable(SETPRIV)) {
            cmd.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM"));
        }
        cmd.add(java.executable().toString());

        // Heap: fixed size, like Cassandra's launcher, so memtable sizing does not move around.
        cmd.add("-Xms" + spec.heapSize());
        cmd.add("-Xmx" + spec.heapSize());
        // From jvm-server.options / jvm17-server.options. Left out on purpose: -XX:+AlwaysPreTouch
        // (touching the whole heap up front slows every start) and G1HeapRegionSize=16m (sized for
        // multi-GB heaps, far too coarse for 512 MB).
        cmd.add("-Xss256k");
        cmd.add("-XX:+UseG1GC");
        cmd.add("-XX:+ParallelRefProcEnabled");
        cmd.add("-XX:MaxTenuringThreshold=1");
        cmd.add("-XX:MaxGCPauseMillis=300");
        cmd.add("-XX:+PerfDisableSharedMem");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:ErrorFile=" + config.logDir().resolve("hs_err_pid%p.log"));
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Djdk.attach.allowAttachSelf=true");
        cmd.addAll(JPMS_FLAGS);
        cmd.add("-Dio.netty.tryReflectionSetAccessible=true");
        cmd.add("-Dio.netty.allocator.useCacheForAllThreads=true");
        cmd.add("-Dio.netty.allocator.maxOrder=11");
        cmd.add("-javaagent:" + lib.jammAgent());

        cmd.add("-Dcassandra.config=" + config.cassandraYaml().toUri());
        cmd.add("-Dcassandra-rackdc.properties=" + config.rackDcProperties().toUri());
        cmd.add("-Dlogback.configurationFile=" + config.logbackXml());
        cmd.add("-Dcassandra.logdir=" + config.logDir());
        cmd.add("-Dcassandra.storagedir=" + spec.dataDir());
        cmd.add("-Dcassandra-foreground=yes");
        // No JMX port at all (Cassandra then just warns): nothing listens beyond the two ports
        // we chose, and nothing can collide with another node's JMX port.

        // Start fast. A lone seed has nobody to gossip with, so waiting for gossip to settle only
        // costs time; ring delay matters only for nodes joining an existing cluster, where a
        // second is plenty on one machine; there is no superuser to set up with AllowAll auth.
        cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        cmd.add("-Dcassandra.ring_delay_ms=1000");
        cmd.add("-Dcassandra.superuser_setup_delay_ms=0");

        cmd.add("-cp");
        cmd.add(lib.classpath());
        cmd.add(MAIN_CLASS);
        return List.copyOf(cmd);
    }
}
