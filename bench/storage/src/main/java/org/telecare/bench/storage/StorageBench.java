package org.telecare.bench.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.telecare.storage.RecordKey;
import org.telecare.storage.RecordStore;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageHealth;
import org.telecare.storage.TableSpec;
import org.telecare.storage.blob.BlobId;
import org.telecare.storage.blob.BlobStore;
import org.telecare.storage.cassandra.CassandraSettings;
import org.telecare.storage.cassandra.CassandraStorage;
import org.telecare.storage.embedded.EmbeddedStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Measures both storage backends through the storage SPI, in one run, with the same data and
 * the same load: record put / get (1 KiB values), compare-and-set (putIfAbsent on fresh and on
 * taken keys), blob put / get (1 MiB). Each backend gets a warm-up of every operation first.
 *
 * <p>Run it through {@code bench/storage/run.sh}, which starts the Cassandra node. Options:
 * <pre>
 *   --backends LIST        comma-separated: embedded-fsync, embedded-nofsync, cassandra
 *                          (default: all three)
 *   --cassandra HOST:PORT  CQL contact point (required for the cassandra backend)
 *   --dc NAME              Cassandra local data centre (default dc1)
 *   --cassandra-data DIR   the Cassandra node's data directory, only to report its size
 *   --work DIR             where the embedded stores are created (default bench/storage/target/work)
 *   --out FILE             Markdown results (default bench/storage/target/results.md)
 *   --records N            records put and read (default 20000)
 *   --cas N                putIfAbsent on fresh keys (default 5000); N/2 more on taken keys
 *   --blobs N              1 MiB blobs put and read (default 200)
 *   --concurrency N        operations in flight (default 32)
 * </pre>
 */
public final class StorageBench {
    static final TableSpec RECORDS = TableSpec.plain("bench_records");
    static final TableSpec CAS = TableSpec.withCompareAndSet("bench_cas");
    static final List<SchemaMigration> MIGRATIONS = List.of(
            new SchemaMigration("bench", 1, "storage benchmark tables", List.of(RECORDS, CAS)));

    static final int VALUE_BYTES = 1024;
    static final int BLOB_BYTES = 1 << 20;
    /** Records per partition: bounded partitions, as the SPI asks of callers. */
    static final int RECORDS_PER_PARTITION = 10;
    static final String KEYSPACE = "telecare_bench";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(3);
    private static final Object OK = Boolean.TRUE;

    record Options(List<String> backends, String cassandra, String dc, Path cassandraData, Path work,
                   Path out, int records, int cas, int blobs, int concurrency) {
        static Options parse(String[] args) {
            List<String> backends = List.of("embedded-fsync", "embedded-nofsync", "cassandra");
            String cassandra = null;
            String dc = "dc1";
            Path cassandraData = null;
            Path work = Path.of("bench", "storage", "target", "work");
            Path out = Path.of("bench", "storage", "target", "results.md");
            int records = 20_000;
            int cas = 5_000;
            int blobs = 200;
            int concurrency = 32;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--backends" -> backends = List.of(v.split(","));
                    case "--cassandra" -> cassandra = v;
                    case "--dc" -> dc = v;
                    case "--cassandra-data" -> cassandraData = Path.of(v);
                    case "--work" -> work = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--records" -> records = positive(args[i], v);
                    case "--cas" -> cas = positive(args[i], v);
                    case "--blobs" -> blobs = positive(args[i], v);
                    case "--concurrency" -> concurrency = positive(args[i], v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            for (String b : backends) {
                if (!List.of("embedded-fsync", "embedded-nofsync", "cassandra").contains(b)) {
                    throw new IllegalArgumentException("unknown backend " + b);
                }
            }
            if (backends.contains("cassandra") && cassandra == null) {
                throw new IllegalArgumentException("the cassandra backend needs --cassandra HOST:PORT");
            }
            return new Options(backends, cassandra, dc, cassandraData, work.toAbsolutePath(), out.toAbsolutePath(),
                    records, cas, blobs, concurrency);
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a positive number, not " + value);
            }
        }
    }

    /** The data every backend gets: the same values, the same blobs, the same read order. */
    record Workload(byte[][] values, int[] readOrder, Buffer[] blobs, BlobId[] blobIds, int[] blobReadOrder,
                    byte[][] warmValues, Buffer[] warmBlobs) {
        static Workload generate(Options o) {
            SplittableRandom random = new SplittableRandom(20_251_122L);
            byte[][] values = randomArrays(random, o.records(), VALUE_BYTES);
            byte[][] warmValues = randomArrays(random, Math.max(1_000, o.records() / 10), VALUE_BYTES);
            Buffer[] blobs = new Buffer[o.blobs()];
            BlobId[] ids = new BlobId[o.blobs()];
            for (int i = 0; i < blobs.length; i++) {
                byte[] content = randomBytes(random, BLOB_BYTES);
                ids[i] = BlobId.of(sha256(content));
                blobs[i] = Buffer.buffer(content);
            }
            Buffer[] warmBlobs = new Buffer[Math.max(8, o.blobs() / 10)];
            for (int i = 0; i < warmBlobs.length; i++) {
                warmBlobs[i] = Buffer.buffer(randomBytes(random, BLOB_BYTES));
            }
            return new Workload(values, permutation(random, o.records()), blobs, ids,
                    permutation(random, o.blobs()), warmValues, warmBlobs);
        }
    }

    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StorageBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status = run(options);
        // The Cassandra driver and Vert.x leave non-daemon threads behind.
        System.exit(status);
    }

    static int run(Options o) throws Exception {
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        progress("generating data: %d records of %d B, %d blobs of %d B", o.records(), VALUE_BYTES, o.blobs(), BLOB_BYTES);
        Workload workload = Workload.generate(o);
        Files.createDirectories(o.work());

        List<PhaseResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("load average at start: " + loadAverage());
        PhaseResult probe = fsyncProbe(o.work());
        results.add(probe);

        CpuMeter cpu = new CpuMeter(Optional.ofNullable(o.cassandraData()).map(d -> d.resolve("cassandra.pid")));
        int cores = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx();
        int status = 0;
        try {
            for (String backend : o.backends()) {
                Optional<CpuMeter.Sample> before = cpu.sample();
                try {
                    runBackend(vertx, o, backend, workload, results, notes);
                } catch (Exception e) {
                    status = 1;
                    String why = backend + ": ABORTED: " + LoadRunner.describe(e);
                    notes.add(why);
                    progress("%s", why);
                    e.printStackTrace();
                }
                Optional<CpuMeter.Sample> after = cpu.sample();
                if (before.isPresent() && after.isPresent()) {
                    String line = backend + " (open, warm-up, phases, close): "
                            + CpuMeter.describe(before.get(), after.get(), cores);
                    notes.add(line);
                    progress("%s", line);
                }
            }
            notes.add("load average at the end: " + loadAverage());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        String report = report(o, started, results, notes);
        System.out.println(report);
        Files.createDirectories(o.out().getParent());
        Files.writeString(o.out(), report);
        progress("results written to %s", o.out());
        return status;
    }

    // ---- one backend ----

    private static void runBackend(Vertx vertx, Options o, String name, Workload w, List<PhaseResult> results,
                                   List<String> notes) throws Exception {
        String label = switch (name) {
            case "embedded-fsync" -> "embedded (fsync on)";
            case "embedded-nofsync" -> "embedded (fsync off)";
            default -> "cassandra (1 node, RF 1, LOCAL_QUORUM)";
        };
        long openStart = System.nanoTime();
        StorageBackend backend;
        Path embeddedDir = null;
        if (name.startsWith("embedded")) {
            embeddedDir = o.work().resolve(name);
            deleteTree(embeddedDir);
            backend = EmbeddedStorage.open(vertx, embeddedDir, "bench", name.equals("embedded-fsync"));
        } else {
            int colon = o.cassandra().lastIndexOf(':');
            InetSocketAddress contact = new InetSocketAddress(o.cassandra().substring(0, colon),
                    Integer.parseInt(o.cassandra().substring(colon + 1)));
            backend = CassandraStorage.open(vertx, CassandraSettings.singleNode(contact, o.dc(), KEYSPACE), "bench");
        }
        try {
            await(backend.migrate(MIGRATIONS), OPEN_TIMEOUT);
            notes.add("%s: opened and migrated in %.1f s".formatted(label, (System.nanoTime() - openStart) / 1e9));

            progress("[%s] warm-up", label);
            warmUp(vertx, o, label, backend, w);

            RecordStore records = backend.records();
            BlobStore blobs = backend.blobs();
            int n = o.records();
            int c = o.concurrency();
            List<PhaseResult> mine = new ArrayList<>();

            mine.add(phase(vertx, label, "record put (1 KiB)", n, c, VALUE_BYTES,
                    i -> records.put(RECORDS, key("p", i), w.values()[i])));

            mine.add(phase(vertx, label, "record get (1 KiB)", n, c, VALUE_BYTES, i -> {
                int j = w.readOrder()[i];
                return records.get(RECORDS, key("p", j)).map(found -> found.isEmpty()
                        ? LoadRunner.Check.wrong("record missing")
                        : Arrays.equals(found.get().value(), w.values()[j]) ? OK : LoadRunner.Check.wrong("wrong value"));
            }));

            int cas = o.cas();
            mine.add(phase(vertx, label, "putIfAbsent, fresh key", cas, c, VALUE_BYTES,
                    i -> records.putIfAbsent(CAS, key("c", i), w.values()[i % n], null).map(r -> r.applied()
                            ? OK : LoadRunner.Check.wrong("putIfAbsent on a fresh key was not applied"))));

            int taken = Math.max(1, cas / 2);
            mine.add(phase(vertx, label, "putIfAbsent, key taken", taken, c, 0,
                    i -> records.putIfAbsent(CAS, key("c", (int) ((i * 7919L) % cas)), w.values()[i % n], null)
                            .map(r -> r.applied()
                                    ? LoadRunner.Check.wrong("putIfAbsent on a taken key was applied")
                                    : r.current().isEmpty() ? LoadRunner.Check.wrong("lost, but no current record") : OK)));

            int b = o.blobs();
            mine.add(phase(vertx, label, "blob put (1 MiB)", b, c, BLOB_BYTES,
                    i -> blobs.put(w.blobs()[i]).map(info -> info.id().equals(w.blobIds()[i]) && info.size() == BLOB_BYTES
                            ? OK : LoadRunner.Check.wrong("blob put answered " + info))));

            mine.add(phase(vertx, label, "blob get (1 MiB)", b, c, BLOB_BYTES, i -> {
                int j = w.blobReadOrder()[i];
                return blobs.get(w.blobIds()[j]).map(buffer -> buffer.length() == BLOB_BYTES
                        ? OK : LoadRunner.Check.wrong("blob of " + buffer.length() + " bytes"));
            }));
            results.addAll(mine);

            StorageHealth health = backend.health();
            if (!health.ready()) {
                notes.add(label + ": health after the run: " + health);
            }
            for (PhaseResult r : mine) {
                r.failures().forEach((why, count) ->
                        notes.add("%s / %s: %d × %s".formatted(label, r.operation(), count, why)));
            }
        } finally {
            try {
                await(backend.close(), Duration.ofSeconds(60));
            } catch (Exception e) {
                notes.add(label + ": close failed: " + LoadRunner.describe(e));
            }
        }
        if (embeddedDir != null) {
            notes.add("%s: %s on disk after the run (%s)".formatted(label, mib(treeSize(embeddedDir)), embeddedDir));
        } else if (o.cassandraData() != null) {
            notes.add("%s: %s in the node's data directory after the run (data, commit log; not flushed on purpose)"
                    .formatted(label, mib(treeSize(o.cassandraData()))));
        }
    }

    /** Every operation once at the same concurrency, on keys and blobs the measured phases do not use. */
    private static void warmUp(Vertx vertx, Options o, String label, StorageBackend backend, Workload w)
            throws Exception {
        RecordStore records = backend.records();
        BlobStore blobs = backend.blobs();
        int n = w.warmValues().length;
        int c = o.concurrency();
        List<PhaseResult> warm = List.of(
                phase(vertx, label, "warm-up put", n, c, 0, i -> records.put(RECORDS, key("w", i), w.warmValues()[i])),
                phase(vertx, label, "warm-up get", n, c, 0, i -> records.get(RECORDS, key("w", (int) ((i * 7919L) % n)))),
                phase(vertx, label, "warm-up putIfAbsent", n / 2, c, 0,
                        i -> records.putIfAbsent(CAS, key("w", i), w.warmValues()[i], null)),
                phase(vertx, label, "warm-up blob put", w.warmBlobs().length, c, 0, i -> blobs.put(w.warmBlobs()[i])),
                phase(vertx, label, "warm-up blob get", w.warmBlobs().length, c, 0,
                        i -> blobs.get(BlobId.of(sha256(w.warmBlobs()[i].getBytes())))));
        for (PhaseResult r : warm) {
            if (r.failed() > 0) {
                progress("[%s] %s had %d failures: %s", label, r.operation(), r.failed(), r.failures());
            }
        }
    }

    private static PhaseResult phase(Vertx vertx, String label, String operation, int total, int concurrency,
                                     long bytesPerOp, LoadRunner.Operation op)
            throws InterruptedException, TimeoutException {
        PhaseResult r = LoadRunner.run(vertx, label, operation, total, concurrency, bytesPerOp, PHASE_TIMEOUT, op);
        progress("[%s] %-24s %6d ok %4d failed %10s ops/s  p50 %s ms  p99 %s ms  max %s ms  (%.1f s)", label,
                operation, r.succeeded(), r.failed(), ResultTable.rate(r.opsPerSecond()),
                ResultTable.millis(r.p50Millis()), ResultTable.millis(r.p99Millis()),
                ResultTable.millis(r.maxMillis()), r.elapsedSeconds());
        return r;
    }

    /** {@code RECORDS_PER_PARTITION} records per partition, so partitions stay bounded. */
    static RecordKey key(String prefix, int i) {
        return RecordKey.of(prefix + "%06d".formatted(i / RECORDS_PER_PARTITION), "r%07d".formatted(i));
    }

    // ---- the disk, for reference ----

    /**
     * What one fsync costs on this disk: 4 KiB written at the end of a file and forced
     * (fdatasync), one at a time. The embedded backend's record writes cannot be acknowledged
     * faster than its group commits can be forced.
     */
    static PhaseResult fsyncProbe(Path dir) throws IOException {
        Path file = dir.resolve("fsync-probe.bin");
        int count = 300;
        org.HdrHistogram.Histogram histogram = new org.HdrHistogram.Histogram(1, TimeUnit.MINUTES.toMicros(10), 3);
        ByteBuffer block = ByteBuffer.wrap(randomBytes(new SplittableRandom(1), 4096));
        long start;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                block.clear();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
                ch.force(false);
                histogram.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
            }
        }
        long elapsed = System.nanoTime() - start;
        Files.deleteIfExists(file);
        PhaseResult r = new PhaseResult("disk (reference)", "4 KiB append + fdatasync", 1, count, 0, elapsed,
                4096, histogram, Map.of());
        progress("[disk] fsync probe: %s syncs/s, p50 %s ms, p99 %s ms", ResultTable.rate(r.opsPerSecond()),
                ResultTable.millis(r.p50Millis()), ResultTable.millis(r.p99Millis()));
        return r;
    }

    // ---- the report ----

    static String report(Options o, String started, List<PhaseResult> results, List<String> notes) {
        Runtime rt = Runtime.getRuntime();
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        StringBuilder s = new StringBuilder();
        s.append("## Storage benchmark results\n\n");
        s.append("- started: ").append(started).append('\n');
        s.append("- machine: %d cores, %.1f GiB RAM, %s %s; Java %s (%s), max heap %s\n".formatted(
                rt.availableProcessors(), memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                mib(rt.maxMemory())));
        s.append("- load: %d records of %d B (%d per partition), %d putIfAbsent on fresh keys, %d on taken keys, %d blobs of 1 MiB; %d operations in flight, closed loop, issued from one Vert.x event loop\n"
                .formatted(o.records(), VALUE_BYTES, RECORDS_PER_PARTITION, o.cas(), Math.max(1, o.cas() / 2), o.blobs(),
                        o.concurrency()));
        s.append("- warm-up per backend: every operation once (%d records, %d blobs) on keys the measured phases do not use\n"
                .formatted(Math.max(1_000, o.records() / 10), Math.max(8, o.blobs() / 10)));
        s.append("- embedded store under ").append(o.work()).append('\n');
        if (o.cassandra() != null) {
            s.append("- cassandra: ").append(o.cassandra()).append(", data centre ").append(o.dc())
                    .append(", keyspace ").append(KEYSPACE).append('\n');
        }
        s.append('\n').append(ResultTable.markdown(results)).append('\n');
        s.append("Latency is from the call to its completion handler on the event loop; ops/s and MiB/s count successful operations over the phase's wall time.\n\n");
        s.append("Notes:\n\n");
        for (String note : notes) {
            s.append("- ").append(note).append('\n');
        }
        return s.toString();
    }

    // ---- helpers ----

    static <T> T await(Future<T> future, Duration timeout) throws Exception {
        return future.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void progress(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static byte[][] randomArrays(SplittableRandom random, int count, int size) {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = randomBytes(random, size);
        }
        return out;
    }

    private static byte[] randomBytes(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static int[] permutation(SplittableRandom random, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static long treeSize(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed meanwhile (compaction)
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
