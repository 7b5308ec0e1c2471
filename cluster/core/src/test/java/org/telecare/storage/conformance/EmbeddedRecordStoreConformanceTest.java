package org.telecare.storage.conformance;

import java.nio.file.Path;
import java.util.List;

class EmbeddedRecordStoreConformanceTest extends RecordStoreConformance {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
