package org.telecare.bench.storage;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The arithmetic and formatting of the results; no storage is touched. */
class PhaseResultTest {

    private static Histogram micros(long... values) {
        Histogram h = new Histogram(1, 600_000_000L, 3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void throughputCountsSuccessfulOperationsOverWallTime() {
        PhaseResult r = new PhaseResult("b", "op", 32, 2_000, 5, 2_000_000_000L, 1 << 20, micros(1_000), Map.of());
        assertThat(r.opsPerSecond()).isCloseTo(1_000.0, within(1e-9));
        assertThat(r.mibPerSecond()).isCloseTo(1_000.0, within(1e-9));
    }

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = (i + 1) * 1_000L; // 1 ms .. 100 ms
        }
        PhaseResult r = new PhaseResult("b", "op", 1, 100, 0, 1, 0, micros(values), Map.of());
        assertThat(r.p50Millis()).isCloseTo(50.0, within(0.1));
        assertThat(r.p99Millis()).isCloseTo(99.0, within(0.1));
        assertThat(r.maxMillis()).isCloseTo(100.0, within(0.1));
        assertThat(r.mibPerSecond()).isNaN();
    }

    @Test
    void anEmptyPhaseHasNoLatencies() {
        PhaseResult r = new PhaseResult("b", "op", 1, 0, 3, 1_000, 0, micros(), Map.of("boom", 3L));
        assertThat(r.opsPerSecond()).isZero();
        assertThat(r.p50Millis()).isNaN();
        assertThat(ResultTable.markdown(List.of(r))).contains("| b | op | 1 | 0 | 3 | 0.0 | – | – | – | – |");
    }

    @Test
    void tableHasOneRowPerPhase() {
        PhaseResult a = new PhaseResult("embedded", "record put (1 KiB)", 32, 20_000, 0, 4_000_000_000L, 1024,
                micros(1_500, 2_500, 12_000), Map.of());
        String table = ResultTable.markdown(List.of(a, a));
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("| embedded | record put (1 KiB) | 32 | 20000 | 0 | 5,000 | 4.9 | 2.50 | 12.0 | 12.0 |");
    }

    @Test
    void numbersAreFormattedReadably() {
        assertThat(ResultTable.rate(12_345.6)).isEqualTo("12,346");
        assertThat(ResultTable.rate(42.25)).isEqualTo("42.3");
        assertThat(ResultTable.millis(0.123)).isEqualTo("0.12");
        assertThat(ResultTable.millis(45.67)).isEqualTo("45.7");
        assertThat(ResultTable.millis(1234.4)).isEqualTo("1,234");
    }
}
