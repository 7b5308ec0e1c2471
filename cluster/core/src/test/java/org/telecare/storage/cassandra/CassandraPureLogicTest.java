package org.telecare.storage.cassandra;

import org.junit.jupiter.api.Test;
import org.telecare.storage.TableSpec;
import org.telecare.storage.WriteLimits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of the backend that need no cluster: TTL rounding, key order, CQL, backoff. */
class CassandraPureLogicTest {

    @Test
    void ttlIsRoundedUpAndPaddedSoRecordsNeverExpireEarly() {
        assertThat(Expiry.of(null)).isEqualTo(Expiry.NONE);
        assertThat(Expiry.NONE.seconds()).isZero();
        Instant before = Instant.now();
        Expiry two = Expiry.of(Duration.ofSeconds(2));
        assertThat(two.seconds()).isEqualTo(3);
        assertThat(two.at()).hasValueSatisfying(at -> assertThat(at)
                .isAfterOrEqualTo(before.plusSeconds(2)).isBeforeOrEqualTo(Instant.now().plusSeconds(3)));
        assertThat(Expiry.of(Duration.ofMillis(1500)).seconds()).isEqualTo(3);
        assertThat(Expiry.of(WriteLimits.MAX_TTL).seconds()).as("capped at Cassandra's maximum")
                .isEqualTo((int) WriteLimits.MAX_TTL.toSeconds());
    }

    @Test
    void clusteringKeysCompareByCodePointLikeUtf8Bytes() {
        assertThat(CassandraRecordStore.compareCodePoints("a", "b")).isNegative();
        assertThat(CassandraRecordStore.compareCodePoints("b", "b1")).isNegative();
        assertThat(CassandraRecordStore.compareCodePoints("b", "b")).isZero();
        // U+FF21 sorts before U+1F600 by code point, after it in UTF-16 units.
        assertThat("\uFF21".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(CassandraRecordStore.compareCodePoints("\uFF21", "\uD83D\uDE00")).isNegative();
    }

    @Test
    void rangeStatementsCoverEveryCombinationOfBoundsAndDirection() {
        RecordCql cql = RecordCql.of("ks", TableSpec.plain("things"));
        assertThat(cql.range(false, false, false))
                .isEqualTo("SELECT c, v, ver, exp FROM ks.t_things WHERE p = ? ORDER BY c ASC LIMIT ?");
        assertThat(cql.range(true, true, true))
                .isEqualTo("SELECT c, v, ver, exp FROM ks.t_things WHERE p = ? AND c >= ? AND c < ? ORDER BY c DESC LIMIT ?");
        assertThat(cql.range(false, true, false)).contains("AND c < ?").doesNotContain(">=");
        assertThat(cql.ranges()).doesNotHaveDuplicates().hasSize(8);
        assertThat(cql.putIfAbsent()).startsWith("UPDATE").endsWith("IF ver = null");
        assertThat(RecordCql.of("Mixed Case", TableSpec.plain("x")).get()).contains("\"Mixed Case\".t_x");
    }

    @Test
    void backoffDoublesUpToItsCapAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(backoff.next().toMillis());
        }
        assertThat(delays.getFirst()).isBetween(500L, 550L);
        assertThat(delays.get(1)).isBetween(1000L, 1100L);
        assertThat(delays.getLast()).isBetween(30_000L, 33_000L);
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(500L, 550L);
    }

    @Test
    void replicationMapNamesEveryDataCentre() {
        CassandraSettings settings = new CassandraSettings(
                List.of(new java.net.InetSocketAddress("127.0.0.1", 9042)), "dc1", "ks",
                java.util.Map.of("dc1", 3, "dc2", 2), "LOCAL_QUORUM", java.util.Optional.empty(),
                java.util.Optional.empty(), Duration.ofSeconds(5), 1024);
        assertThat(CassandraSchema.replicationMap(settings))
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}");
    }
}
