package org.telecare.accounts.dictionary;

import org.telecare.cassandra.devnode.TestCassandra;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

class CassandraDictionaryTest extends DictionaryContract {
    @Override
    protected List<String> recipe(Path dir) {
        var cp = TestCassandra.contactPoint();
        return List.of("cassandra", cp.getHostString() + ":" + cp.getPort(), TestCassandra.datacenter(),
                "dict_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
