package org.telecare.cassandra.devnode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of Cassandra's jars, checked for what the node cannot start without.
 *
 * @param cassandraVersion from the {@code cassandra-all-<version>.jar} file name
 * @param jammAgent        jamm measures object sizes for memtable accounting; Cassandra's own
 *                         launcher always loads it as a Java agent
 */
record CassandraLibDir(Path dir, String cassandraVersion, Path jammAgent) {

    /** {@code artifact-version[-classifier].jar}: the artifact ends before the first "-digit". */
    private static final Pattern JAR_NAME = Pattern.compile("(.+?)-(\\d[^-]*)(?:-.*)?\\.jar");

    static CassandraLibDir check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CassandraDevNodeException("Cassandra jars not found: " + dir + " does not exist."
                    + " Build them with: mvn -q -pl cluster/cassandra-node package"
                    + " (or point telecare.cassandra.lib / --lib at a directory of cassandra-all's jars)");
        }
        List<String> jars = jarNames(dir);
        String version = versionOf(jars, "cassandra-all").orElseThrow(() -> new CassandraDevNodeException(
                "no cassandra-all-*.jar in " + dir + ": build it with mvn -q -pl cluster/cassandra-node package"));
        String jamm = jars.stream().filter(n -> n.startsWith("jamm-")).findFirst()
                .orElseThrow(() -> new CassandraDevNodeException("no jamm-*.jar in " + dir
                        + ": the directory does not hold cassandra-all's runtime dependencies"));
        requireOneVersionEach(dir, jars);
        requireMatchingLogback(dir, jars);
        return new CassandraLibDir(dir, version, dir.resolve(jamm));
    }

    /** The JVM expands {@code dir/*} itself, which keeps the command line short. */
    String classpath() {
        return dir + File.separator + "*";
    }

    /**
     * copy-dependencies adds jars but never removes any: after a version change the directory
     * holds both, and which one the JVM picks is a matter of directory order.
     */
    private static void requireOneVersionEach(Path dir, List<String> jars) {
        Map<String, Set<String>> versions = new TreeMap<>();
        for (String jar : jars) {
            Matcher m = JAR_NAME.matcher(jar);
            if (m.matches()) {
                versions.computeIfAbsent(m.group(1), a -> new TreeSet<>()).add(m.group(2));
            }
        }
        versions.forEach((artifact, found) -> {
            if (found.size() > 1) {
                throw new CassandraDevNodeException(dir + " holds " + artifact + " in versions " + found
                        + " (jars left over from an earlier build?); rebuild it with:"
                        + " mvn -q -pl cluster/cassandra-node clean package");
            }
        });
    }

    /**
     * A logback-classic that does not match logback-core kills Cassandra at its first log line
     * with a ClassNotFoundException that does not say why. This happens when a parent pom's
     * dependencyManagement pins one of the two, so say so before launching anything.
     */
    private static void requireMatchingLogback(Path dir, List<String> jars) {
        Optional<String> classic = versionOf(jars, "logback-classic");
        Optional<String> core = versionOf(jars, "logback-core");
        if (classic.isPresent() && core.isPresent() && !classic.equals(core)) {
            throw new CassandraDevNodeException(dir + " holds logback-classic " + classic.get()
                    + " but logback-core " + core.get() + "; Cassandra cannot log (and dies) with"
                    + " mismatched logback jars. cluster/cassandra-node must copy cassandra-all's own"
                    + " dependency versions, not versions managed for telecare.");
        }
    }

    private static Optional<String> versionOf(List<String> jars, String artifact) {
        String prefix = artifact + "-";
        return jars.stream()
                .filter(n -> n.startsWith(prefix) && Character.isDigit(n.charAt(prefix.length())))
                .map(n -> n.substring(prefix.length(), n.length() - ".jar".length()))
                .findFirst();
    }

    private static List<String> jarNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new CassandraDevNodeException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
