package org.telecare.collab.bridge;

/**
 * What one WebSocket may send (a malicious or broken client must not flood the cluster): the
 * largest message, messages per second with a burst, annotation changes per second, and the
 * error budget after which the connection is closed (every refused message spends one).
 */
public record BridgeLimits(int maxMessageChars, int messageBurst, double messagesPerSecond, int annotationBurst,
                           double annotationsPerSecond, int errorBurst, double errorsPerSecond, long helloTimeoutMs,
                           long pingIntervalMs) {
    public static final BridgeLimits DEFAULTS = new BridgeLimits(32 * 1024, 120, 60, 20, 5, 20, 1, 10_000, 30_000);

    public BridgeLimits {
        if (maxMessageChars < 1024 || messageBurst < 1 || messagesPerSecond <= 0 || annotationBurst < 1
                || annotationsPerSecond <= 0 || errorBurst < 1 || errorsPerSecond <= 0 || helloTimeoutMs < 100
                || pingIntervalMs < 100) {
            throw new IllegalArgumentException("collab limits must be positive (maxMessageChars >= 1024)");
        }
    }

    public BridgeLimits withRates(int burst, double perSecond) {
        return new BridgeLimits(maxMessageChars, burst, perSecond, annotationBurst, annotationsPerSecond, errorBurst,
                errorsPerSecond, helloTimeoutMs, pingIntervalMs);
    }
}
