package org.telecare.audit;

import org.telecare.storage.RecordKey;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.TableSpec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The audit tables (module {@value #MODULE}). Every partition key starts with the chain name
 * ({@value #MAIN_CHAIN} in production), so independent chains can share the tables.
 *
 * <table>
 *   <caption>tables</caption>
 *   <tr><th>table</th><th>kind</th><th>partition</th><th>clustering</th><th>value</th></tr>
 *   <tr><td>{@code audit_head}</td><td>CAS</td><td>{@code <chain>}</td><td>{@code ""}</td>
 *       <td>{@code {"seq","hash"}}: last completed entry</td></tr>
 *   <tr><td>{@code audit_entry}</td><td>CAS (putIfAbsent only)</td><td>{@code <chain>|<seq / 10000>}</td>
 *       <td>seq, 19 digits</td><td>the entry</td></tr>
 *   <tr><td>{@code audit_by_day}</td><td>plain</td><td>{@code <chain>|yyyy-MM-dd} (UTC)</td>
 *       <td>{@code <time>|<seq>}</td><td>copy of the entry</td></tr>
 *   <tr><td>{@code audit_by_actor}</td><td>plain</td><td>{@code <chain>|yyyy-MM|<actor>} (UTC)</td>
 *       <td>{@code <time>|<seq>}</td><td>copy of the entry</td></tr>
 * </table>
 */
public final class AuditSchema {
    public static final String MODULE = "audit";
    public static final String MAIN_CHAIN = "main";
    /** Entries per {@code audit_entry} partition. */
    public static final long BLOCK = 10_000;

    public static final TableSpec HEAD = TableSpec.withCompareAndSet("audit_head");
    public static final TableSpec ENTRY = TableSpec.withCompareAndSet("audit_entry");
    public static final TableSpec BY_DAY = TableSpec.plain("audit_by_day");
    public static final TableSpec BY_ACTOR = TableSpec.plain("audit_by_actor");

    private static final Pattern CHAIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private AuditSchema() {
    }

    /** The audit module's schema steps; apply them with {@code StorageBackend.migrate} (or return them from the module). */
    public static List<SchemaMigration> migrations() {
        return List.of(new SchemaMigration(MODULE, 1, "audit chain head, entries, day and actor indexes",
                List.of(HEAD, ENTRY, BY_DAY, BY_ACTOR)));
    }

    static String checkChain(String chain) {
        if (chain == null || !CHAIN.matcher(chain).matches()) {
            throw new IllegalArgumentException("chain name must match " + CHAIN.pattern() + ", got: " + chain);
        }
        return chain;
    }

    static RecordKey headKey(String chain) {
        return RecordKey.of(chain, "");
    }

    static String entryPartition(String chain, long block) {
        return chain + "|" + block;
    }

    static String seqText(long seq) {
        return String.format("%019d", seq);
    }

    static RecordKey entryKey(String chain, long seq) {
        return RecordKey.of(entryPartition(chain, seq / BLOCK), seqText(seq));
    }

    static String indexClustering(String timeText, long seq) {
        return timeText + "|" + seqText(seq);
    }

    static String dayBucket(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC).toString();
    }

    static String monthBucket(Instant time) {
        return YearMonth.from(time.atZone(ZoneOffset.UTC)).toString();
    }

    static String dayPartition(String chain, String day) {
        return chain + "|" + day;
    }

    static String actorPartition(String chain, String month, String actor) {
        return chain + "|" + month + "|" + actor;
    }

    static RecordKey dayKey(String chain, AuditEvent e, long seq) {
        return RecordKey.of(dayPartition(chain, dayBucket(e.time())), indexClustering(e.timeText(), seq));
    }

    static RecordKey actorKey(String chain, AuditEvent e, long seq) {
        return RecordKey.of(actorPartition(chain, monthBucket(e.time()), e.actor()), indexClustering(e.timeText(), seq));
    }
}
