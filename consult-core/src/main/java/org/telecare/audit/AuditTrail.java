package org.telecare.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.telecare.storage.RecordStore;
import org.telecare.storage.StorageBackend;

import java.util.Optional;

/**
 * The audit trail (SEC-8): append-only, tamper-evident, searchable. There is no way to change
 * or delete an entry through this interface, by design.
 *
 * <p>Every method returns at once; the work is asynchronous and never blocks an event loop.
 * Appends are serialised per instance and, across nodes, through a compare-and-set chain head,
 * so the chain stays linear (gap-free, one entry per seq) however many nodes write at once.
 */
public interface AuditTrail {

    /** The node id stamped on events recorded through {@link #record}. */
    String nodeId();

    /**
     * Appends the event at the end of the chain; completes with its entry once the entry is
     * durable. Then forwards it to the syslog exporter, if one is configured (never waiting for it).
     * Fails only if the store fails or the chain stays contended for too long; the caller decides
     * whether the audited action may proceed without its audit record.
     */
    Future<AuditEntry> append(AuditEvent event);

    /** Builds the event (id, time and this node's id filled in when not set) and appends it. */
    default Future<AuditEntry> record(AuditEvent.Builder event) {
        final AuditEvent built;
        try {
            if (!event.hasNode()) {
                event.node(nodeId());
            }
            built = event.build();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return append(built);
    }

    /** Searches the indexes; see {@link AuditQuery} and {@link AuditPage}. */
    Future<AuditPage> search(AuditQuery query);

    /** The entry at {@code seq}, if there is one (fails if its stored bytes are not an entry). */
    Future<Optional<AuditEntry>> get(long seq);

    /** The chain head: the last completed seq (0 for an empty chain) and its hash. */
    Future<Head> head();

    /**
     * Recomputes the chain from {@code fromSeq} to {@code toSeq} (clamped to the head), checking
     * that every seq has an entry, every hash matches its content, every entry links to the hash
     * of the one before, and the head names the last entry's hash. Reads the range in pages; an
     * HTTP route should bound the range it accepts (e.g. 100 000 entries per call).
     */
    Future<ChainVerification> verify(long fromSeq, long toSeq);

    /** The whole chain. */
    default Future<ChainVerification> verify() {
        return verify(1, Long.MAX_VALUE);
    }

    /** The chain head; {@code hash} is 64 zeros for an empty chain. */
    record Head(long seq, String hash) {
    }

    /**
     * The production trail: chain {@value AuditSchema#MAIN_CHAIN} in the backend's record store
     * (whose migrations must include {@link AuditSchema#migrations()}).
     *
     * @param exporter where to forward appended events, or {@code null} for none
     */
    static AuditTrail create(Vertx vertx, StorageBackend storage, String nodeId, SyslogExporter exporter) {
        return create(vertx, storage.records(), AuditTrailOptions.of(nodeId).withExporter(exporter));
    }

    static AuditTrail create(Vertx vertx, RecordStore store, AuditTrailOptions options) {
        return new StoredAuditTrail(vertx, store, options);
    }
}
