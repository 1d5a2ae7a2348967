package dev.livetalk.metrics.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact percentiles over intended samples (docs/METRICS.md, "Never"), and the tolerances. */
class LatencyChecksTest {
    private static List<Long> oneTo(int n) {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= n; v++) {
            values.add(v * 1_000_000);
        }
        return values;
    }

    @Test
    void shouldReadNeverOnceMoreThanOnePercentNeverCame() {
        assertThat(LatencyChecks.valueAt(oneTo(98), 100, 990)).isEqualTo(new Reading.Never());
        assertThat(LatencyChecks.valueAt(oneTo(99), 100, 990)).isEqualTo(new Reading.Whole(99_000_000));
        assertThat(LatencyChecks.valueAt(oneTo(99), 100, 1_000)).isEqualTo(new Reading.Never());
        assertThat(LatencyChecks.valueAt(oneTo(100), 100, 1_000)).isEqualTo(new Reading.Whole(100_000_000));
    }

    @Test
    void shouldTakeTheNearestRankAtLeastOne() {
        assertThat(LatencyChecks.valueAt(oneTo(3), 3, 500)).isEqualTo(new Reading.Whole(2_000_000));
        assertThat(LatencyChecks.valueAt(oneTo(1), 1, 500)).isEqualTo(new Reading.Whole(1_000_000));
        assertThat(LatencyChecks.valueAt(oneTo(1000), 1000, 999)).isEqualTo(new Reading.Whole(999_000_000));
        assertThat(LatencyChecks.valueAt(List.of(), 0, 990)).isEqualTo(new Reading.Whole(0));
    }

    @Test
    void shouldPhaseEachSampleByItsIntendedTime() {
        List<LatencySample> samples = List.of(new LatencySample(10, 5L, 4L), new LatencySample(20, null, null),
                new LatencySample(30, 7L, 7L));
        List<Check> checks = LatencyChecks.of("echo", samples, us -> us < 15 ? "before" : us < 25 ? "during" : "after");
        assertThat(value(checks, "latency[echo/all].corrected.count")).isEqualTo(new Reading.Whole(3));
        assertThat(value(checks, "latency[echo/all].never")).isEqualTo(new Reading.Whole(1));
        assertThat(value(checks, "latency[echo/during].corrected.p50")).isEqualTo(new Reading.Never());
        assertThat(value(checks, "latency[echo/during].completedOnly.corrected.count")).isEqualTo(new Reading.Whole(0));
        assertThat(value(checks, "latency[echo/before].raw.max")).isEqualTo(new Reading.Whole(4_000));
        assertThat(value(checks, "latency[echo/all].completedOnly.corrected.max")).isEqualTo(new Reading.Whole(7_000));
    }

    @Test
    void shouldAllowTheHistogramsResolutionAndOneMicrosecondAndNoMore() {
        Reading ledger = new Reading.Whole(1_000_000);
        // ceil((1,000,000 + 1,000) / 1024) = 978, plus 1 µs
        assertThat(Tolerance.HISTOGRAM.agrees(new Reading.Whole(1_000_000 + 1_978), ledger)).isTrue();
        assertThat(Tolerance.HISTOGRAM.agrees(new Reading.Whole(1_000_000 + 1_979), ledger)).isFalse();
        assertThat(Tolerance.HISTOGRAM.agrees(new Reading.Whole(1_000_000 - 1_978), ledger)).isTrue();
        assertThat(Tolerance.HISTOGRAM.agrees(new Reading.Never(), ledger)).isFalse();
        assertThat(Tolerance.HISTOGRAM.agrees(new Reading.Never(), new Reading.Never())).isTrue();
        assertThat(Tolerance.MICROS.agrees(new Reading.Whole(2_000), new Reading.Whole(1_000))).isTrue();
        assertThat(Tolerance.MICROS.agrees(new Reading.Whole(2_001), new Reading.Whole(1_000))).isFalse();
        assertThat(Tolerance.EXACT.agrees(new Reading.Whole(2), new Reading.Whole(1))).isFalse();
        assertThat(Tolerance.FRACTION.agrees(new Reading.Fraction(0.9), new Reading.Fraction(1.0 - 0.1))).isTrue();
        assertThat(Tolerance.MICROS.agrees(new Reading.None(), new Reading.Whole(0))).isFalse();
    }

    private static Reading value(List<Check> checks, String figure) {
        return checks.stream().filter(c -> c.figure().equals(figure)).findFirst().orElseThrow().recounted();
    }

    /** A send within 1 µs and a histogram bucket of 10 ms may show either way; one beyond that shows one way. */
    @Test
    void shouldBracketTheLateSendsBetweenThoseSurelyOverTheLimitAndThoseThatMayShowOverIt() {
        long limitUs = 10_000;
        List<LatencySample> samples = List.of(new LatencySample(1, 5L, 5L), new LatencySample(2, limitUs - 11, 0L),
                new LatencySample(3, limitUs - 10, 0L), new LatencySample(4, limitUs, 0L),
                new LatencySample(5, limitUs + 1, 0L), new LatencySample(6, null, null),
                new LatencySample(7, 3 * limitUs, 0L));
        Check check = FigureTable.lateSends(LatencyTally.of(samples, us -> "during"));
        assertThat(check.recounted()).isEqualTo(new Reading.Span(3, 5));
        assertThat(check.tolerance().agrees(new Reading.Whole(3), check.recounted())).isTrue();
        assertThat(check.tolerance().agrees(new Reading.Whole(5), check.recounted())).isTrue();
        assertThat(check.tolerance().agrees(new Reading.Whole(2), check.recounted())).isFalse();
        assertThat(check.tolerance().agrees(new Reading.Whole(6), check.recounted())).isFalse();
    }
}
