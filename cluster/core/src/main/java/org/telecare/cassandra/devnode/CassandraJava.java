package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java runtime that runs Cassandra. Checked before anything is launched because a wrong
 * runtime otherwise shows up as an obscure failure deep in Cassandra's startup.
 */
record CassandraJava(Path executable) {

    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** Cassandra 5.0 supports these Java feature releases (and refuses others at startup). */
    private static final int[] SUPPORTED = {11, 17};

    static CassandraJava check(Path executable) {
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            throw new CassandraDevNodeException("Java 17 for Cassandra not found at " + executable
                    + ": install it (apt-get install openjdk-17-jre-headless) or point"
                    + " telecare.cassandra.java (or --java) at its bin/java");
        }
        majorVersion(executable).ifPresent(major -> {
            for (int supported : SUPPORTED) {
                if (major == supported) {
                    return;
                }
            }
            throw new CassandraDevNodeException(executable + " is Java " + major
                    + "; Cassandra 5.0 runs on Java 17 (or 11)");
        });
        return new CassandraJava(executable);
    }

    /**
     * Reads the JDK's {@code release} file rather than running {@code java -version}: it costs
     * nothing, and when the layout is unusual we simply skip the check.
     */
    private static Optional<Integer> majorVersion(Path executable) {
        try {
            Path home = executable.toRealPath().getParent().getParent();
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
