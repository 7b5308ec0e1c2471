package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of the node's logs, for error messages: the cause is nearly always there. */
final class LogTail {
    private LogTail() {
    }

    static String of(List<Path> logs, int lines) {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            List<String> content = read(log);
            if (content.isEmpty()) {
                continue;
            }
            out.append("\n--- last lines of ").append(log).append(" ---\n");
            content.subList(Math.max(0, content.size() - lines), content.size())
                    .forEach(line -> out.append(line).append('\n'));
        }
        return out.isEmpty() ? "\n(the node wrote no log)" : out.toString();
    }

    private static List<String> read(Path log) {
        try {
            // Decode leniently: a JVM crash can leave a half-written line behind.
            return Files.isRegularFile(log)
                    ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
