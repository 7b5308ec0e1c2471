package org.telecare.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link AuditTrail} behaves.
 *
 * @param nodeId      this node's id, stamped on events recorded through {@link AuditTrail#record}
 * @param chain       which chain (partition prefix) to write; {@value AuditSchema#MAIN_CHAIN} in production
 * @param exporter    forwarding of appended events to syslog, if configured
 * @param maxAttempts how often one append tries to claim the next seq before it gives up
 * @param maxPending  appends queued on this instance before further ones fail at once
 */
public record AuditTrailOptions(String nodeId, String chain, Optional<SyslogExporter> exporter,
                                int maxAttempts, int maxPending) {
    public AuditTrailOptions {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
        AuditSchema.checkChain(chain);
        Objects.requireNonNull(exporter, "exporter");
        if (maxAttempts < 1 || maxPending < 1) {
            throw new IllegalArgumentException("maxAttempts and maxPending must be positive");
        }
    }

    public static AuditTrailOptions of(String nodeId) {
        return new AuditTrailOptions(nodeId, AuditSchema.MAIN_CHAIN, Optional.empty(), 64, 10_000);
    }

    public AuditTrailOptions withChain(String value) {
        return new AuditTrailOptions(nodeId, value, exporter, maxAttempts, maxPending);
    }

    /** {@code null} for none. */
    public AuditTrailOptions withExporter(SyslogExporter value) {
        return new AuditTrailOptions(nodeId, chain, Optional.ofNullable(value), maxAttempts, maxPending);
    }

    public AuditTrailOptions withMaxAttempts(int value) {
        return new AuditTrailOptions(nodeId, chain, exporter, value, maxPending);
    }

    public AuditTrailOptions withMaxPending(int value) {
        return new AuditTrailOptions(nodeId, chain, exporter, maxAttempts, value);
    }
}
