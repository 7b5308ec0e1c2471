package org.telecare.archive;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive index and matching (not the ingest around them) depend on the storage SPI and Vert.x futures only: not on the
 * Part 10 codec, the DIMSE network or Netty (an adapter maps the codec's dataset to
 * {@code IndexedInstance}), so they can be built and tested alone.
 */
class ArchiveLayeringTest {
    private static final List<String> FORBIDDEN = List.of(
            "import org.telecare.dicom.", "import org.telecare.dimse.", "import io.netty.");

    @Test
    void archiveSourcesImportNeitherCodecNorNetwork() throws IOException {
        Path root = Path.of("src/main/java/org/telecare/archive");
        // The ingest (archive.store) adapts the codec and the network to the index; index and query stay free of them.
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("index")), Files.walk(root.resolve("query")))) {
            List<String> offending = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream()
                            .filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
                            .map(line -> root.relativize(p) + ": " + line);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(offending).isEmpty();
        }
        try (Stream<Path> query = Files.list(root.resolve("query"))) {
            assertThat(query.filter(p -> {
                try {
                    return Files.readString(p).contains("import org.telecare.storage");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            })).as("matching is pure: no storage").isEmpty();
        }
    }
}
