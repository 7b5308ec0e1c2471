package org.telecare.bench.storage;

import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, one row per (backend, operation). */
final class ResultTable {
    static final String HEADER = """
            | backend | operation | in flight | ops | errors | ops/s | MiB/s | p50 ms | p99 ms | max ms |
            |---|---|--:|--:|--:|--:|--:|--:|--:|--:|
            """;

    private ResultTable() {
    }

    static String markdown(List<PhaseResult> results) {
        StringBuilder out = new StringBuilder(HEADER);
        for (PhaseResult r : results) {
            out.append("| ").append(r.backend())
                    .append(" | ").append(r.operation())
                    .append(" | ").append(r.concurrency())
                    .append(" | ").append(r.succeeded())
                    .append(" | ").append(r.failed())
                    .append(" | ").append(rate(r.opsPerSecond()))
                    .append(" | ").append(Double.isNaN(r.mibPerSecond()) ? "–" : fixed(r.mibPerSecond(), 1))
                    .append(" | ").append(millis(r.p50Millis()))
                    .append(" | ").append(millis(r.p99Millis()))
                    .append(" | ").append(millis(r.maxMillis()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Whole numbers from 100 up, one decimal below. */
    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : fixed(perSecond, 1);
    }

    /** Two decimals below 10 ms, one below 100 ms, whole milliseconds above. */
    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        if (ms < 10) {
            return fixed(ms, 2);
        }
        if (ms < 100) {
            return fixed(ms, 1);
        }
        return String.format(Locale.ROOT, "%,.0f", ms);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
