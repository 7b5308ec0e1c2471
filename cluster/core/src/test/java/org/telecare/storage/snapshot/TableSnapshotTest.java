package org.telecare.storage.snapshot;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telecare.storage.RecordKey;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.TableSpec;
import org.telecare.storage.conformance.TestBackends;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.storage.conformance.TestBackends.await;

class TableSnapshotTest {
    private static final TableSpec TABLE = TableSpec.plain("snapshot_test");

    @TempDir
    Path dir;
    Vertx vertx;
    StorageBackend backend;

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        backend = TestBackends.open(vertx, List.of("embedded", dir.toString()));
        await(backend.migrate(List.of(new SchemaMigration("snapshot-test", 1, "t", List.of(TABLE)))));
    }

    @AfterEach
    void close() throws Exception {
        await(backend.close());
        await(vertx.close());
    }

    private TableSnapshot<String> snapshot(Duration refresh) {
        return new TableSnapshot<>(vertx, backend.records(), TABLE, "p", r -> {
            String v = new String(r.value(), StandardCharsets.UTF_8);
            if (v.startsWith("!")) {
                throw new IllegalArgumentException("undecodable");
            }
            return v;
        }, refresh);
    }

    private void put(String key, String value) throws Exception {
        await(backend.records().put(TABLE, RecordKey.of("p", key), value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aChangeOnOneNodeReachesTheOtherOverTheEventBus() throws Exception {
        put("a", "alpha");
        TableSnapshot<String> writer = snapshot(Duration.ofHours(1));
        TableSnapshot<String> reader = snapshot(Duration.ofHours(1));
        await(writer.start());
        await(reader.start());
        assertThat(reader.current()).containsExactly("alpha");
        put("b", "beta");
        await(writer.changed());
        assertThat(writer.current()).containsExactly("alpha", "beta");
        for (int i = 0; i < 200 && reader.current().size() < 2; i++) {
            Thread.sleep(10);
        }
        assertThat(reader.current()).containsExactly("alpha", "beta");
    }

    @Test
    void aMissedMessageIsMadeUpByThePeriodicReloadAndBadRecordsAreLeftOut() throws Exception {
        TableSnapshot<String> s = snapshot(Duration.ofMillis(50));
        await(s.start());
        assertThat(s.current()).isEmpty();
        put("x", "!broken");
        put("y", "fine");
        for (int i = 0; i < 200 && s.current().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(s.current()).containsExactly("fine");
        s.close();
    }

    @Test
    void pagesThroughLargePartitions() throws Exception {
        for (int i = 0; i < 2500; i++) {
            put(String.format("k%05d", i), "v" + i);
        }
        TableSnapshot<String> s = snapshot(Duration.ofHours(1));
        await(s.start());
        assertThat(s.current()).hasSize(2500).startsWith("v0").endsWith("v2499");
    }
}
