package org.telecare.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A node as a separate JVM, as an operator would run it, with its output in a file. */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static NodeProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code env} added to the node's environment. */
    public static NodeProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("node.out");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Dhazelcast.phone.home.enabled=false",
                "-cp", System.getProperty("java.class.path"),
                Telecare.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        return new NodeProcess(p, log);
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits for the process to end by itself; its exit code, or -1 if it did not end in time. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
