package dev.livetalk.bench.sim;

import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SweepReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimBenchResultTest {
    private static final long DELIVERIES = 1_200_000;

    /** A round of {@link #DELIVERIES} whose simulating thread took {@code cpuMs}, wall {@code wallMs}. */
    private static SimRound round(boolean codec, long wallMs, long cpuMs) {
        return new SimRound(codec, wallMs * 1_000_000, cpuMs * 1_000_000, wallMs - cpuMs, DELIVERIES, 10);
    }

    private static SweepReport sweep(long seeds) {
        return new SweepReport("sweep", "sweep.yaml", new SeedRange(1, seeds), List.of("reconcile"),
                dev.livetalk.metrics.results.Shard.WHOLE, seeds, List.of());
    }

    @Test
    void shouldJudgeByTheMedianRoundNotTheBestOrTheMean() {
        // cpu 1000, 1100, 5000 ms: median 1100 ms = 1.09 M/s; the best alone would say 1.2 M/s
        List<SimRound> codec = List.of(round(true, 1500, 1000), round(true, 6000, 5000), round(true, 1900, 1100));
        List<SimRound> plain = List.of(round(false, 700, 600), round(false, 600, 600), round(false, 700, 700));
        SimBenchResult result = new SimBenchResult(null, codec, plain, sweep(1000), 9_000_000_000L, 2);

        assertThat(result.deliveriesPerCpuSecond()).isEqualTo(DELIVERIES / 1.1, org.assertj.core.data.Offset.offset(1.0));
        assertThat(result.scaleSeconds()).isEqualTo(1.9);
        assertThat(result.codecRatio()).isEqualTo(600 / 1100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.targetsMet()).isTrue();
    }

    @Test
    void shouldMissATargetByAnyOfItsThreeFigures() {
        List<SimRound> plain = List.of(round(false, 600, 600));
        assertThat(new SimBenchResult(null, List.of(round(true, 1500, 1300)), plain, null, 0, 2).targetsMet())
                .as("1.2 M deliveries in 1.3 s of cpu: under a million a second").isFalse();
        assertThat(new SimBenchResult(null, List.of(round(true, 2000, 1000)), plain, null, 0, 2).targetsMet())
                .as("2 s of wall is not under 2 s").isFalse();
        assertThat(new SimBenchResult(null, List.of(round(true, 1500, 1000)), plain, sweep(1000), 60_000_000_000L, 2)
                .targetsMet()).as("a 60 s sweep").isFalse();
        assertThat(new SimBenchResult(null, List.of(round(true, 1500, 1000)), plain, sweep(10), 60_000_000_000L, 2)
                .targetsMet()).as("a sweep of another size is not judged").isTrue();
    }

    @Test
    void shouldPrintMediansRatioAndVerdicts() {
        java.io.StringWriter text = new java.io.StringWriter();
        new SimBenchResult(round(true, 4000, 3000), List.of(round(true, 2500, 1500)), List.of(round(false, 1000, 1000)),
                sweep(1000), 8_000_000_000L, 2).print(new java.io.PrintWriter(text, true));

        assertThat(text.toString())
                .contains("| codec on, cold (first warm-up) | 1 | 4,000 | 3,000 | 1,000 | 400,000 | 300,000 |")
                .contains("| codec on | 1 | 2,500 | 1,500 | 1,000 | 800,000 | 480,000 |")
                .contains("| codec off (baseline) | 1 | 1,000 | 1,000 | 0 | 1,200,000 | 1,200,000 |")
                .contains("throughput ratio codec on / codec off: 0.67x")
                .contains("| >= 1,000,000 deliveries per cpu-second (codec on, median) | 800,000 | MISSED |")
                .contains("| scale scenario in < 2 s wall (codec on, median) | 2.50 s | MISSED |")
                .contains("| 1,000 seeds of a 10-client scenario in < 60 s (1000 seeds, 2 threads) | 8.0 s | met |");
    }
}
