package org.telecare.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageException;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.conformance.TestBackends;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.CAS;
import static org.telecare.storage.conformance.TestBackends.PLAIN;
import static org.telecare.storage.conformance.TestBackends.await;

/** Record behaviour that depends on how Cassandra stores rows: TTL rounding, LWT rows, SERIAL reads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CassandraRecordsTest {
    private Vertx vertx;
    private CassandraStorage storage;
    private RecordStore store;

    @BeforeAll
    void open() throws Exception {
        vertx = Vertx.vertx();
        storage = (CassandraStorage) TestBackends.open(vertx, TestKeyspaces.recipe("telecare_conformance"));
        store = storage.records();
    }

    @AfterAll
    void close() throws Exception {
        await(storage.close());
        await(vertx.close());
    }

    private static RecordKey key(String clustering) {
        return RecordKey.of("records-" + UUID.randomUUID(), clustering);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Optional<StoredRecord> get(RecordKey key) throws Exception {
        return await(store.get(CAS, key));
    }

    @Test
    void expiryIsTheSameOnEveryReadAndInTheCasResult() throws Exception {
        RecordKey key = key("ttl");
        CasResult written = await(store.putIfAbsent(CAS, key, bytes("v"), Duration.ofMinutes(10)));
        StoredRecord first = get(key).orElseThrow();
        Thread.sleep(1100);
        StoredRecord second = get(key).orElseThrow();
        assertThat(written.current()).contains(first);
        assertThat(second).isEqualTo(first);
        assertThat(first.expiresAt()).isPresent();
    }

    @Test
    void anExpiredCasRecordLeavesNoRowBehindSoItCanBeClaimedAgain() throws Exception {
        // Claimed without TTL, then replaced with a short one: no row marker may outlive the cells.
        RecordKey key = key("lease");
        long v1 = await(store.putIfAbsent(CAS, key, bytes("holder-1"), null)).current().orElseThrow().version();
        assertThat(await(store.replaceIfVersion(CAS, key, v1, bytes("holder-1 leaving"), Duration.ofSeconds(1))).applied()).isTrue();
        waitUntilAbsent(key);
        CasResult again = await(store.putIfAbsent(CAS, key, bytes("holder-2"), null));
        assertThat(again.applied()).isTrue();
        assertThat(get(key).map(r -> new String(r.value(), StandardCharsets.UTF_8))).contains("holder-2");
        assertThat(again.current().orElseThrow().expiresAt()).isEmpty();
    }

    @Test
    void replacingWithoutTtlClearsTheExpiry() throws Exception {
        RecordKey key = key("keep");
        long v1 = await(store.putIfAbsent(CAS, key, bytes("short"), Duration.ofSeconds(1))).current().orElseThrow().version();
        CasResult kept = await(store.replaceIfVersion(CAS, key, v1, bytes("kept"), null));
        assertThat(kept.applied()).isTrue();
        Thread.sleep(3500);
        assertThat(get(key)).hasValueSatisfying(r -> assertThat(r.expiresAt()).isEmpty());
    }

    @Test
    void rangeReadsOfCasTablesGoThroughPaxos() throws Exception {
        RecordKey a = key("a");
        RecordKey b = RecordKey.of(a.partition(), "b");
        await(store.putIfAbsent(CAS, a, bytes("1"), null));
        await(store.putIfAbsent(CAS, b, bytes("2"), null));
        List<StoredRecord> both = await(store.range(CAS, RangeQuery.all(a.partition()).reversed()));
        assertThat(both).extracting(r -> r.key().clustering()).containsExactly("b", "a");
    }

    @Test
    void theLoserOfAClaimSeesTheWinnerInOneRoundTripOrARead() throws Exception {
        RecordKey key = key("claim");
        CasResult won = await(store.putIfAbsent(CAS, key, bytes("first"), Duration.ofMinutes(5)));
        CasResult lost = await(store.putIfAbsent(CAS, key, bytes("second"), null));
        assertThat(lost.applied()).isFalse();
        assertThat(lost.current()).isEqualTo(won.current());
        assertThat(await(store.deleteIfVersion(CAS, key, 42)).current()).isEqualTo(won.current());
        assertThat(await(store.deleteIfVersion(CAS, RecordKey.of(key.partition(), "never"), 42)))
                .isEqualTo(new CasResult(false, Optional.empty()));
    }

    @Test
    void plainTablesRefuseNothingTheyShouldAccept() throws Exception {
        RecordKey key = key("big");
        byte[] max = new byte[RecordStore.MAX_VALUE_BYTES];
        max[max.length - 1] = 7;
        Duration tenYears = Duration.ofDays(3650);
        await(store.put(PLAIN, key, max, tenYears));
        StoredRecord r = await(store.get(PLAIN, key)).orElseThrow();
        assertThat(r.value()).isEqualTo(max);
        assertThat(r.expiresAt()).isPresent();
        assertThatThrownBy(() -> await(store.delete(CAS, key)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("compare-and-set");
        // What Cassandra holds is what we said: value, version and expiry columns.
        var row = storage.connection().session().execute(SimpleStatement.newInstance(
                "SELECT ver, exp, TTL(v) AS ttl FROM " + Cql.table(storage.settings().keyspace(), PLAIN)
                        + " WHERE p = ? AND c = ?", key.partition(), key.clustering())).one();
        assertThat(row.getLong("ver")).isEqualTo(r.version());
        assertThat(row.getInt("ttl")).isBetween((int) tenYears.toSeconds() - 60, (int) tenYears.toSeconds() + 2);

        // The SPI's 20-year maximum reaches past 2038, which Cassandra 5.0 accepts only with
        // storage_compatibility_mode NONE; otherwise the refusal must say so, not be cut short silently.
        RecordKey far = key("far");
        try {
            await(store.put(PLAIN, far, bytes("x"), Duration.ofSeconds(630_720_000L)));
            assertThat(await(store.get(PLAIN, far))).isPresent();
        } catch (StorageException e) {
            assertThat(e).hasMessageContaining("t_conf_plain").hasMessageContaining("2038");
        }
    }

    private void waitUntilAbsent(RecordKey key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (get(key).isPresent()) {
            assertThat(System.nanoTime()).as("record still there").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
