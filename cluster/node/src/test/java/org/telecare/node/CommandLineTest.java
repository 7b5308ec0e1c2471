package org.telecare.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Telecare.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpForEveryVerb() {
        assertThat(run("--help").out()).contains("start").contains("cassandra").contains("test");
        Result start = run("start", "--help");
        assertThat(start.code()).isZero();
        assertThat(start.out()).contains("--http-port").contains("--dicom-port").contains("--data").contains("--config");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        Result r = run("strat");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'strat'");
        Result o = run("start", "--http-prot", "80");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unknown option '--http-prot'");
        Result p = run("start", "--http-port", "eighty");
        assertThat(p.err()).contains("--http-port takes a port number");
    }

    @Test
    void aWrongConfigNamesTheKeyAndExitsNonZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "storage:\n  backend: embeded\nhttp:\n  prot: 1\n");
        Result r = run("start", "--config", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("storage.backend: 'embeded'").contains("http.prot: unknown key");
    }

    @Test
    void aBusyHttpPortIsNamed(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, TestNodes.isolatedYaml(""));
            try (NodeProcess node = NodeProcess.start(dir, "start", "--config", config.toString(),
                    "--http-port", "" + busy.getLocalPort(), "--data", dir.resolve("data").toString())) {
                int code = node.awaitExit(120);
                assertThat(code).as(node.output()).isEqualTo(1);
                assertThat(node.output()).contains("HTTP port " + busy.getLocalPort()).contains("already in use");
            }
        }
    }
}
