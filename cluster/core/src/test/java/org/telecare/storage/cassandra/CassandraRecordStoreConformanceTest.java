package org.telecare.storage.cassandra;

import org.telecare.storage.conformance.RecordStoreConformance;

import java.nio.file.Path;
import java.util.List;

/** The shared record-store suite against the test Cassandra node. */
class CassandraRecordStoreConformanceTest extends RecordStoreConformance {
    @Override
    protected List<String> recipe(Path dir) {
        return TestKeyspaces.recipe("telecare_conformance");
    }
}
