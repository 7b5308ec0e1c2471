package org.telecare.archive.index;

import org.telecare.cassandra.devnode.TestCassandra;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

class CassandraStudyIndexTest extends StudyIndexContract {
    @Override
    protected List<String> recipe(Path dir) {
        var cp = TestCassandra.contactPoint();
        return List.of("cassandra", cp.getHostString() + ":" + cp.getPort(), TestCassandra.datacenter(),
                "archive_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
