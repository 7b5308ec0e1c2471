package org.telecare.storage.conformance;

import org.telecare.storage.blob.BlobId;
import org.telecare.storage.embedded.LocalBlobStore;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

class EmbeddedBlobStoreConformanceTest extends BlobStoreConformance {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }

    @Override
    protected void corruptStoredContent(BlobId id) throws Exception {
        Path file = ((LocalBlobStore) backend.blobs()).pathOf(id);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x40);
        }
    }
}
