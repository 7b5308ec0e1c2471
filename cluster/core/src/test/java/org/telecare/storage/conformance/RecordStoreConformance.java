package org.telecare.storage.conformance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telecare.storage.CasResult;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageException;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.CAS;
import static org.telecare.storage.conformance.TestBackends.PLAIN;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * The behaviour every {@link RecordStore} backend must show, run unchanged against each. Every
 * test writes to a partition of its own, so the suite also runs on a reused Cassandra node.
 */
public abstract class RecordStoreConformance extends BackendConformance {
    protected RecordStore store;

    @BeforeAll
    void useBackend() {
        store = backend.records();
    }

    private static String partition() {
        return "p-" + UUID.randomUUID();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StoredRecord r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetReturnsTheValueAndAbsentKeysAreEmpty() throws Exception {
        RecordKey key = RecordKey.of(partition(), "a");
        await(store.put(PLAIN, key, bytes("hello 你好")));
        StoredRecord got = await(store.get(PLAIN, key)).orElseThrow();
        assertThat(text(got)).isEqualTo("hello 你好");
        assertThat(got.key()).isEqualTo(key);
        assertThat(got.expiresAt()).isEmpty();
        assertThat(await(store.get(PLAIN, RecordKey.of(key.partition(), "b")))).isEmpty();
        assertThat(await(store.get(PLAIN, RecordKey.of(partition(), "a")))).isEmpty();
    }

    @Test
    void emptyValuesAndEmptyClusteringKeysAreRecords() throws Exception {
        RecordKey key = RecordKey.of(partition(), "");
        await(store.put(PLAIN, key, new byte[0]));
        assertThat(await(store.get(PLAIN, key)).orElseThrow().value()).isEmpty();
    }

    @Test
    void overwriteReplacesValueAndChangesVersion() throws Exception {
        RecordKey key = RecordKey.of(partition(), "k");
        await(store.put(PLAIN, key, bytes("one")));
        StoredRecord first = await(store.get(PLAIN, key)).orElseThrow();
        await(store.put(PLAIN, key, bytes("two")));
        StoredRecord second = await(store.get(PLAIN, key)).orElseThrow();
        assertThat(text(second)).isEqualTo("two");
        assertThat(second.version()).isNotEqualTo(first.version());
    }

    @Test
    void deleteRemovesAndDeletingAbsentIsFine() throws Exception {
        RecordKey key = RecordKey.of(partition(), "k");
        await(store.put(PLAIN, key, bytes("v")));
        await(store.delete(PLAIN, key));
        assertThat(await(store.get(PLAIN, key))).isEmpty();
        await(store.delete(PLAIN, key));
    }

    @Test
    void rangeReadsSliceOnePartitionInCodePointOrder() throws Exception {
        String p = partition();
        // Includes a character beyond the BMP and one from U+E000–FFFF: code-point order puts
        // the supplementary one last, UTF-16 order would not.
        List<String> keys = List.of("a", "b", "b1", "c", "d", "z", "\uFF21", "\uD83D\uDE00");
        for (String k : keys) {
            await(store.put(PLAIN, RecordKey.of(p, k), bytes("v-" + k)));
        }
        await(store.put(PLAIN, RecordKey.of(p + "x", "a"), bytes("other partition")));
        await(store.put(PLAIN, RecordKey.of(p.substring(0, p.length() - 1), "a"), bytes("prefix partition")));

        assertThat(clustering(RangeQuery.all(p))).containsExactlyElementsOf(keys);
        assertThat(clustering(RangeQuery.all(p).reversed())).containsExactlyElementsOf(keys.reversed());
        assertThat(clustering(RangeQuery.all(p).from("b").to("d"))).containsExactly("b", "b1", "c");
        assertThat(clustering(RangeQuery.all(p).from("b").to("d").reversed())).containsExactly("c", "b1", "b");
        assertThat(clustering(RangeQuery.all(p).from("c"))).containsExactly("c", "d", "z", "\uFF21", "\uD83D\uDE00");
        assertThat(clustering(RangeQuery.all(p).to("b1"))).containsExactly("a", "b");
        assertThat(clustering(RangeQuery.all(p).limit(3))).containsExactly("a", "b", "b1");
        assertThat(clustering(RangeQuery.all(p).limit(2).reversed())).containsExactly("\uD83D\uDE00", "\uFF21");
        assertThat(clustering(RangeQuery.prefix(p, "b"))).containsExactly("b", "b1");
        assertThat(clustering(RangeQuery.all(p).from("d").to("b"))).isEmpty();
        assertThat(clustering(RangeQuery.all(partition()))).isEmpty();
        List<StoredRecord> values = await(store.range(PLAIN, RangeQuery.all(p).from("z").limit(1)));
        assertThat(values).singleElement().satisfies(r -> assertThat(text(r)).isEqualTo("v-z"));
    }

    private List<String> clustering(RangeQuery q) throws Exception {
        return await(store.range(PLAIN, q)).stream().map(r -> r.key().clustering()).toList();
    }

    @Test
    void rangeReadsPageThroughALargePartition() throws Exception {
        String p = partition();
        List<Future<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            writes.add(store.put(PLAIN, RecordKey.of(p, "%04d".formatted(i)), bytes("v" + i)));
        }
        await(Future.all(writes));
        List<String> seen = new ArrayList<>();
        RangeQuery page = RangeQuery.all(p).limit(100);
        while (true) {
            List<StoredRecord> rows = await(store.range(PLAIN, page));
            rows.forEach(r -> seen.add(r.key().clustering()));
            if (rows.size() < 100) {
                break;
            }
            page = page.from(rows.getLast().key().clustering() + "\0");
        }
        assertThat(seen).hasSize(250).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void ttlRecordsCarryTheirExpiryAndDisappear() throws Exception {
        RecordKey key = RecordKey.of(partition(), "short");
        RecordKey keep = RecordKey.of(key.partition(), "keep");
        Instant before = Instant.now();
        await(store.put(PLAIN, key, bytes("soon gone"), Duration.ofSeconds(2)));
        await(store.put(PLAIN, keep, bytes("stays"), Duration.ofHours(1)));
        StoredRecord live = await(store.get(PLAIN, key)).orElseThrow();
        assertThat(live.expiresAt()).hasValueSatisfying(at -> assertThat(at)
                .isAfter(before).isBefore(before.plusSeconds(5)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (await(store.get(PLAIN, key)).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(await(store.get(PLAIN, key))).as("expired record").isEmpty();
        assertThat(clustering(RangeQuery.all(key.partition()))).containsExactly("keep");
    }

    @Test
    void theLongestTtlIsAccepted() throws Exception {
        // 20 years: outpatient/inpatient retention periods (ARC-8) reach past 2038.
        RecordKey key = RecordKey.of(partition(), "retained");
        await(store.put(PLAIN, key, bytes("kept"), org.telecare.storage.WriteLimits.MAX_TTL));
        assertThat(await(store.get(PLAIN, key)).orElseThrow().expiresAt()).hasValueSatisfying(at ->
                assertThat(at).isAfter(Instant.now().plus(Duration.ofDays(365L * 19))));
    }

    @Test
    void badWritesAreRefusedWithReasonsAndChangeNothing() throws Exception {
        RecordKey key = RecordKey.of(partition(), "k");
        await(store.put(PLAIN, key, bytes("original")));
        assertThatThrownBy(() -> await(store.put(PLAIN, key, new byte[RecordStore.MAX_VALUE_BYTES + 1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blob");
        assertThatThrownBy(() -> await(store.put(PLAIN, key, bytes("x"), Duration.ofMillis(10))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> await(store.put(PLAIN, key, bytes("x"), Duration.ofDays(365 * 30))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> await(store.put(PLAIN, key, null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> await(store.put(TableSpec.plain("never_declared"), key, bytes("x"))))
                .isInstanceOf(StorageException.class).hasMessageContaining("never_declared");
        assertThatThrownBy(() -> await(store.put(CAS, key, bytes("x"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("compare-and-set");
        assertThatThrownBy(() -> RecordKey.of("", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordKey.of("p\0", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThat(text(await(store.get(PLAIN, key)).orElseThrow())).isEqualTo("original");
    }

    @Test
    void compareAndSetAppliesOnlyWhenItsConditionHolds() throws Exception {
        RecordKey key = RecordKey.of(partition(), "lock");
        CasResult first = await(store.putIfAbsent(CAS, key, bytes("alice"), null));
        assertThat(first.applied()).isTrue();
        long v1 = first.current().orElseThrow().version();

        CasResult second = await(store.putIfAbsent(CAS, key, bytes("bob"), null));
        assertThat(second.applied()).isFalse();
        assertThat(text(second.current().orElseThrow())).as("the loser sees who holds it").isEqualTo("alice");

        CasResult stale = await(store.replaceIfVersion(CAS, key, v1 + 12345, bytes("mallory"), null));
        assertThat(stale.applied()).isFalse();
        assertThat(stale.current().orElseThrow().version()).isEqualTo(v1);

        CasResult replaced = await(store.replaceIfVersion(CAS, key, v1, bytes("carol"), null));
        assertThat(replaced.applied()).isTrue();
        long v2 = replaced.current().orElseThrow().version();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(text(await(store.get(CAS, key)).orElseThrow())).isEqualTo("carol");

        assertThat(await(store.deleteIfVersion(CAS, key, v1)).applied()).isFalse();
        assertThat(await(store.deleteIfVersion(CAS, key, v2)).applied()).isTrue();
        assertThat(await(store.get(CAS, key))).isEmpty();
        assertThat(await(store.replaceIfVersion(CAS, key, v2, bytes("x"), null)).applied()).isFalse();
        assertThat(await(store.putIfAbsent(CAS, key, bytes("dave"), Duration.ofMinutes(5))).applied()).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        RecordKey key = RecordKey.of(partition(), "slot");
        int writers = 40;
        List<Future<CasResult>> claims = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            claims.add(store.putIfAbsent(CAS, key, bytes("writer-" + i), null));
        }
        await(Future.join(claims), Duration.ofMinutes(2));
        List<CasResult> results = claims.stream().map(Future::result).toList();
        assertThat(results).filteredOn(CasResult::applied).hasSize(1);
        String winner = text(await(store.get(CAS, key)).orElseThrow());
        assertThat(results).allSatisfy(r -> assertThat(text(r.current().orElseThrow())).isEqualTo(winner));
    }

    @Test
    void concurrentVersionedIncrementsLoseNoUpdate() throws Exception {
        RecordKey key = RecordKey.of(partition(), "counter");
        await(store.putIfAbsent(CAS, key, bytes("0"), null));
        int workers = 6;
        int increments = 5;
        AtomicInteger conflicts = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < increments; i++) {
                        for (int attempt = 0; attempt < 200; attempt++) {
                            StoredRecord cur = await(store.get(CAS, key)).orElseThrow();
                            int next = Integer.parseInt(text(cur)) + 1;
                            if (await(store.replaceIfVersion(CAS, key, cur.version(), bytes("" + next), null)).applied()) {
                                break;
                            }
                            conflicts.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(3));
        }
        assertThat(errors).isEmpty();
        assertThat(text(await(store.get(CAS, key)).orElseThrow())).isEqualTo("" + workers * increments);
    }

    /**
     * The node process is killed with SIGKILL while writing; every write it had acknowledged must
     * be readable afterwards.
     */
    @Test
    void acknowledgedWritesSurviveKillMinus9() throws Exception {
        String partition = partition();
        List<String> recipe = recipe(scratch.resolve("crash"));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), partition));
        command.addAll(recipe);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Integer> acked = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            for (String line; (line = out.readLine()) != null && System.nanoTime() < deadline; ) {
                if (line.startsWith("ACK ")) {
                    acked.add(Integer.parseInt(line.substring(4)));
                    if (acked.size() >= 500) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acked).as("writes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(500);

        Vertx other = Vertx.vertx();
        StorageBackend reopened = TestBackends.open(other, recipe);
        try {
            for (int n : acked) {
                Optional<StoredRecord> r = await(reopened.records().get(PLAIN, RecordKey.of(partition, "%08d".formatted(n))));
                assertThat(r).as("acknowledged record %d", n).isPresent();
                assertThat(text(r.get())).isEqualTo(CrashWriter.valueOf(n));
            }
        } finally {
            await(reopened.close());
            await(other.close());
        }
    }
}
