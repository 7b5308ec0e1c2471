package org.telecare.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.audit.ChainCodec.ChainHead;
import org.telecare.audit.ChainCodec.Stored;
import org.telecare.audit.ChainVerification.Failure;
import org.telecare.audit.ChainVerification.Reason;
import org.telecare.storage.RangeQuery;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageUnavailableException;
import org.telecare.storage.StoredRecord;
import org.telecare.storage.TableSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The {@link AuditTrail} over a {@link RecordStore}.
 *
 * <h2>Appending</h2>
 * The head record ({@code audit_head}) names the last completed entry (seq and hash). An append:
 * <ol>
 *   <li>reads the head {@code h} and claims seq {@code h.seq + 1} with {@code putIfAbsent} in
 *       {@code audit_entry}, chaining to {@code h.hash}. Only one writer in the cluster can win a seq;</li>
 *   <li>the winner writes the two index rows (idempotent plain puts), then advances the head from
 *       {@code h} to its entry with {@code replaceIfVersion};</li>
 *   <li>a loser waits a few jittered milliseconds and reads the head again. If the head still stands
 *       just before the entry it lost to, that entry's writer is slow or died between steps 1 and 2:
 *       the loser completes step 2 for it (indexes, then head) and carries on.</li>
 * </ol>
 * So entries exist for exactly {@code 1..head.seq} and at most one more (in flight); the head only
 * moves past an entry once its indexes are written; nothing is ever overwritten. Appends on one
 * instance are queued and run one at a time, so contention arises only between nodes.
 */
final class StoredAuditTrail implements AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(StoredAuditTrail.class);
    /** Entries per range read while verifying. */
    private static final int VERIFY_CHUNK = 500;
    /** Index rows per range read while searching. */
    private static final int SEARCH_CHUNK = 200;
    /** One search reads at most this many index rows … */
    static final int SEARCH_MAX_ROWS = 5_000;
    /** … and at most this many range reads, then answers with a cursor. */
    static final int SEARCH_MAX_READS = 100;
    private static final int HEAD_ADVANCE_TRIES = 5;

    private final Vertx vertx;
    private final RecordStore store;
    private final AuditTrailOptions options;
    private final String chain;

    private final Deque<Pending> queue = new ArrayDeque<>(); // guarded by this
    private boolean running; // guarded by this
    /**
     * The head as this instance last wrote it, so that the next append can claim the following
     * seq without reading the head first. Stale when another node appended meanwhile: then the
     * claim loses and the append falls back to reading the head.
     */
    private volatile ChainHead lastWritten;

    private record Pending(AuditEvent event, Promise<AuditEntry> promise, Context caller) {
    }

    /** The entry that won a seq we tried to claim, and the hash the next entry must chain to. */
    private record Lost(long seq, String hash, Stored stored) {
    }

    StoredAuditTrail(Vertx vertx, RecordStore store, AuditTrailOptions options) {
        this.vertx = vertx;
        this.store = store;
        this.options = options;
        this.chain = options.chain();
    }

    @Override
    public String nodeId() {
        return options.nodeId();
    }

    // ---------------------------------------------------------------- append

    @Override
    public Future<AuditEntry> append(AuditEvent event) {
        if (event == null) {
            return Future.failedFuture(new NullPointerException("event"));
        }
        Promise<AuditEntry> promise = Promise.promise();
        synchronized (this) {
            if (queue.size() >= options.maxPending()) {
                return Future.failedFuture(new StorageUnavailableException("the audit trail has "
                        + queue.size() + " appends waiting for storage; refusing more until they complete"));
            }
            queue.add(new Pending(event, promise, Vertx.currentContext()));
            if (running) {
                return promise.future();
            }
            running = true;
        }
        next();
        return promise.future();
    }

    private void next() {
        Pending p;
        synchronized (this) {
            p = queue.poll();
            if (p == null) {
                running = false;
                return;
            }
        }
        Future<AuditEntry> done;
        try {
            done = attempt(p.event(), p.event().canonicalJson(), 1, null, true);
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        done.onComplete(ar -> {
            if (ar.succeeded()) {
                export(ar.result());
            } else {
                LOG.error("audit event {} {} by {} could not be appended", p.event().id(), p.event().action(),
                        p.event().actor(), ar.cause());
            }
            if (p.caller() != null) {
                p.caller().runOnContext(v -> p.promise().handle(ar));
            } else {
                p.promise().handle(ar);
            }
            // Through the context, so that a long queue of instant failures cannot grow the stack.
            vertx.runOnContext(v -> next());
        });
    }

    private void export(AuditEntry entry) {
        options.exporter().ifPresent(exporter -> {
            try {
                exporter.offer(entry);
            } catch (RuntimeException e) {
                LOG.warn("syslog export of audit seq {} failed", entry.seq(), e);
            }
        });
    }

    private void exportCompleted(Stored stored) {
        try {
            export(stored.entry());
        } catch (IllegalArgumentException e) {
            // not an event: nothing to export (verification reports it)
        }
    }

    private Future<AuditEntry> attempt(AuditEvent event, String text, int n, Lost lost, boolean mayUseCache) {
        if (n > options.maxAttempts()) {
            return Future.failedFuture(new StorageUnavailableException("could not append to the audit chain after "
                    + options.maxAttempts() + " attempts: other nodes keep winning the next seq; try again"));
        }
        ChainHead cached = mayUseCache ? lastWritten : null;
        Future<ChainHead> current = cached != null ? Future.succeededFuture(cached) : readHead();
        return current.compose(head -> {
            long seq = head.seq() + 1;
            if (lost != null && lost.seq() == seq) {
                // The head has not moved past the entry we lost to: its writer is slow or died
                // before completing it. Complete it on its behalf, then try the following seq.
                return complete(lost.seq(), lost.hash(), lost.stored(), head).transform(ar -> {
                    if (ar.succeeded() && lost.stored() != null) {
                        exportCompleted(lost.stored()); // its writer may not have lived to export it
                    }
                    return attempt(event, text, n + 1, null, false);
                });
            }
            Stored mine = Stored.create(seq, head.hash(), text);
            return store.putIfAbsent(AuditSchema.ENTRY, AuditSchema.entryKey(chain, seq), mine.encode(), null)
                    .compose(cas -> {
                        if (cas.applied()) {
                            AuditEntry entry = new AuditEntry(seq, mine.prevHash(), mine.hash(), event);
                            // The entry is durable: the event is recorded, whatever happens next.
                            // If completing fails, the next appender (here or elsewhere) completes it.
                            return complete(seq, mine.hash(), mine, head).transform(ar -> {
                                if (ar.failed()) {
                                    LOG.warn("audit seq {} is recorded but its indexes or the chain head are not"
                                            + " yet updated; the next append completes them", seq, ar.cause());
                                }
                                return Future.succeededFuture(entry);
                            });
                        }
                        Lost to = cas.current().map(r -> lostTo(seq, r)).orElse(null);
                        lastWritten = null;
                        if (cached != null) {
                            // Only our remembered head was stale: read the real one at once.
                            return attempt(event, text, n + 1, to, false);
                        }
                        return backoff(n).compose(v -> attempt(event, text, n + 1, to, false));
                    });
        });
    }

    private Lost lostTo(long seq, StoredRecord record) {
        try {
            Stored s = Stored.decode(record.value());
            if (s.seq() == seq && s.selfConsistent()) {
                return new Lost(seq, s.hash(), s);
            }
            LOG.error("audit chain {}: the entry stored at seq {} is not consistent with itself; chaining past it"
                    + " (verification will report it)", chain, seq);
            return new Lost(seq, ChainCodec.isHash(s.hash()) ? s.hash() : sha256(record.value()), null);
        } catch (IllegalArgumentException e) {
            LOG.error("audit chain {}: the bytes stored at seq {} are not an entry; chaining past them"
                    + " (verification will report it)", chain, seq);
            return new Lost(seq, sha256(record.value()), null);
        }
    }

    private Future<Void> backoff(int attempt) {
        long bound = 1L << Math.min(attempt + 1, 6); // 4, 8, … 64 ms
        return vertx.timer(ThreadLocalRandom.current().nextLong(1, bound + 1), TimeUnit.MILLISECONDS);
    }

    /** Writes the indexes of the entry at {@code seq}, then moves the head from {@code head} to it. */
    private Future<Void> complete(long seq, String hash, Stored stored, ChainHead head) {
        Future<?> indexes = Future.succeededFuture();
        if (stored != null) {
            AuditEvent event;
            try {
                event = AuditEvent.fromJson(stored.eventText());
            } catch (IllegalArgumentException e) {
                event = null;
                LOG.error("audit chain {}: the event at seq {} cannot be parsed; not indexed", chain, seq);
            }
            if (event != null) {
                byte[] value = stored.encode();
                indexes = Future.all(
                        store.put(AuditSchema.BY_DAY, AuditSchema.dayKey(chain, event, seq), value),
                        store.put(AuditSchema.BY_ACTOR, AuditSchema.actorKey(chain, event, seq), value));
            }
        }
        return indexes.compose(v -> advanceHead(head, seq, hash, 1));
    }

    private Future<Void> advanceHead(ChainHead from, long seq, String hash, int tries) {
        return store.replaceIfVersion(AuditSchema.HEAD, AuditSchema.headKey(chain), from.version(),
                ChainHead.encode(seq, hash), null).compose(cas -> {
                    if (cas.applied()) {
                        lastWritten = cas.current().map(r -> new ChainHead(seq, hash, r.version())).orElse(null);
                        return Future.succeededFuture();
                    }
                    lastWritten = null;
                    Optional<ChainHead> now = cas.current().map(r -> ChainHead.decode(r.value(), r.version()));
                    if (now.isEmpty()) {
                        return Future.failedFuture(new IllegalStateException("the audit chain head of " + chain
                                + " has disappeared"));
                    }
                    if (now.get().seq() >= seq) {
                        return Future.succeededFuture(); // completed by another node meanwhile
                    }
                    if (now.get().seq() == seq - 1 && tries < HEAD_ADVANCE_TRIES) {
                        return advanceHead(now.get(), seq, hash, tries + 1);
                    }
                    return Future.failedFuture(new IllegalStateException("the audit chain head of " + chain
                            + " stands at " + now.get().seq() + ", cannot advance it to " + seq));
                });
    }

    /** The head, created (seq 0, genesis hash) if the chain is new. */
    private Future<ChainHead> readHead() {
        RecordKey key = AuditSchema.headKey(chain);
        return store.get(AuditSchema.HEAD, key).compose(found -> {
            if (found.isPresent()) {
                return Future.succeededFuture(ChainHead.decode(found.get().value(), found.get().version()));
            }
            return store.putIfAbsent(AuditSchema.HEAD, key, ChainHead.encode(0, ChainCodec.GENESIS_HASH), null)
                    .compose(cas -> cas.current()
                            .map(r -> Future.succeededFuture(ChainHead.decode(r.value(), r.version())))
                            .orElseGet(() -> Future.failedFuture(new IllegalStateException(
                                    "the audit chain head of " + chain + " could not be created"))));
        });
    }

    private Future<Optional<ChainHead>> existingHead() {
        return store.get(AuditSchema.HEAD, AuditSchema.headKey(chain))
                .map(found -> found.map(r -> ChainHead.decode(r.value(), r.version())));
    }

    @Override
    public Future<AuditTrail.Head> head() {
        return existingHead().map(h -> h.orElse(ChainHead.genesis()))
                .map(h -> new AuditTrail.Head(h.seq(), h.hash()));
    }

    @Override
    public Future<Optional<AuditEntry>> get(long seq) {
        if (seq < 1) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, seq))
                .map(found -> found.map(r -> Stored.decode(r.value()).entry()));
    }

    // ---------------------------------------------------------------- verify

    @Override
    public Future<ChainVerification> verify(long fromSeq, long toSeq) {
        if (fromSeq < 1 || toSeq < fromSeq - 1) {
            return Future.failedFuture(new IllegalArgumentException("verify needs 1 <= fromSeq <= toSeq + 1, got "
                    + fromSeq + ".." + toSeq));
        }
        return existingHead().compose(headOpt -> {
            long headSeq = headOpt.map(ChainHead::seq).orElse(0L);
            long end = Math.min(toSeq, headSeq);
            if (end < fromSeq) {
                return Future.succeededFuture(new ChainVerification(fromSeq, fromSeq - 1, 0, headSeq, Optional.empty()));
            }
            Verifier v = new Verifier(fromSeq, end, headOpt.orElseThrow());
            if (fromSeq == 1) {
                return v.walk(fromSeq, ChainCodec.GENESIS_HASH);
            }
            long before = fromSeq - 1;
            return store.get(AuditSchema.ENTRY, AuditSchema.entryKey(chain, before)).compose(found -> {
                if (found.isEmpty()) {
                    return Future.succeededFuture(v.fail(before, Reason.GAP,
                            "the entry before the range, " + before + ", is missing"));
                }
                try {
                    return v.walk(fromSeq, Stored.decode(found.get().value()).hash());
                } catch (IllegalArgumentException e) {
                    return Future.succeededFuture(v.fail(before, Reason.MALFORMED,
                            "the entry before the range is not an entry: " + e.getMessage()));
                }
            });
        });
    }

    private final class Verifier {
        final long from;
        final long end;
        final ChainHead head;
        long checked;

        Verifier(long from, long end, ChainHead head) {
            this.from = from;
            this.end = end;
            this.head = head;
        }

        ChainVerification fail(long seq, Reason reason, String detail) {
            return new ChainVerification(from, end, checked, head.seq(), Optional.of(new Failure(seq, reason, detail)));
        }

        /** Checks {@code next..end}; {@code prevHash} is the hash entry {@code next} must chain to. */
        Future<ChainVerification> walk(long next, String prevHash) {
            if (next > end) {
                if (end == head.seq() && !head.hash().equals(prevHash)) {
                    return Future.succeededFuture(fail(end, Reason.HEAD_MISMATCH, "the chain head names hash "
                            + head.hash() + " for seq " + end + " but the entry's hash is " + prevHash));
                }
                return Future.succeededFuture(new ChainVerification(from, end, checked, head.seq(), Optional.empty()));
            }
            long block = next / AuditSchema.BLOCK;
            long chunkEnd = Math.min(end, Math.min((block + 1) * AuditSchema.BLOCK - 1, next + VERIFY_CHUNK - 1));
            RangeQuery q = new RangeQuery(AuditSchema.entryPartition(chain, block),
                    Optional.of(AuditSchema.seqText(next)), Optional.of(AuditSchema.seqText(chunkEnd + 1)),
                    (int) (chunkEnd - next + 1), false);
            return store.range(AuditSchema.ENTRY, q).compose(rows -> {
                long expected = next;
                String prev = prevHash;
                for (StoredRecord row : rows) {
                    long at = seqOf(row.key().clustering());
                    if (at != expected) {
                        return Future.succeededFuture(fail(expected, Reason.GAP, "no entry stored at seq " + expected));
                    }
                    Stored s;
                    try {
                        s = Stored.decode(row.value());
                    } catch (IllegalArgumentException e) {
                        return Future.succeededFuture(fail(at, Reason.MALFORMED, e.getMessage()));
                    }
                    if (s.seq() != at) {
                        return Future.succeededFuture(fail(at, Reason.MALFORMED,
                                "the entry stored at seq " + at + " says it is seq " + s.seq()));
                    }
                    if (!s.selfConsistent()) {
                        return Future.succeededFuture(fail(at, Reason.HASH_MISMATCH,
                                "the stored hash is not SHA-256 of the stored prevHash and event: the entry was changed"));
                    }
                    try {
                        AuditEvent.fromJson(s.eventText());
                    } catch (IllegalArgumentException e) {
                        return Future.succeededFuture(fail(at, Reason.MALFORMED, e.getMessage()));
                    }
                    if (!s.prevHash().equals(prev)) {
                        return Future.succeededFuture(fail(at, Reason.PREV_HASH_MISMATCH, "entry " + at
                                + " chains to " + s.prevHash() + " but entry " + (at - 1) + " has hash " + prev
                                + ": one of the two was rewritten"));
                    }
                    prev = s.hash();
                    expected++;
                    checked++;
                }
                if (expected <= chunkEnd) {
                    return Future.succeededFuture(fail(expected, Reason.GAP, "no entry stored at seq " + expected));
                }
                return walk(chunkEnd + 1, prev);
            });
        }
    }

    // ---------------------------------------------------------------- search

    @Override
    public Future<AuditPage> search(AuditQuery query) {
        try {
            return new Search(query).start();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    private final class Search {
        final AuditQuery q;
        final boolean byActor;
        final TableSpec table;
        final List<String> buckets;
        final String fromKey;
        final String toKey;
        final List<AuditEntry> found = new ArrayList<>();
        int scanned;
        int reads;
        int suspect;

        Search(AuditQuery q) {
            this.q = q;
            this.byActor = q.actor().isPresent();
            this.table = byActor ? AuditSchema.BY_ACTOR : AuditSchema.BY_DAY;
            this.buckets = buckets(q.from(), q.to().minusMillis(1), byActor);
            if (q.newestFirst()) {
                Collections.reverse(buckets);
            }
            this.fromKey = AuditEvent.TIME.format(q.from());
            this.toKey = AuditEvent.TIME.format(q.to());
        }

        Future<AuditPage> start() {
            if (q.cursor().isEmpty()) {
                return scan(0, null);
            }
            String[] c = decodeCursor(q.cursor().get());
            int i = buckets.indexOf(c[0]);
            if (i < 0) {
                throw new IllegalArgumentException("the cursor does not belong to this query");
            }
            return scan(i, c[1].isEmpty() ? null : c[1]);
        }

        String partition(String bucket) {
            return byActor ? AuditSchema.actorPartition(chain, bucket, q.actor().get())
                    : AuditSchema.dayPartition(chain, bucket);
        }

        Future<AuditPage> scan(int i, String after) {
            if (i >= buckets.size()) {
                return Future.succeededFuture(page(Optional.empty()));
            }
            if (reads >= SEARCH_MAX_READS || scanned >= SEARCH_MAX_ROWS) {
                return Future.succeededFuture(page(Optional.of(encodeCursor(buckets.get(i), after == null ? "" : after))));
            }
            String bucket = buckets.get(i);
            int chunk = Math.min(SEARCH_CHUNK, SEARCH_MAX_ROWS - scanned);
            Optional<String> low = Optional.of(fromKey);
            Optional<String> high = Optional.of(toKey);
            if (after != null) {
                if (q.newestFirst()) {
                    high = Optional.of(after);
                } else {
                    low = Optional.of(after + "\0");
                }
            }
            reads++;
            RangeQuery range = new RangeQuery(partition(bucket), low, high, chunk, q.newestFirst());
            return store.range(table, range).compose(rows -> {
                for (StoredRecord row : rows) {
                    scanned++;
                    AuditEntry e = check(bucket, row);
                    if (e != null && q.matches(e.event())) {
                        found.add(e);
                        if (found.size() == q.limit()) {
                            return Future.succeededFuture(page(Optional.of(encodeCursor(bucket, row.key().clustering()))));
                        }
                    }
                }
                if (rows.size() < chunk) {
                    return scan(i + 1, null);
                }
                return scan(i, rows.getLast().key().clustering());
            });
        }

        /** The entry an index row holds, or {@code null} (counted as suspect) if the row is not consistent. */
        AuditEntry check(String bucket, StoredRecord row) {
            try {
                Stored s = Stored.decode(row.value());
                if (s.selfConsistent()) {
                    AuditEntry e = s.entry();
                    AuditEvent ev = e.event();
                    boolean keyMatches = row.key().clustering().equals(AuditSchema.indexClustering(ev.timeText(), s.seq()))
                            && bucket.equals(byActor ? AuditSchema.monthBucket(ev.time()) : AuditSchema.dayBucket(ev.time()))
                            && (!byActor || q.actor().get().equals(ev.actor()));
                    if (keyMatches) {
                        return e;
                    }
                }
            } catch (IllegalArgumentException e) {
                // falls through: suspect
            }
            suspect++;
            LOG.warn("audit index row {}/{} is not consistent with itself (tampered?)", table.name(), row.key());
            return null;
        }

        AuditPage page(Optional<String> cursor) {
            return new AuditPage(found, cursor, suspect);
        }
    }

    private static List<String> buckets(Instant from, Instant lastIncluded, boolean months) {
        List<String> out = new ArrayList<>();
        if (months) {
            YearMonth m = YearMonth.from(from.atZone(ZoneOffset.UTC));
            YearMonth last = YearMonth.from(lastIncluded.atZone(ZoneOffset.UTC));
            for (; !m.isAfter(last); m = m.plusMonths(1)) {
                out.add(m.toString());
            }
        } else {
            LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(lastIncluded, ZoneOffset.UTC);
            for (; !d.isAfter(last); d = d.plusDays(1)) {
                out.add(d.toString());
            }
        }
        return out;
    }

    private static String encodeCursor(String bucket, String after) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("a1\n" + bucket + "\n" + after).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", -1);
            if (parts.length != 3 || !parts[0].equals("a1")) {
                throw new IllegalArgumentException("not a search cursor");
            }
            return new String[] {parts[1], parts[2]};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a search cursor: " + cursor, e);
        }
    }

    /** The seq a clustering key of {@code audit_entry} names; -1 for a key that is not one of ours. */
    private static long seqOf(String clustering) {
        try {
            return clustering.length() == 19 ? Long.parseLong(clustering) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
