package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.telecare.cassandra.devnode.TestCassandra;
import org.telecare.storage.RecordKey;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageException;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.await;

/** The keyspace layout and versioned migrations, checked in Cassandra's own schema tables. */
@ExtendWith(VertxExtension.class)
class CassandraSchemaTest {
    private static final Duration MIGRATION_WAIT = Duration.ofMinutes(2);

    @Test
    void keyspaceUsesNetworkTopologyStrategyWithTheConfiguredDataCentre(Vertx vertx) throws Exception {
        String keyspace = "telecare_schema_ks_" + System.nanoTime() % 1_000_000;
        CassandraStorage storage = CassandraStorage.open(vertx, TestKeyspaces.settings(keyspace), "node-1");
        try {
            await(storage.migrate(List.of()), MIGRATION_WAIT);
            CqlSession session = storage.connection().session();
            Row row = session.execute(SimpleStatement.newInstance(
                    "SELECT replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one();
            assertThat(row).as("keyspace %s created", keyspace).isNotNull();
            Map<String, String> replication = row.getMap("replication", String.class, String.class);
            assertThat(replication).containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
                    .containsEntry(TestCassandra.datacenter(), "1").hasSize(2);
            assertThat(row.getBoolean("durable_writes")).isTrue();

            List<String> tables = session.execute(SimpleStatement.newInstance(
                            "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))
                    .all().stream().map(r -> r.getString("table_name")).toList();
            assertThat(tables).contains("schema_migrations", "blob_manifest", "blob_chunk");
        } finally {
            await(storage.close());
            dropKeyspace(vertx, keyspace);
        }
    }

    @Test
    void migrationsAreAppliedInOrderRecordedOnceAndReRunningIsANoOp(Vertx vertx) throws Exception {
        String keyspace = "telecare_schema_mig";
        String module = "mod_" + System.nanoTime();
        TableSpec first = TableSpec.plain("schema_first");
        TableSpec second = TableSpec.withCompareAndSet("schema_second");
        // Given out of order: they must still be applied v1, then v2.
        List<SchemaMigration> migrations = List.of(
                new SchemaMigration(module, 2, "second table", List.of(second)),
                new SchemaMigration(module, 1, "first table", List.of(first)));

        CassandraStorage a = CassandraStorage.open(vertx, TestKeyspaces.settings(keyspace), "node-a");
        CassandraStorage b = CassandraStorage.open(vertx, TestKeyspaces.settings(keyspace), "node-b");
        try {
            // Called right after open: waits for the connection instead of failing.
            await(a.migrate(migrations), MIGRATION_WAIT);
            List<Row> recorded = migrationRows(a, keyspace, module);
            assertThat(recorded).extracting(r -> r.getInt("version")).containsExactly(1, 2);
            assertThat(recorded).extracting(r -> r.getString("applied_by")).containsOnly("node-a");
            assertThat(recorded).extracting(r -> r.getString("description")).containsExactly("first table", "second table");
            Instant v1At = recorded.get(0).getInstant("applied_at");
            Instant v2At = recorded.get(1).getInstant("applied_at");
            assertThat(v1At).isBeforeOrEqualTo(v2At);

            // Again on the same node, and from another node: nothing is re-applied or re-recorded.
            await(a.migrate(migrations), MIGRATION_WAIT);
            await(b.migrate(migrations), MIGRATION_WAIT);
            List<Row> again = migrationRows(a, keyspace, module);
            assertThat(again).extracting(r -> r.getString("applied_by")).containsOnly("node-a");
            assertThat(again).extracting(r -> r.getInstant("applied_at")).containsExactly(v1At, v2At);

            // Both nodes can use the tables: node b learnt them from the recorded migrations.
            RecordKey key = RecordKey.of("p-" + System.nanoTime(), "k");
            await(a.records().put(first, key, "from a".getBytes(StandardCharsets.UTF_8)));
            assertThat(await(b.records().get(first, key))).isPresent();
            assertThat(await(b.records().putIfAbsent(second, key, new byte[1], null)).applied()).isTrue();

            // The CQL table has the documented shape.
            Row table = a.connection().session().execute(SimpleStatement.newInstance(
                    "SELECT clustering_order, kind, type FROM system_schema.columns"
                            + " WHERE keyspace_name = ? AND table_name = ? AND column_name = 'c'", keyspace, "t_schema_first")).one();
            assertThat(table.getString("kind")).isEqualTo("clustering");
            assertThat(table.getString("clustering_order")).isEqualTo("asc");
            assertThat(table.getString("type")).isEqualTo("text");
        } finally {
            await(a.close());
            await(b.close());
        }
    }

    @Test
    void concurrentMigrationsFromSeveralNodesApplyEachStepOnce(Vertx vertx) throws Exception {
        String keyspace = "telecare_schema_mig";
        String module = "race_" + System.nanoTime();
        List<SchemaMigration> migrations = List.of(
                new SchemaMigration(module, 1, "one", List.of(TableSpec.plain("race_one"))),
                new SchemaMigration(module, 2, "two", List.of(TableSpec.plain("race_two"))));
        List<CassandraStorage> nodes = List.of(
                CassandraStorage.open(vertx, TestKeyspaces.settings(keyspace), "node-1"),
                CassandraStorage.open(vertx, TestKeyspaces.settings(keyspace), "node-2"),
                CassandraStorage.open(vertx, TestKeyspaces.settings(keyspace), "node-3"));
        try {
            await(Future.all(nodes.stream().map(n -> n.migrate(migrations)).toList()), MIGRATION_WAIT);
            List<Row> recorded = migrationRows(nodes.getFirst(), keyspace, module);
            assertThat(recorded).extracting(r -> r.getInt("version")).containsExactly(1, 2);
            // Under the lease, whichever node took it first applied both steps; the others found nothing to do.
            assertThat(recorded.stream().map(r -> r.getString("applied_by")).distinct().toList()).hasSize(1);
        } finally {
            for (CassandraStorage n : nodes) {
                await(n.close());
            }
        }
    }

    @Test
    void tablesThatWereNeverMigratedOrAreDeclaredInconsistentlyAreRefused(Vertx vertx) throws Exception {
        CassandraStorage storage = CassandraStorage.open(vertx, TestKeyspaces.settings("telecare_schema_mig"), "node-x");
        try {
            TableSpec table = TableSpec.plain("schema_refusals");
            await(storage.migrate(List.of(new SchemaMigration("refusals", 1, "t", List.of(table)))), MIGRATION_WAIT);
            RecordKey key = RecordKey.of("p", "k");
            assertThatThrownBy(() -> await(storage.records().get(TableSpec.plain("nowhere_table"), key)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("nowhere_table").hasMessageContaining("migrat");
            assertThatThrownBy(() -> await(storage.records().putIfAbsent(TableSpec.withCompareAndSet("schema_refusals"), key, new byte[0], null)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("schema_refusals");
            assertThatThrownBy(() -> await(storage.migrate(List.of(new SchemaMigration("refusals", 2, "t",
                    List.of(TableSpec.withCompareAndSet("schema_refusals")))))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema_refusals");
            assertThatThrownBy(() -> await(storage.migrate(List.of(
                    new SchemaMigration("refusals", 1, "t", List.of(table)),
                    new SchemaMigration("refusals", 1, "something else", List.of(table))))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusals v1");
        } finally {
            await(storage.close());
        }
    }

    private static List<Row> migrationRows(CassandraStorage storage, String keyspace, String module) {
        return storage.connection().session().execute(SimpleStatement.newInstance(
                "SELECT version, description, applied_at, applied_by FROM " + Cql.qualified(keyspace, "schema_migrations")
                        + " WHERE module = ?", module)).all();
    }

    private static void dropKeyspace(Vertx vertx, String keyspace) throws Exception {
        CassandraStorage cleaner = CassandraStorage.open(vertx, TestKeyspaces.settings("telecare_schema_mig"), "cleaner");
        try {
            await(cleaner.migrate(List.of()), MIGRATION_WAIT);
            cleaner.connection().session().execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + Cql.name(keyspace))
                    .setTimeout(Duration.ofSeconds(60)));
        } finally {
            await(cleaner.close());
        }
    }
}
