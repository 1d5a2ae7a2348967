package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate on seeded synthetic runs shaped like real ones: 60 intervals of 1 s, 40 samples
 * each, lognormal around 20 ms (sigma 0.5) and every interval shifted as a whole by its own
 * lognormal level (sigma 0.2), so samples inside an interval are correlated as a fault makes
 * them. Identical pairs are two runs drawn from one distribution; a shifted pair multiplies
 * every sample of the second run by 1.2.
 */
class GateOnSyntheticDataTest {
    static final int PAIRS = 1_000;
    static final int INTERVALS = 60;
    static final int SAMPLES = 40;
    static final double MEDIAN_NANOS = 20e6;
    static final double SIGMA_WITHIN = 0.5;
    static final double SIGMA_BETWEEN = 0.2;

    /** One synthetic run: its interval histograms and the results document they sum to. */
    record Run(List<Histogram> intervals, ResultsDocument document) {
    }

    static Run run(SplittableRandom random, double factor) {
        List<Histogram> intervals = new ArrayList<>();
        Histogram total = new Histogram(3);
        for (int i = 0; i < INTERVALS; i++) {
            double level = Math.exp(SIGMA_BETWEEN * gaussian(random));
            Histogram h = new Histogram(3);
            for (int s = 0; s < SAMPLES; s++) {
                h.recordValue(Math.round(factor * level * MEDIAN_NANOS * Math.exp(SIGMA_WITHIN * gaussian(random))));
            }
            intervals.add(h);
            total.add(h);
        }
        return new Run(intervals, document(Percentiles.of(total)));
    }

    static ResultsDocument document(Percentiles p) {
        CorrectnessFigures correctness = new CorrectnessFigures(3, 3, 100.0, 0, 0, 0, 0, 1.0, 0, 0, 0, 0,
                Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        StrategyResult result = new StrategyResult("s", correctness,
                List.of(new LatencyFigures("peer-final", "all", p, p, 0)), List.of(), List.of(), List.of());
        return ResultsDocument.of("synthetic", 1, "sim", new Environment(null, null, 2), null, List.of(result));
    }

    static IntervalSource source(Run run) {
        return IntervalSource.of(Map.<String, List<? extends AbstractHistogram>>of(
                IntervalSource.key("s", "peer-final", "all"), run.intervals()));
    }

    /** Whether the gate calls any latency figure of the pair a regression. */
    static boolean flagged(Run before, Run after, Tolerance tolerance) {
        return BaselineComparison.compare(before.document(), source(before), after.document(), source(after),
                        tolerance).stream()
                .anyMatch(v -> v.change() == RegressionVerdict.Change.REGRESSION);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * How many of {@link #PAIRS} pairs the gate flags. Each pair draws from a generator of its own,
     * split from {@code seed} in pair order, so the count is the same whatever thread judges which
     * pair: the pairs are judged in parallel (the gate is stateless), which halves this test's time
     * on two cores.
     */
    static int flaggedPairs(long seed, double factor, Tolerance tolerance) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] randoms = new SplittableRandom[PAIRS];
        for (int pair = 0; pair < PAIRS; pair++) {
            randoms[pair] = root.split();
        }
        return (int) IntStream.range(0, PAIRS).parallel()
                .filter(pair -> flagged(run(randoms[pair], 1.0), run(randoms[pair], factor), tolerance.withSeed(pair)))
                .count();
    }

    @Test
    void shouldCallAtMostOnePercentOfIdenticalPairsARegression() {
        int falsePositives = flaggedPairs(20_261_203L, 1.0, Tolerance.DEFAULT);
        System.out.printf("gate on %d identical synthetic pairs: %d flagged%n", PAIRS, falsePositives);
        assertThat(falsePositives).isLessThanOrEqualTo(PAIRS / 100);
    }

    @Test
    void shouldCatchAtLeast95PercentOfATwentyPercentShift() {
        int detected = flaggedPairs(31_337L, 1.2, Tolerance.DEFAULT);
        System.out.printf("gate on %d pairs shifted +20%%: %d flagged%n", PAIRS, detected);
        assertThat(detected).isGreaterThanOrEqualTo(PAIRS * 95 / 100);
    }
}
