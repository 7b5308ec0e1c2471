package org.telecare.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telecare.audit.ChainCodec.Stored;
import org.telecare.audit.ChainVerification.Reason;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.conformance.BackendConformance;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telecare.storage.conformance.TestBackends.await;

/**
 * What the audit trail must do on every storage backend; run by one subclass per backend. Each
 * test writes a chain of its own (a fresh chain name), so tests neither see nor break each other.
 */
public abstract class AuditTrailContract extends BackendConformance {
    /** Crosses midnight UTC, so searches span two day partitions. */
    private static final Instant BASE = Instant.parse("2025-03-01T23:57:00Z");

    protected RecordStore store;

    @BeforeAll
    void migrateAudit() throws Exception {
        await(backend.migrate(AuditSchema.migrations()), Duration.ofMinutes(2));
        store = backend.records();
    }

    private static String freshChain() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private AuditTrail trail(String chain, String node) {
        return AuditTrail.create(vertx, store, AuditTrailOptions.of(node).withChain(chain));
    }

    private static AuditEvent event(int i, String actor, String action, AuditResult result, Instant time) {
        return AuditEvent.builder(action, result).actor(actor).hospital(actor.startsWith("a") ? "h-1" : "h-2")
                .ip("10.0.0." + (i % 250)).target("patient", "p-" + i).detail("i", i).time(time).node("node-1").build();
    }

    /** 30 events, 10 s apart from 23:57 to 00:01:50: alice / bob alternating, three kinds of action. */
    private List<AuditEntry> appendSample(AuditTrail trail) throws Exception {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String actor = i % 2 == 0 ? "alice" : "bob";
            String action = switch (i % 3) {
                case 0 -> "auth.login";
                case 1 -> "auth.login.failed";
                default -> "data.read";
            };
            AuditResult result = i % 3 == 1 ? AuditResult.FAILED : i % 5 == 0 ? AuditResult.DENIED : AuditResult.SUCCESS;
            out.add(await(trail.append(event(i, actor, action, result, BASE.plusSeconds(10L * i)))));
        }
        return out;
    }

    /** Every entry the query finds, following cursors; checks that no page exceeds the limit. */
    private static List<AuditEntry> all(AuditTrail trail, AuditQuery query) throws Exception {
        List<AuditEntry> out = new ArrayList<>();
        AuditQuery q = query;
        for (int pages = 0; pages < 100; pages++) {
            AuditPage page = await(trail.search(q));
            assertThat(page.entries().size()).isLessThanOrEqualTo(q.limit());
            assertThat(page.suspect()).isZero();
            out.addAll(page.entries());
            if (page.nextCursor().isEmpty()) {
                return out;
            }
            q = q.withCursor(page.nextCursor().get());
        }
        throw new AssertionError("search did not end");
    }

    private static List<Long> seqs(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::seq).toList();
    }

    // ------------------------------------------------------------------ append and search

    @Test
    void appendedEventsComeBackFromTheChainWithTheirSeqAndHashes() throws Exception {
        AuditTrail trail = trail(freshChain(), "node-1");
        assertThat(await(trail.head())).isEqualTo(new AuditTrail.Head(0, ChainCodec.GENESIS_HASH));
        List<AuditEntry> entries = appendSample(trail);
        assertThat(seqs(entries)).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(entries.getFirst().prevHash()).isEqualTo(ChainCodec.GENESIS_HASH);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).hash());
        }
        for (AuditEntry e : entries) {
            assertThat(e.hash()).isEqualTo(ChainCodec.hash(e.prevHash(), e.event().canonicalJson()));
            assertThat(await(trail.get(e.seq()))).contains(e);
        }
        assertThat(await(trail.get(31))).isEmpty();
        assertThat(await(trail.head())).isEqualTo(new AuditTrail.Head(30, entries.getLast().hash()));
    }

    @Test
    void searchByTimeRangePagesNewestFirstAndOldestFirstAcrossDays() throws Exception {
        AuditTrail trail = trail(freshChain(), "node-1");
        List<AuditEntry> appended = appendSample(trail);
        AuditQuery everything = AuditQuery.between(BASE.minusSeconds(3600), BASE.plusSeconds(3600)).withLimit(7);

        List<AuditEntry> newest = all(trail, everything);
        assertThat(seqs(newest)).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).map(i -> 31 - i).boxed().toList());
        assertThat(newest).containsExactlyInAnyOrderElementsOf(appended);

        List<AuditEntry> oldest = all(trail, everything.oldestFirst().withLimit(4));
        assertThat(seqs(oldest)).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());

        AuditPage first = await(trail.search(everything));
        assertThat(first.entries()).hasSize(7);
        assertThat(first.nextCursor()).isPresent();

        // from inclusive, to exclusive: events 3..5 (23:57:30 .. 23:57:50)
        List<AuditEntry> slice = all(trail, AuditQuery.between(BASE.plusSeconds(30), BASE.plusSeconds(60)).oldestFirst());
        assertThat(seqs(slice)).containsExactly(4L, 5L, 6L);

        // only the second day
        List<AuditEntry> dayTwo = all(trail, AuditQuery.between(Instant.parse("2025-03-02T00:00:00Z"),
                Instant.parse("2025-03-03T00:00:00Z")));
        assertThat(dayTwo).allMatch(e -> e.event().time().isAfter(Instant.parse("2025-03-01T23:59:59Z")));
        assertThat(dayTwo).hasSize(12); // 00:00:00 .. 00:01:50
    }

    @Test
    void searchFiltersByActorActionPrefixResultHospitalAndTarget() throws Exception {
        AuditTrail trail = trail(freshChain(), "node-1");
        appendSample(trail);
        AuditQuery range = AuditQuery.between(BASE, BASE.plusSeconds(300)).withLimit(4);

        List<AuditEntry> alice = all(trail, range.withActor("alice"));
        assertThat(alice).hasSize(15).allMatch(e -> e.event().actor().equals("alice"));
        assertThat(seqs(alice)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all(trail, range.withActor("alice").oldestFirst())).hasSize(15);
        assertThat(all(trail, range.withActor("nobody"))).isEmpty();

        List<AuditEntry> logins = all(trail, range.withActionPrefix("auth.login"));
        assertThat(logins).hasSize(20).allMatch(e -> e.event().action().startsWith("auth.login"));
        assertThat(all(trail, range.withActionPrefix("auth.login.failed"))).hasSize(10);
        assertThat(all(trail, range.withActionPrefix("auth."))).hasSize(20);
        assertThat(all(trail, range.withActionPrefix("auth.log"))).isEmpty(); // a prefix of dotted codes, not of text

        List<AuditEntry> failed = all(trail, range.withResult(AuditResult.FAILED));
        assertThat(failed).hasSize(10).allMatch(e -> e.event().result() == AuditResult.FAILED);
        List<AuditEntry> denied = all(trail, range.withResult(AuditResult.DENIED));
        assertThat(denied).allMatch(e -> e.event().result() == AuditResult.DENIED).isNotEmpty();

        List<AuditEntry> bobFailed = all(trail, range.withActor("bob").withResult(AuditResult.FAILED)
                .withActionPrefix("auth.login.failed"));
        assertThat(bobFailed).isNotEmpty().allMatch(e -> e.event().actor().equals("bob")
                && e.event().action().equals("auth.login.failed"));

        assertThat(all(trail, range.withActorHospital("h-2"))).hasSize(15).allMatch(e -> e.event().actor().equals("bob"));
        assertThat(all(trail, range.withTarget("patient", "p-7"))).extracting(AuditEntry::seq).containsExactly(8L);
    }

    @Test
    void aCursorFromAnotherQueryIsRefused() throws Exception {
        AuditTrail trail = trail(freshChain(), "node-1");
        appendSample(trail);
        AuditPage page = await(trail.search(AuditQuery.between(BASE, BASE.plusSeconds(3600)).withLimit(2)));
        String cursor = page.nextCursor().orElseThrow();
        AuditQuery elsewhere = AuditQuery.between(BASE.plusSeconds(86_400 * 5), BASE.plusSeconds(86_400 * 6));
        assertThatThrownBy(() -> await(trail.search(elsewhere.withCursor(cursor))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> await(trail.search(elsewhere.withCursor("garbage!"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ verification

    @Test
    void theChainVerifiesWholeAndInParts() throws Exception {
        AuditTrail trail = trail(freshChain(), "node-1");
        assertThat(await(trail.verify()).ok()).isTrue();
        assertThat(await(trail.verify()).checked()).isZero();
        appendSample(trail);
        ChainVerification whole = await(trail.verify());
        assertThat(whole.ok()).as(whole.toString()).isTrue();
        assertThat(whole.checked()).isEqualTo(30);
        assertThat(whole.toSeq()).isEqualTo(30);
        ChainVerification part = await(trail.verify(10, 20));
        assertThat(part.ok()).isTrue();
        assertThat(part.checked()).isEqualTo(11);
        assertThat(await(trail.verify(25, 1000)).checked()).isEqualTo(6);
    }

    @Test
    void changingAnEntrysStoredBytesIsReportedAtThatSeq() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-1");
        appendSample(trail);
        // An attacker with database access edits entry 4: the actor becomes someone else.
        StoredRecord row = await(store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, 4))).orElseThrow();
        Stored s = Stored.decode(row.value());
        Stored forged = new Stored(s.seq(), s.prevHash(), s.hash(),
                s.eventText().replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"mallory\""));
        assertThat(forged.eventText()).isNotEqualTo(s.eventText());
        assertThat(await(store.replaceIfVersion(AuditSchema.ENTRY, row.key(), row.version(), forged.encode(), null))
                .applied()).isTrue();

        ChainVerification v = await(trail.verify());
        assertThat(v.ok()).isFalse();
        assertThat(v.failure().orElseThrow().seq()).isEqualTo(4);
        assertThat(v.failure().orElseThrow().reason()).isEqualTo(Reason.HASH_MISMATCH);
        assertThat(v.checked()).isEqualTo(3);
        assertThat(await(trail.verify(1, 3)).ok()).isTrue();
        assertThat(await(trail.verify(5, 30)).ok()).isTrue(); // entry 4's stored hash still links to 5
    }

    @Test
    void aRehashedForgeryBreaksTheNextLinkAndTheHead() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-1");
        appendSample(trail);
        forgeAndRehash(chain, 7);
        ChainVerification v = await(trail.verify());
        assertThat(v.failure().orElseThrow().reason()).isEqualTo(Reason.PREV_HASH_MISMATCH);
        assertThat(v.failure().orElseThrow().seq()).isEqualTo(8);
        assertThat(v.failure().orElseThrow().detail()).contains("entry 7");

        String other = freshChain();
        AuditTrail second = trail(other, "node-1");
        appendSample(second);
        forgeAndRehash(other, 30); // the last entry: no later link, but the head remembers its hash
        ChainVerification last = await(second.verify());
        assertThat(last.failure().orElseThrow().reason()).isEqualTo(Reason.HEAD_MISMATCH);
        assertThat(last.failure().orElseThrow().seq()).isEqualTo(30);
    }

    private void forgeAndRehash(String chain, long seq) throws Exception {
        StoredRecord row = await(store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, seq))).orElseThrow();
        Stored s = Stored.decode(row.value());
        String text = s.eventText().replace("\"SUCCESS\"", "\"DENIED\"").replace("\"FAILED\"", "\"SUCCESS\"");
        assertThat(text).isNotEqualTo(s.eventText());
        Stored forged = Stored.create(seq, s.prevHash(), text);
        assertThat(await(store.replaceIfVersion(AuditSchema.ENTRY, row.key(), row.version(), forged.encode(), null))
                .applied()).isTrue();
    }

    @Test
    void deletingAnEntryIsReportedAsAGap() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-1");
        appendSample(trail);
        delete(chain, 12);
        ChainVerification v = await(trail.verify());
        assertThat(v.failure().orElseThrow().reason()).isEqualTo(Reason.GAP);
        assertThat(v.failure().orElseThrow().seq()).isEqualTo(12);
        assertThat(v.checked()).isEqualTo(11);
        // verifying from just after it needs entry 12's hash: reported too
        ChainVerification after = await(trail.verify(13, 30));
        assertThat(after.failure().orElseThrow().reason()).isEqualTo(Reason.GAP);
        assertThat(after.failure().orElseThrow().seq()).isEqualTo(12);

        delete(chain, 30);
        ChainVerification tail = await(trail.verify(20, 30));
        assertThat(tail.failure().orElseThrow()).extracting(ChainVerification.Failure::seq, ChainVerification.Failure::reason)
                .containsExactly(30L, Reason.GAP);
    }

    private void delete(String chain, long seq) throws Exception {
        StoredRecord row = await(store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, seq))).orElseThrow();
        assertThat(await(store.deleteIfVersion(AuditSchema.ENTRY, row.key(), row.version())).applied()).isTrue();
    }

    @Test
    void bytesThatAreNotAnEntryAreReportedAsMalformed() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-1");
        appendSample(trail);
        StoredRecord row = await(store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, 3))).orElseThrow();
        await(store.replaceIfVersion(AuditSchema.ENTRY, row.key(), row.version(),
                "{\"nonsense\":".getBytes(StandardCharsets.UTF_8), null));
        ChainVerification v = await(trail.verify());
        assertThat(v.failure().orElseThrow()).extracting(ChainVerification.Failure::seq, ChainVerification.Failure::reason)
                .containsExactly(3L, Reason.MALFORMED);
    }

    @Test
    void tamperedIndexRowsAreCountedAsSuspectAndNotReturned() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-1");
        List<AuditEntry> entries = appendSample(trail);
        AuditEntry victim = entries.get(5);
        RecordKey key = AuditSchema.dayKey(chain, victim.event(), victim.seq());
        StoredRecord row = await(store.get(AuditSchema.BY_DAY, key)).orElseThrow();
        String forged = new String(row.value(), StandardCharsets.UTF_8).replace("alice", "mallory").replace("bob", "mallory");
        await(store.put(AuditSchema.BY_DAY, key, forged.getBytes(StandardCharsets.UTF_8)));

        AuditPage page = await(trail.search(AuditQuery.between(BASE, BASE.plusSeconds(3600)).withLimit(100)));
        assertThat(page.suspect()).isEqualTo(1);
        assertThat(page.entries()).hasSize(29).noneMatch(e -> e.event().actor().equals("mallory"));
        assertThat(await(trail.verify()).ok()).isTrue(); // the chain itself is intact
    }

    // ------------------------------------------------------------------ concurrency and crash window

    @Test
    void concurrentAppendsFromThreadsAndTwoNodesFormOneGapFreeChain() throws Exception {
        String chain = freshChain();
        List<AuditTrail> nodes = List.of(trail(chain, "node-a"), trail(chain, "node-b"));
        int threadsPerNode = 4;
        int perThread = 12;
        ConcurrentLinkedQueue<AuditEntry> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int n = 0; n < nodes.size(); n++) {
            AuditTrail node = nodes.get(n);
            for (int t = 0; t < threadsPerNode; t++) {
                String actor = "user-" + n + "-" + t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        List<Future<AuditEntry>> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            mine.add(node.record(AuditEvent.builder("data.read", AuditResult.SUCCESS).actor(actor)
                                    .target("study", "s-" + i).time(now)));
                        }
                        for (Future<AuditEntry> f : mine) {
                            results.add(await(f, Duration.ofMinutes(3)));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(5));
        }
        assertThat(errors).isEmpty();
        int total = nodes.size() * threadsPerNode * perThread;
        assertThat(results).hasSize(total);
        Set<Long> seqs = results.stream().map(AuditEntry::seq).collect(Collectors.toSet());
        assertThat(seqs).hasSize(total).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(results.stream().map(e -> e.event().nodeId()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("node-a", "node-b");

        ChainVerification v = await(nodes.getFirst().verify());
        assertThat(v.ok()).as(v.toString()).isTrue();
        assertThat(v.checked()).isEqualTo(total);
        assertThat(await(nodes.get(1).head()).seq()).isEqualTo(total);
        List<AuditEntry> found = all(nodes.get(1), AuditQuery.between(now, now.plusMillis(1)).withLimit(1000));
        assertThat(new HashSet<>(seqs(found))).isEqualTo(seqs);
        assertThat(all(nodes.get(1), AuditQuery.between(now, now.plusMillis(1)).withActor("user-1-2"))).hasSize(perThread);
    }

    @Test
    void anEntryLeftBehindByACrashedWriterIsCompletedByTheNextAppend() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-1");
        appendSample(trail);
        AuditTrail.Head head = await(trail.head());
        // A writer claimed seq 31 and died before writing its indexes and advancing the head.
        AuditEvent orphan = event(99, "carol", "user.create", AuditResult.SUCCESS, BASE.plusSeconds(400));
        Stored stranded = Stored.create(31, head.hash(), orphan.canonicalJson());
        assertThat(await(store.putIfAbsent(AuditSchema.ENTRY, AuditSchema.entryKey(chain, 31), stranded.encode(), null))
                .applied()).isTrue();
        assertThat(await(trail.verify()).ok()).isTrue(); // not yet part of the chain: ignored
        assertThat(await(trail.verify()).toSeq()).isEqualTo(30);

        AuditEntry next = await(trail.append(event(100, "dave", "role.grant", AuditResult.SUCCESS, BASE.plusSeconds(410))));
        assertThat(next.seq()).isEqualTo(32);
        assertThat(next.prevHash()).isEqualTo(stranded.hash());
        assertThat(await(trail.head()).seq()).isEqualTo(32);
        ChainVerification v = await(trail.verify());
        assertThat(v.ok()).as(v.toString()).isTrue();
        assertThat(v.checked()).isEqualTo(32);
        assertThat(all(trail, AuditQuery.between(BASE, BASE.plusSeconds(3600)).withActor("carol")))
                .extracting(AuditEntry::seq).containsExactly(31L);
    }

    @Test
    void recordFillsIdTimeAndNodeAndKeepsSecretsOut() throws Exception {
        String chain = freshChain();
        AuditTrail trail = trail(chain, "node-7");
        Instant before = Instant.now().minusMillis(1);
        AuditEntry e = await(trail.record(AuditEvent.builder("auth.login.failed", AuditResult.FAILED).actor("eve")
                .ip("192.0.2.9").detail(new JsonObject().put("password", "hunter2").put("reason", "bad password"))));
        assertThat(e.event().nodeId()).isEqualTo("node-7");
        assertThat(e.event().id()).isNotBlank();
        assertThat(e.event().time()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(e.event().detail().getString("password")).isEqualTo(AuditEvent.REDACTED);
        StoredRecord stored = await(store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, 1))).orElseThrow();
        assertThat(new String(stored.value(), StandardCharsets.UTF_8)).doesNotContain("hunter2");
    }

    @Test
    void theTrailOffersNoWayToChangeOrDeleteEntries() {
        Set<String> names = Arrays.stream(AuditTrail.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder("nodeId", "append", "record", "search", "get", "head", "verify", "create");
        assertThat(Optional.of(StoredAuditTrail.class.getDeclaredMethods()).stream().flatMap(Arrays::stream)
                .map(Method::getName)).noneMatch(n -> n.startsWith("update") || n.startsWith("delete") || n.startsWith("remove"));
    }
}
