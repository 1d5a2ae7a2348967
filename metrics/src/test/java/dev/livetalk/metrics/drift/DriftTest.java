package dev.livetalk.metrics.drift;

import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.latency.Phases;
import dev.livetalk.scenarios.budget.Metric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The drift block of synthetic runs: latency recorded second by second into a report with 1 s intervals. */
public class DriftTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /**
     * A report of {@code minutes} minutes after a warm-up that ends at trace time {@code origin}:
     * each second, 20 sends whose peer-final and scheduling-lag latency is {@code latency} of the
     * second (since the end of the warm-up), and 10 echoes of 1 ms.
     */
    public static LatencyReport report(long origin, int minutes, LongUnaryOperator latency) {
        LatencyReport report = new LatencyReport(new Phases(List.of()), origin, SECOND);
        for (long second = 0; second < minutes * 60L; second++) {
            for (int i = 0; i < 20; i++) {
                long intended = origin + second * SECOND + i * (SECOND / 40);
                long l = latency.applyAsLong(second);
                report.record(Metric.PEER_FINAL, intended, intended, intended + l);
                report.record(Metric.SCHEDULING_LAG, intended, intended, intended + l / 10);
                if (i < 10) {
                    report.record(Metric.ECHO, intended, intended, intended + MS);
                }
            }
        }
        return report;
    }

    @Test
    void shouldMarkALatencyThatRisesLinearly() {
        Random noise = new Random(11);
        // 10 ms, rising 4 ms a minute, with +-1 ms of noise: 46 ms in minute 10
        LatencyReport rising = report(5 * SECOND, 10, s -> 10 * MS + s * 4 * MS / 60 + (long) (noise.nextDouble() * 2 * MS) - MS);

        Drift drift = Drift.of(rising, List.of(), Duration.ofMinutes(10));

        assertThat(drift).isNotNull();
        assertThat(drift.minutes()).hasSize(10).extracting(DriftMinute::minute)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(drift.minutes().get(3).start()).isEqualTo(180 * SECOND);
        assertThat(drift.minutes()).allSatisfy(m -> assertThat(m.latency("peer-final").count()).isEqualTo(1200));
        DriftTrend peerFinal = drift.trend("peer-final");
        assertThat(peerFinal.points()).isEqualTo(10);
        assertThat(peerFinal.slopeNanosPerMinute()).isCloseTo(4.0 * MS, within(0.3 * MS));
        assertThat(peerFinal.pValue()).isLessThan(0.001);
        assertThat(peerFinal.mannKendallS()).isEqualTo(45);
        assertThat(peerFinal.changePercent()).isGreaterThan(200);
        assertThat(peerFinal.marked()).isTrue();
        // scheduling lag rises from 1.4 to 5 ms: marked too
        assertThat(drift.trend("scheduling-lag").marked()).isTrue();
        // the echo is a flat 1 ms
        assertThat(drift.trend("echo").marked()).isFalse();
        assertThat(drift.trend("echo").changePercent()).isZero();
        // ack had no samples: no trend
        assertThat(drift.trend("ack").points()).isZero();
        assertThat(drift.trend("ack").slopeNanosPerMinute()).isNull();
        assertThat(drift.trend("ack").marked()).isFalse();
        assertThat(drift.marked()).extracting(DriftTrend::metric).containsExactly("peer-final", "scheduling-lag");
    }

    @Test
    void shouldNotMarkFlatNoise() {
        Random noise = new Random(23);
        // 50 ms +- 10 ms, every second drawn anew
        LatencyReport flat = report(0, 12, s -> 40 * MS + (long) (noise.nextDouble() * 20 * MS));

        Drift drift = Drift.of(flat, List.of(), Duration.ofMinutes(12));

        assertThat(drift.minutes()).hasSize(12);
        assertThat(drift.marked()).isEmpty();
        DriftTrend peerFinal = drift.trend("peer-final");
        assertThat(Math.abs(peerFinal.changePercent())).isLessThan(Drift.PRACTICAL_PERCENT);
        assertThat(Math.abs(peerFinal.slopeNanosPerMinute())).isLessThan(0.5 * MS);
    }

    @Test
    void shouldNotMarkASignificantButTinyRise() {
        // 100 ms rising 0.1 ms a minute, no noise: Mann-Kendall is sure, but 1% is no drift
        Drift drift = Drift.of(report(0, 10, s -> 100 * MS + s * MS / 600), List.of(), Duration.ofMinutes(10));
        DriftTrend peerFinal = drift.trend("peer-final");
        assertThat(peerFinal.pValue()).isLessThan(0.001);
        assertThat(peerFinal.changePercent()).isLessThan(2.0);
        assertThat(peerFinal.marked()).isFalse();
    }

    @Test
    void shouldNotMarkARiseWhoseLastMinuteIsBelowTheFirst() {
        // a warm-up minute of 50 ms (JIT, connections), then 5 ms rising 1 ms a minute to 13 ms in
        // minute 9: Mann-Kendall sees a steady rise (S = 36 - 9 = 27 of 45), the first to last minute fell
        // by 74%; neither alone is a drift, and "rose from 50 ms to 13 ms" is no sentence
        Drift drift = Drift.of(report(0, 10, s -> s < 60 ? 50 * MS : (4 + s / 60) * MS), List.of(),
                Duration.ofMinutes(10));
        DriftTrend peerFinal = drift.trend("peer-final");
        assertThat(peerFinal.pValue()).isLessThan(Drift.ALPHA);
        assertThat(peerFinal.mannKendallS()).isPositive();
        assertThat(peerFinal.changePercent()).isLessThan(-Drift.PRACTICAL_PERCENT);
        assertThat(peerFinal.marked()).isFalse();
    }

    @Test
    void shouldMarkAFallThatIsSteady() {
        // 40 ms falling 3 ms a minute to 13 ms in minute 9: a steady fall is marked as a rise is
        Drift drift = Drift.of(report(0, 10, s -> (40 - 3 * (s / 60)) * MS), List.of(), Duration.ofMinutes(10));
        DriftTrend peerFinal = drift.trend("peer-final");
        assertThat(peerFinal.mannKendallS()).isEqualTo(-45);
        assertThat(peerFinal.changePercent()).isLessThan(-Drift.PRACTICAL_PERCENT);
        assertThat(peerFinal.marked()).isTrue();
    }

    @Test
    void shouldMarkAStepUpWhoseTheilSenSlopeIsZero() {
        // 10 ms for 8 minutes, then 20 ms for 4: 34 of the 66 pairwise slopes are 0, so the median
        // is 0, while Mann-Kendall finds the rise (S = 32); the report must say it rose (DriftReportTest)
        Drift drift = Drift.of(report(0, 12, s -> s < 480 ? 10 * MS : 20 * MS), List.of(), Duration.ofMinutes(12));
        DriftTrend peerFinal = drift.trend("peer-final");
        assertThat(peerFinal.slopeNanosPerMinute()).isZero();
        assertThat(peerFinal.mannKendallS()).isEqualTo(32);
        assertThat(peerFinal.pValue()).isLessThan(Drift.ALPHA);
        assertThat(peerFinal.marked()).isTrue();
    }

    @Test
    void shouldCountOnlyFullMinutesOfTheLoadAndNeedThree() {
        LatencyReport report = report(0, 4, s -> 10 * MS);
        assertThat(Drift.of(report, List.of(), Duration.ofSeconds(179))).isNull();
        assertThat(Drift.of(report, List.of(), Duration.ofSeconds(180)).minutes()).hasSize(3);
        // 3 min 59 s: the last 59 s are no full minute
        assertThat(Drift.of(report, List.of(), Duration.ofSeconds(239)).minutes()).hasSize(3);
        assertThat(Drift.fullMinutes(Duration.ofMinutes(60))).isEqualTo(60);
    }

    @Test
    void shouldCountNeverAndCorrectnessPerMinute() {
        LatencyReport report = report(0, 3, s -> 10 * MS);
        report.recordNever(Metric.PEER_FINAL, 65 * SECOND);
        report.recordNever(Metric.PEER_FINAL, 119 * SECOND);
        report.recordNever(Metric.PEER_FINAL, 150 * SECOND);
        List<CorrectnessInterval> overTime = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            // minute 1 shows 2 missing in 30 of its seconds, and one sample of 7 pending
            long missing = s >= 60 && s < 90 ? 2 : 0;
            long pending = s == 100 ? 7 : 0;
            overTime.add(new CorrectnessInterval(s * SECOND, SECOND, s == 150 ? 1 : 0, pending, missing));
        }

        Drift drift = Drift.of(report, overTime, Duration.ofMinutes(3));

        assertThat(drift.minutes()).extracting(m -> m.latency("peer-final").never()).containsExactly(0L, 2L, 1L);
        MinuteCorrectness second = drift.minutes().get(1).correctness();
        assertThat(second.samples()).isEqualTo(60);
        assertThat(second.missingMean()).isEqualTo(1.0);
        assertThat(second.missingMax()).isEqualTo(2);
        assertThat(second.pendingMax()).isEqualTo(7);
        assertThat(second.pendingMean()).isCloseTo(7 / 60.0, within(1e-12));
        assertThat(drift.minutes().get(2).correctness().inversionsMax()).isEqualTo(1);
        assertThat(drift.minutes().get(0).correctness()).isEqualTo(new MinuteCorrectness(60, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldTakeItsFiguresFromTheIntervalHistogramsOfTheHlog() {
        LatencyReport report = report(0, 3, s -> s < 60 ? 10 * MS : 20 * MS);
        Drift drift = Drift.of(report, List.of(), Duration.ofMinutes(3));
        MinuteLatency first = drift.minutes().get(0).latency("peer-final");
        MinuteLatency second = drift.minutes().get(1).latency("peer-final");
        // HdrHistogram's highest equivalent value of 10 ms at 3 digits
        assertThat(first.p99()).isEqualTo(first.max()).isBetween(10 * MS, 10_010_000L);
        assertThat(second.p50()).isBetween(20 * MS, 20_020_000L);
        assertThat(drift.trend("peer-final").changePercent()).isCloseTo(100.0, within(0.2));
    }
}
