package org.telecare.storage.cassandra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.telecare.cassandra.devnode.TestCassandra;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.StorageHealth;
import org.telecare.storage.StorageHealth.State;
import org.telecare.storage.StorageUnavailableException;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.conformance.TestBackends;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * Health and fail-fast behaviour while Cassandra is away: never reached at start, appearing
 * later, lost after it was ready, and coming back. The "cluster" here is a TCP forwarder in front
 * of the shared test node that the test switches off and on.
 */
@ExtendWith(VertxExtension.class)
class CassandraAvailabilityTest {
    private static final String KEYSPACE = "telecare_availability";

    private static CassandraSettings settingsFor(InetSocketAddress contactPoint) {
        // Short request timeout: a request sent just before the cut should not hold the test up.
        return new CassandraSettings(List.of(contactPoint), TestCassandra.datacenter(), KEYSPACE,
                Map.of(TestCassandra.datacenter(), 1), "LOCAL_QUORUM", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3), 512 * 1024);
    }

    @Test
    void unreachableClusterGivesStartingWithReasonAndFailsFast(Vertx vertx) throws Exception {
        int nothingListens = TcpProxy.freePort();
        CassandraStorage storage = CassandraStorage.open(vertx, settingsFor(new InetSocketAddress("127.0.0.1", nothingListens)), "node-a");
        try {
            assertThat(storage.name()).isEqualTo("cassandra");
            StorageHealth health = waitForHealth(storage, h -> h.detail().contains("attempt"), Duration.ofSeconds(20));
            assertThat(health.state()).isIn(State.STARTING, State.UNAVAILABLE);
            assertThat(health.detail()).contains("127.0.0.1:" + nothingListens);

            // Migrations queue behind the connection rather than failing.
            Future<Void> migration = storage.migrate(TestBackends.MIGRATIONS);

            long started = System.nanoTime();
            RecordKey key = RecordKey.of("p", "c");
            assertThatThrownBy(() -> await(storage.records().get(TestBackends.PLAIN, key)))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("127.0.0.1:" + nothingListens);
            assertThatThrownBy(() -> await(storage.records().range(TestBackends.PLAIN, RangeQuery.all("p"))))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> await(storage.blobs().put(Buffer.buffer("x"))))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> await(storage.blobs().stat(new BlobId("0".repeat(64)))))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fail fast").isLessThan(Duration.ofSeconds(2));
            // Argument checks still come first, and still say what is wrong.
            assertThatThrownBy(() -> await(storage.records().put(TestBackends.PLAIN, key, null)))
                    .isInstanceOf(NullPointerException.class);

            assertThat(migration.isComplete()).as("migration waits for the cluster").isFalse();
            await(storage.close());
            assertThat(migration.failed()).as("closing fails what still waits").isTrue();
            assertThat(migration.cause()).isInstanceOf(StorageUnavailableException.class).hasMessageContaining("closed");
        } finally {
            await(storage.close());
        }
    }

    @Test
    void becomesReadyWhenTheClusterAppearsAndRecoversAfterLosingIt(Vertx vertx) throws Exception {
        TcpProxy cluster = new TcpProxy(vertx, TestCassandra.contactPoint());
        try {
            CassandraStorage storage = CassandraStorage.open(vertx, settingsFor(cluster.address()), "node-b");
            try {
                Future<Void> migration = storage.migrate(TestBackends.MIGRATIONS);
                waitForHealth(storage, h -> h.detail().contains("attempt"), Duration.ofSeconds(20));
                assertThat(storage.health().state()).isEqualTo(State.STARTING);

                cluster.start(); // Cassandra "appears"
                // Backoff is capped at 30 s; the first attempts come well before that.
                waitForHealth(storage, StorageHealth::ready, Duration.ofSeconds(60));
                await(migration, Duration.ofSeconds(60));
                RecordKey key = RecordKey.of("availability-" + System.nanoTime(), "k");
                await(storage.records().put(TestBackends.PLAIN, key, bytes("before")));

                cluster.stop(); // and is lost
                StorageHealth lost = waitForHealth(storage, h -> h.state() == State.UNAVAILABLE, Duration.ofSeconds(30));
                assertThat(lost.detail()).isNotBlank();
                assertThatThrownBy(() -> await(storage.records().get(TestBackends.PLAIN, key)))
                        .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("lost the Cassandra cluster");

                cluster.start(); // and comes back
                waitForHealth(storage, StorageHealth::ready, Duration.ofSeconds(60));
                // The driver may need a moment more to reopen its pools after the probe succeeded.
                String value = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (value == null) {
                    try {
                        value = text(await(storage.records().get(TestBackends.PLAIN, key)).orElseThrow().value());
                    } catch (StorageUnavailableException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(250);
                    }
                }
                assertThat(value).isEqualTo("before");
            } finally {
                await(storage.close());
            }
        } finally {
            cluster.close();
        }
    }

    private static StorageHealth waitForHealth(CassandraStorage storage, Predicate<StorageHealth> wanted, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        StorageHealth h = storage.health();
        while (!wanted.test(h)) {
            assertThat(System.nanoTime()).as("health still %s after %s", h, within).isLessThan(deadline);
            Thread.sleep(100);
            h = storage.health();
        }
        return h;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
