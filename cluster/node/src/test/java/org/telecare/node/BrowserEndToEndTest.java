package org.telecare.node;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web client in a real browser against a real node: Debian's Chromium driven by
 * playwright-core from {@code web-client/e2e/admin.e2e.mjs} (sign-in, forced password change,
 * hospitals and users, captcha, two-factor enrolment and sign-in, partner keys, dictionaries, roles,
 * access policies, sign-in with a code by SMS).
 *
 * <p>The node sends SMS to its log ({@code modules.accounts.sms: {gateway: log}}); the script reads
 * the sign-in code from that log ({@code E2E_NODE_LOG}) as a user reads their phone.
 *
 * <p>The node runs as its own JVM, as an operator starts it, because the first administrator's
 * password comes from the environment ({@code TELECARE_ADMIN_PASSWORD}); it serves the web client
 * from this test's classpath (the {@code telecare-web-client} jar). Chromium is required, not
 * optional: without {@code /usr/bin/chromium} the test fails and says how to install it.
 * The script's output is printed, and on a failure it is the assertion message; the script saves
 * a screenshot of the failing page under {@code target/e2e/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserEndToEndTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("telecare.e2e.chromium", "/usr/bin/chromium"));
    private static final String ADMIN_PASSWORD = "E2e-Initial-" + Long.toHexString(System.nanoTime());
    private static final Pattern HTTP_LINE = Pattern.compile("telecare: HTTP +http://127\\.0\\.0\\.1:(\\d+)/");

    private Path work;
    private Path webClient;
    private NodeProcess node;
    private String baseUrl;

    @BeforeAll
    void startNode() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: the browser tests need Debian's Chromium (apt-get install -y chromium)");
        }
        Path basedir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        webClient = basedir.resolve("../../web-client").normalize();
        if (!Files.isDirectory(webClient.resolve("node_modules/playwright-core"))) {
            fail(webClient + "/node_modules/playwright-core is missing: build the web client first (mvn install, or npm ci in web-client)");
        }
        work = Files.createTempDirectory("browser-e2e");
        Path config = work.resolve("node.yaml");
        Files.writeString(config, TestNodes.isolatedYaml("""
                modules:
                  accounts:
                    sms: {gateway: log}
                """));
        node = NodeProcess.start(work, Map.of("TELECARE_ADMIN_PASSWORD", ADMIN_PASSWORD),
                "start", "--http-port", "0", "--dicom-port", "0", "--data", work.resolve("data").toString(),
                "--config", config.toString());
        int port = awaitPort(Duration.ofMinutes(2));
        TestNodes.awaitHealth(port, h -> h.getBoolean("ready", false), Duration.ofMinutes(1));
        baseUrl = "http://127.0.0.1:" + port + "/";
    }

    @AfterAll
    void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void administratorsFirstDayInChromium() throws Exception {
        Path artifacts = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/e2e");
        List<String> command = new ArrayList<>(List.of(System.getProperty("telecare.e2e.node", "node"),
                "e2e/admin.e2e.mjs", baseUrl));
        Files.createDirectories(artifacts);
        Path log = artifacts.resolve("admin.e2e.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(webClient.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("E2E_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("E2E_ARTIFACTS", artifacts.toString());
        builder.environment().put("E2E_CHROMIUM", CHROMIUM.toString());
        builder.environment().put("E2E_NODE_LOG", work.resolve("node.out").toString());
        Process script = builder.start();
        boolean ended = script.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            // Chromium and its helpers first, then node itself.
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(text);
        if (!ended || script.exitValue() != 0) {
            fail("the browser script " + (ended ? "failed with exit code " + script.exitValue() : "did not end in time")
                    + " (screenshot under " + artifacts + "):\n" + text + "\n--- node output ---\n" + tail(node.output(), 60));
        }
        assertThat(text).doesNotContain("not ok")
                .contains("a wrong password is refused with a message in the alert region")
                .contains("after a failure the security check (captcha) appears")
                .contains("the administrator signs in and must change the password first")
                .contains("a user is created in the hospital and gets a one-time password")
                .contains("after signing out, signing in asks for the two-factor code and accepts it")
                .contains("a partner system is created and its key is shown exactly once")
                .contains("a custom role is created by ticking permissions from the catalogue")
                .contains("a deny policy is created and Check access answers denied, naming it")
                .contains("a user signs in with a code sent by SMS and is warned that the account ends soon")
                .containsPattern("(?m)^1\\.\\.\\d+$");
    }

    private int awaitPort(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = HTTP_LINE.matcher(node.output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!node.alive()) {
                fail("the node ended before it listened:\n" + node.output());
            }
            Thread.sleep(200);
        }
        return fail("the node did not say where it listens within " + timeout + ":\n" + node.output());
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
