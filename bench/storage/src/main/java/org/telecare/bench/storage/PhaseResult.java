package org.telecare.bench.storage;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.Objects;

/**
 * One measured phase: how many operations succeeded and failed, how long the phase took from
 * the first issue to the last completion, and the latency of every successful operation.
 *
 * @param backend     the backend line, e.g. {@code embedded (fsync on)}
 * @param operation   what was measured, e.g. {@code record put (1 KiB)}
 * @param concurrency operations kept in flight
 * @param succeeded   operations that completed successfully (and, where checked, correctly)
 * @param failed      operations that failed or returned a wrong answer
 * @param elapsedNanos wall time of the whole phase
 * @param bytesPerOp  payload bytes moved per operation, for MiB/s; 0 when not meaningful
 * @param latencyMicros latencies of the successful operations, in microseconds
 * @param failures    failure descriptions and how often each occurred
 */
public record PhaseResult(String backend, String operation, int concurrency, long succeeded, long failed,
                          long elapsedNanos, long bytesPerOp, Histogram latencyMicros,
                          Map<String, Long> failures) {

    public PhaseResult {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        failures = Map.copyOf(failures);
    }

    /** Successful operations per second over the whole phase. */
    public double opsPerSecond() {
        return elapsedNanos <= 0 ? 0 : succeeded * 1e9 / elapsedNanos;
    }

    /** Payload throughput of the successful operations, in MiB (2^20 bytes) per second; NaN if not meaningful. */
    public double mibPerSecond() {
        if (bytesPerOp <= 0) {
            return Double.NaN;
        }
        return opsPerSecond() * bytesPerOp / (1024.0 * 1024.0);
    }

    public double p50Millis() {
        return percentileMillis(50);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    public double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    public double percentileMillis(double percentile) {
        if (latencyMicros.getTotalCount() == 0) {
            return Double.NaN;
        }
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }
}
