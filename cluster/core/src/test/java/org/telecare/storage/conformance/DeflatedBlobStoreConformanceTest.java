package org.telecare.storage.conformance;

import org.telecare.storage.blob.BlobId;
import org.telecare.storage.embedded.LocalBlobStore;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded blob store with compression at rest (ARC-5) keeps every promise of the plain one. */
class DeflatedBlobStoreConformanceTest extends BlobStoreConformance {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString(), "deflate");
    }

    @Override
    protected void corruptStoredContent(BlobId id) throws Exception {
        Path file = ((LocalBlobStore) backend.blobs()).pathOf(id);
        assertThat(file.getFileName().toString()).endsWith(".z");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            // Inside the first chunk's stored bytes, past the 8-byte header.
            long at = Math.min(8 + 20, f.length() / 2);
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
    }
}
