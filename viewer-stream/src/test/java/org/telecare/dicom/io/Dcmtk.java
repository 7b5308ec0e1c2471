package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs DCMTK command line tools as real peers; fails (never skips) when they are not installed. */
public final class Dcmtk {
    private static final Pattern LINE = Pattern.compile("^\\((\\p{XDigit}{4}),(\\p{XDigit}{4})\\) (\\w\\w|\\?\\?) (.*?)\\s+#\\s*(\\d+|u/l),.*$");

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Dcmtk() {
    }

    public static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("DCMTK tool '" + name + "' not found on PATH: install it with 'apt-get install -y dcmtk'");
    }

    public static Result run(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool(name).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("dcmtk", ".out");
        Path err = Files.createTempFile("dcmtk", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(name + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a tool and asserts it succeeded without warnings or errors. */
    public static Result runClean(String name, String... args) throws IOException, InterruptedException {
        return runClean(null, name, args);
    }

    /** As {@link #runClean(String, String...)}, tolerating stderr lines that match {@code allowed}. */
    static Result runClean(Pattern allowed, String name, String... args) throws IOException, InterruptedException {
        Result r = run(name, args);
        assertThat(r.exitCode()).as(name + " exit code; stderr: " + r.stderr()).isZero();
        String stderr = r.stderr().lines().filter(l -> allowed == null || !allowed.matcher(l).find())
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(stderr).as(name + " stderr").isEmpty();
        assertThat(r.stdout()).as(name + " stdout").doesNotContainPattern("(?m)^[WE]: ");
        return r;
    }

    /**
     * Top-level elements printed by dcmdump: tag "(gggg,eeee)" to the value text (brackets removed
     * for strings). Nested items (indented lines) are ignored.
     */
    static Map<String, String> dump(Path file, String... extraArgs) throws IOException, InterruptedException {
        return dump(null, file, extraArgs);
    }

    static Map<String, String> dump(Pattern allowedWarnings, Path file, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("+L", "-M", "+U8", "-Un"));
        args.addAll(List.of(extraArgs));
        args.add(file.toString());
        Result r = runClean(allowedWarnings, "dcmdump", args.toArray(String[]::new));
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && !m.group(1).equalsIgnoreCase("fffe")) {
                String value = m.group(4).strip();
                if (value.startsWith("[") && value.endsWith("]")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put("(" + m.group(1).toUpperCase() + "," + m.group(2).toUpperCase() + ")", value);
            }
        }
        return values;
    }
}
