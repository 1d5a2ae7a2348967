package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.gate.StrategyRanking.Evidence;
import dev.livetalk.metrics.gate.StrategyRanking.Kind;
import dev.livetalk.metrics.gate.StrategyRanking.Relation;
import dev.livetalk.metrics.gate.StrategyRanking.Standing;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule that names the best strategy of a scenario on correctness and on latency (docs/METRICS.md). */
class StrategyRankingTest {
    private static final long MS = 1_000_000L;

    /** A strategy's result: counts lost, duplicates, phantoms, inversions, stuck, clients not converged (of 10). */
    private static StrategyResult result(String name, long p99, long... counts) {
        long notConverged = counts.length > 5 ? counts[5] : 0;
        CorrectnessFigures c = new CorrectnessFigures(10, 10 - notConverged, 10.0 * (10 - notConverged),
                counts[0], counts[1], counts[2], counts[3], 1.0, 0, 0, 0, counts[4], Map.of(Outcome.OK, 10L),
                new ConvergenceFigures(0, 0, 0, null, null, null));
        long never = Percentiles.isNever(p99) ? 5 : 0;
        Percentiles p = new Percentiles(100, p99 / 2, p99 / 2, p99, p99, p99);
        LatencyFigures peerFinal = new LatencyFigures("peer-final", "all", p, p, never,
                new LatencyFigures.CompletedOnly(p, p));
        return new StrategyResult(name, c, List.of(peerFinal), List.of(), List.of(), List.of());
    }

    private static ResultsDocument document(StrategyResult... results) {
        return ResultsDocument.of("outage", 1, "sim", new Environment(null, "25", 2), null, List.of(results));
    }

    private static StrategyRanking rank(StrategyResult... results) {
        return StrategyRanking.of(document(results), IntervalSource.NONE, Tolerance.DEFAULT);
    }

    private static final long[] CORRECT = {0, 0, 0, 0, 0};

    @Test
    void shouldNameTheCorrectStrategiesAsTiedAndTheFasterOnLatency() {
        StrategyRanking r = rank(result("event-only", Percentiles.NEVER, 64, 0, 0, 5, 0, 7),
                result("reconcile", 336_900_000L, CORRECT), result("snapshot", 795_900_000L, CORRECT));

        assertThat(r.correctness().kind()).isEqualTo(Kind.TIE);
        assertThat(r.correctness().best()).containsExactly("reconcile", "snapshot");
        assertThat(r.correctness().beaten()).singleElement().satisfies(s -> {
            assertThat(s.strategy()).isEqualTo("event-only");
            assertThat(s.criterion()).isEqualTo("lost");
        });
        assertThat(r.latency().kind()).isEqualTo(Kind.WINNER);
        assertThat(r.latency().best()).containsExactly("reconcile");
        assertThat(r.latency().beaten()).extracting(Standing::strategy).containsExactly("event-only", "snapshot");
        assertThat(r.latency().beaten()).extracting(Standing::evidence)
                .containsExactly(Evidence.NONE, Evidence.THRESHOLD);
    }

    @Test
    void shouldRankNeverLastAndTieTwoNevers() {
        StrategyRanking r = rank(result("event-only", Percentiles.NEVER, 64, 0, 0, 5, 0, 7),
                result("naive-retry", Percentiles.NEVER, 64, 18, 0, 5, 0, 7),
                result("slow", 9_000 * MS, CORRECT));

        assertThat(r.latency().kind()).isEqualTo(Kind.WINNER);
        assertThat(r.latency().best()).containsExactly("slow");

        StrategyRanking both = rank(result("event-only", Percentiles.NEVER, 64, 0, 0, 5, 0, 7),
                result("naive-retry", Percentiles.NEVER, 64, 18, 0, 5, 0, 7));
        assertThat(both.latency().kind()).isEqualTo(Kind.TIE);
        assertThat(both.latency().best()).containsExactly("event-only", "naive-retry");
    }

    @Test
    void shouldCallALatencyDifferenceWithinThresholdOrFloorIndistinguishable() {
        // 5% apart: below the 10% threshold
        StrategyRanking close = rank(result("a", 300 * MS, CORRECT), result("b", 315 * MS, CORRECT));
        assertThat(close.latency().kind()).isEqualTo(Kind.INDISTINGUISHABLE);
        assertThat(close.latency().close()).singleElement()
                .satisfies(s -> assertThat(s.relation()).isEqualTo(Relation.INDISTINGUISHABLE));

        // 50% apart but only 0.5 ms: below the 1 ms floor
        assertThat(rank(result("a", MS, CORRECT), result("b", 1_500_000L, CORRECT)).latency().kind())
                .isEqualTo(Kind.INDISTINGUISHABLE);

        // 30 ms against 45 ms: beyond 10%, but the calibrated noise floor is 49 ms
        ResultsDocument calibrated = ResultsDocument.of("outage", 1, "toxiproxy",
                new Environment("2.12.0", "25", 2, floor(49 * MS)), null,
                List.of(result("a", 30 * MS, CORRECT), result("b", 45 * MS, CORRECT)));
        StrategyRanking r = StrategyRanking.of(calibrated, IntervalSource.NONE, Tolerance.DEFAULT);
        assertThat(r.latency().kind()).isEqualTo(Kind.INDISTINGUISHABLE);
        assertThat(r.tolerance().latencyFloorNanos()).isEqualTo(49 * MS);
        assertThat(r.tolerance().latencyRelative()).isEqualTo(Tolerance.DEFAULT_RELATIVE);
    }

    @Test
    void shouldDecideLatencyTheSameWhateverTheOrderOfTheStrategies() {
        // 332 ms is 10.7% above 300 ms: beyond the 10% threshold measured from the lower value,
        // whichever of the two the document lists first (300 / 332 - 1 is only -9.6%)
        for (boolean lowerFirst : new boolean[] {true, false}) {
            StrategyResult lower = result("lower", 300 * MS, CORRECT);
            StrategyResult higher = result("higher", 332 * MS, CORRECT);
            StrategyRanking r = lowerFirst ? rank(lower, higher) : rank(higher, lower);
            assertThat(r.latency().kind()).as("lower first: %s", lowerFirst).isEqualTo(Kind.WINNER);
            assertThat(r.latency().best()).as("lower first: %s", lowerFirst).containsExactly("lower");
        }
    }

    @Test
    void shouldTieExactlyEqualFigures() {
        StrategyRanking r = rank(result("a", 300 * MS, CORRECT), result("b", 300 * MS, CORRECT));
        assertThat(r.correctness().kind()).isEqualTo(Kind.TIE);
        assertThat(r.latency().kind()).isEqualTo(Kind.TIE);
        assertThat(r.latency().close()).singleElement()
                .satisfies(s -> assertThat(s.relation()).isEqualTo(Relation.TIE));
    }

    @Test
    void shouldNotRankOneStrategy() {
        StrategyRanking r = rank(result("reconcile", 300 * MS, CORRECT));
        assertThat(r.correctness().kind()).isEqualTo(Kind.ALONE);
        assertThat(r.latency().kind()).isEqualTo(Kind.ALONE);
        assertThat(r.correctness().others()).isEmpty();
    }

    @Test
    void shouldDecideIncorrectStrategiesByTheFirstCriterionBeyondCountNoise() {
        // lost 3 against 4: within count noise, passes on; duplicates 0 against 50 decides
        StrategyRanking r = rank(result("a", Percentiles.NEVER, 3, 50, 0, 0, 0, 1),
                result("b", Percentiles.NEVER, 4, 0, 0, 0, 0, 1));
        assertThat(r.correctness().kind()).isEqualTo(Kind.WINNER);
        assertThat(r.correctness().best()).containsExactly("b");
        assertThat(r.correctness().beaten()).singleElement().satisfies(s -> {
            assertThat(s.criterion()).isEqualTo("duplicates");
            assertThat(s.pValue()).isLessThan(BaselineComparison.COUNT_SIGNIFICANCE);
        });

        // lost 61 against 64 and nothing else: identical reruns vary so much
        StrategyRanking noisy = rank(result("a", Percentiles.NEVER, 61, 0, 0, 5, 0, 7),
                result("b", Percentiles.NEVER, 64, 0, 0, 5, 0, 7));
        assertThat(noisy.correctness().kind()).isEqualTo(Kind.INDISTINGUISHABLE);
        assertThat(noisy.correctness().close()).singleElement().satisfies(s -> assertThat(s.criterion())
                .isEqualTo("lost"));

        // lost 0 against 64: decided on lost
        StrategyRanking clear = rank(result("a", Percentiles.NEVER, 0, 9, 0, 5, 0, 7),
                result("b", Percentiles.NEVER, 64, 0, 0, 5, 0, 7));
        assertThat(clear.correctness().best()).containsExactly("a");
        assertThat(clear.correctness().beaten().get(0).criterion()).isEqualTo("lost");
    }

    @Test
    void shouldPutACorrectStrategyAboveOneWithASingleError() {
        // one lost message is within count noise, but zero is correct and one is not
        StrategyRanking r = rank(result("a", 300 * MS, CORRECT), result("b", 300 * MS, 1, 0, 0, 0, 0, 0));
        assertThat(r.correctness().kind()).isEqualTo(Kind.WINNER);
        assertThat(r.correctness().best()).containsExactly("a");
    }

    @Test
    void shouldUseTheBootstrapOverIntervalLogsWhenThereAreEnough() {
        Map<String, List<? extends AbstractHistogram>> series = new HashMap<>();
        series.put(IntervalSource.key("a", "peer-final", "all"), intervals(1, 20, 1.0));
        series.put(IntervalSource.key("b", "peer-final", "all"), intervals(2, 20, 2.0));
        series.put(IntervalSource.key("c", "peer-final", "all"), intervals(3, 20, 1.02));
        StrategyRanking r = StrategyRanking.of(document(result("a", 26 * MS, CORRECT), result("b", 52 * MS, CORRECT),
                result("c", 27 * MS, CORRECT)), IntervalSource.of(series), Tolerance.DEFAULT);

        assertThat(r.latency().kind()).isEqualTo(Kind.INDISTINGUISHABLE);
        assertThat(r.latency().best()).containsExactly("a", "c");
        Standing b = r.latency().beaten().get(0);
        assertThat(b.strategy()).isEqualTo("b");
        assertThat(b.evidence()).isEqualTo(Evidence.BOOTSTRAP);
        assertThat(b.low()).isGreaterThan(0);
    }

    /** A calibration whose noise floor is {@code nanos}. */
    private static Calibration floor(long nanos) {
        Percentiles none = new Percentiles(300, MS, MS, MS, MS, MS);
        Percentiles spread = new Percentiles(300, MS, MS, MS + nanos, MS + nanos, MS + nanos);
        Calibration c = new Calibration.Measured(1, 500, "reconcile", List.of(
                new LayerLatency(HarnessLayer.BARE_ECHO, none, none, 0),
                new LayerLatency(HarnessLayer.BARE_ECHO_TOXIPROXY, none, none, 0),
                new LayerLatency(HarnessLayer.FULL_STACK, none, none, 0),
                new LayerLatency(HarnessLayer.FULL_STACK_TOXIPROXY, spread, spread, 0)));
        assertThat(c.noiseFloorNanos()).isEqualTo(nanos);
        return c;
    }

    private static List<Histogram> intervals(long seed, double medianMillis, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Histogram> list = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < 50; i++) {
                h.recordValue(Math.round(scale * medianMillis * 1e6 * Math.exp(0.3 * (random.nextDouble() - 0.5) * 3.4)));
            }
            list.add(h);
        }
        return list;
    }
}
