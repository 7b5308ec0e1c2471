package org.telecare.audit;

import java.nio.file.Path;
import java.util.List;

/** The audit contract on the embedded (single-node) backend. */
class EmbeddedAuditTrailTest extends AuditTrailContract {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
