package org.telecare.accounts.partner;

import java.time.Duration;

/**
 * Tunables of partner request checking.
 *
 * @param timestampWindow how far a request's timestamp may lie from the server clock, either way
 *                        (SEC-5: at most 30 minutes)
 * @param maxBodyBytes    largest request body buffered (and signed); larger bodies are refused with 413
 * @param auditSuccess    whether accepted requests are audited too ({@code partner.request}); off by
 *                        default because of the volume, refusals are always audited
 */
public record PartnerSettings(Duration timestampWindow, long maxBodyBytes, boolean auditSuccess) {
    public static final Duration MAX_WINDOW = Duration.ofMinutes(30);

    public PartnerSettings {
        if (timestampWindow == null || timestampWindow.isNegative() || timestampWindow.isZero()
                || timestampWindow.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("the timestamp window must be positive and at most 30 minutes (SEC-5)");
        }
        if (maxBodyBytes < 0 || maxBodyBytes > 16L * 1024 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be 0..16 MiB");
        }
    }

    /** ±30 minutes, 256 KiB bodies, refusals audited. */
    public static PartnerSettings defaults() {
        return new PartnerSettings(MAX_WINDOW, 256 * 1024, false);
    }
}
