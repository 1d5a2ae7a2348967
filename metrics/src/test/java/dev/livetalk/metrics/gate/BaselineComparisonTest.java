package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.recovery.CostFigures;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BaselineComparisonTest {

    private static ResultsDocument document(long p50Nanos, long p99Nanos, long lost, long converged, long unmatched,
                                            String metric) {
        return document(p50Nanos, p99Nanos, lost, converged, unmatched, metric, 3);
    }

    private static ResultsDocument document(long p50Nanos, long p99Nanos, long lost, long converged, long unmatched,
                                            String metric, long clients) {
        CorrectnessFigures correctness = new CorrectnessFigures(clients, converged, 100.0 * converged / clients, lost,
                0, 0, 0, 1.0,
                0, 0, 0, 0, Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        Percentiles done = new Percentiles(100, p50Nanos, p50Nanos, p99Nanos, p99Nanos, p99Nanos);
        long intended = 100 + unmatched;
        Percentiles p = new Percentiles(intended, p50Nanos, p50Nanos,
                unmatched > 0.01 * intended ? Percentiles.NEVER : p99Nanos,
                unmatched > 0.001 * intended ? Percentiles.NEVER : p99Nanos,
                unmatched > 0 ? Percentiles.NEVER : p99Nanos);
        LatencyFigures latency = new LatencyFigures(metric, "during", p, p, unmatched,
                new LatencyFigures.CompletedOnly(done, done));
        StrategyResult result = new StrategyResult("reconcile", correctness, List.of(latency), List.of(), List.of(),
                List.of());
        return ResultsDocument.of("outage", 7, "toxiproxy", new Environment("2.12.0", "25", 2), null, List.of(result));
    }

    private static ResultsDocument document(long p50Nanos, long p99Nanos, long lost, long converged) {
        return document(p50Nanos, p99Nanos, lost, converged, 0, "peer-final");
    }

    /** A document whose strategy cost {@code refetched} messages, {@code requests} requests and a server peak. */
    private static ResultsDocument costing(long refetched, Long requests, Long serverPeak) {
        StrategyResult s = document(100_000_000, 200_000_000, 0, 3).strategies().getFirst();
        CostFigures cost = new CostFigures(8, refetched, refetched * 150, requests, refetched / 8.0,
                refetched * 150 / 8.0, requests == null ? null : requests / 8.0, 4, serverPeak, 60, 900);
        StrategyResult withCost = new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(),
                s.examples(), s.hlogs(), s.convergenceByClient(), s.correctnessOverTime(), s.rooms(), s.recovery(),
                s.ackedLost(), cost);
        return ResultsDocument.of("outage", 7, "toxiproxy", new Environment("2.12.0", "25", 2), null,
                List.of(withCost));
    }

    @Test
    void shouldCompareTheCostFiguresAsCounts() {
        List<RegressionVerdict> verdicts = BaselineComparison.compare(costing(75, 8L, 43L), costing(200, 23L, 28L),
                Tolerance.DEFAULT);
        RegressionVerdict refetched = find(verdicts, "refetched");
        assertThat(refetched.change()).isEqualTo(Change.REGRESSION); // 200 of 275 events: p far below 0.001
        assertThat(refetched.message()).startsWith("reconcile refetched (messages refetched over the windows): 200 vs"
                + " 75 in the baseline (+125, tolerance +0, p ");
        // 23 of 31 events: p 0.0053 by the one-sided binomial test, not below 0.001
        assertThat(find(verdicts, "requests").change()).isEqualTo(Change.WITHIN_NOISE);
        // 43 -> 28: the fall's p (43 of 71 events in the baseline) is about 0.05: within noise, as the
        // reverse rise would be; a fall as significant as a regression is an improvement
        assertThat(find(verdicts, "server-peak").change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(find(BaselineComparison.compare(costing(200, 23L, 28L), costing(75, 8L, 43L), Tolerance.DEFAULT),
                "refetched").change()).isEqualTo(Change.IMPROVEMENT);
    }

    @Test
    void shouldNotCompareCostFiguresADocumentDoesNotHold() {
        List<RegressionVerdict> older = BaselineComparison.compare(document(100_000_000, 200_000_000, 0, 3),
                costing(200, 23L, 28L), Tolerance.DEFAULT);
        assertThat(older).extracting(RegressionVerdict::figure).doesNotContain("refetched", "requests", "server-peak");
        List<RegressionVerdict> withoutRequests = BaselineComparison.compare(costing(75, null, null),
                costing(75, 23L, 28L), Tolerance.DEFAULT);
        assertThat(find(withoutRequests, "refetched").change()).isEqualTo(Change.UNCHANGED);
        assertThat(withoutRequests).extracting(RegressionVerdict::figure).doesNotContain("requests", "server-peak");
    }

    private static RegressionVerdict find(List<RegressionVerdict> verdicts, String figure) {
        return verdicts.stream().filter(v -> v.figure().equals(figure)).findFirst().orElseThrow();
    }

    /** {@code count} intervals of 50 samples around {@code medianMillis} (lognormal, sigma 0.3), the k-th scaled by {@code scale[k]}. */
    private static List<Histogram> intervals(long seed, double medianMillis, double... scale) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Histogram> list = new ArrayList<>();
        for (double s : scale) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < 50; i++) {
                h.recordValue(Math.round(s * medianMillis * 1e6 * Math.exp(0.3 * (random.nextDouble() - 0.5) * 3.4)));
            }
            list.add(h);
        }
        return list;
    }

    private static IntervalSource source(List<Histogram> intervals) {
        return IntervalSource.of(Map.<String, List<? extends AbstractHistogram>>of(
                IntervalSource.key("reconcile", "peer-final", "during"), intervals));
    }

    private static List<RegressionVerdict> compare(List<Histogram> before, List<Histogram> after, Tolerance t) {
        return BaselineComparison.compare(document(1, 1, 0, 3), source(before), document(1, 1, 0, 3),
                source(after), t);
    }

    private static double[] ones(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void shouldCallAShiftOfEveryIntervalARegressionWithItsConfidenceInterval() {
        List<RegressionVerdict> verdicts = compare(intervals(1, 20, ones(10, 1)), intervals(2, 20, ones(10, 1.5)),
                Tolerance.DEFAULT);
        RegressionVerdict p50 = find(verdicts, "peer-final p50 during");
        assertThat(p50.change()).isEqualTo(Change.REGRESSION);
        assertThat(p50.passed()).isFalse();
        assertThat(p50.message()).startsWith("reconcile peer-final p50 during: ").contains("in the baseline (+",
                "99% CI +", "; threshold +10% and 1ms): regression");
    }

    @Test
    void shouldCallOneBadSecondWithinNoise() {
        double[] spike = ones(10, 1);
        spike[4] = 40;
        List<RegressionVerdict> verdicts = compare(intervals(1, 20, ones(10, 1)), intervals(2, 20, spike),
                Tolerance.DEFAULT);
        RegressionVerdict p99 = find(verdicts, "peer-final p99 during");
        assertThat(p99.current()).isGreaterThan(10 * p99.baseline());
        assertThat(p99.change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(p99.message()).endsWith(": within noise");
    }

    @Test
    void shouldCallAnEqualRunUnchangedAndAFasterOneAnImprovement() {
        List<Histogram> same = intervals(1, 20, ones(10, 1));
        assertThat(compare(same, same, Tolerance.DEFAULT)).extracting(RegressionVerdict::change)
                .containsOnly(Change.UNCHANGED);
        assertThat(find(compare(intervals(1, 20, ones(10, 1)), intervals(2, 20, ones(10, 0.5)), Tolerance.DEFAULT),
                "peer-final p50 during").change()).isEqualTo(Change.IMPROVEMENT);
    }

    @Test
    void shouldNotRegressASignificantChangeBelowTheFloorOrTheThreshold() {
        List<Histogram> before = intervals(1, 20, ones(10, 1));
        List<Histogram> after = intervals(1, 20, ones(10, 1.5));
        assertThat(find(compare(before, after, Tolerance.DEFAULT.withLatencyFloorNanos(50_000_000)),
                "peer-final p50 during").change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(find(compare(before, after, new Tolerance(0.6, 0, 0)), "peer-final p50 during").change())
                .isEqualTo(Change.WITHIN_NOISE);
    }

    @Test
    void shouldFallBackToTheThresholdOnP50OnlyWithTooFewIntervals() {
        RegressionVerdict p99 = find(compare(intervals(1, 20, ones(3, 1)), intervals(2, 20, ones(3, 3)),
                Tolerance.DEFAULT), "peer-final p99 during");
        assertThat(p99.change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(p99.message()).contains("3 and 3 intervals, fewer than 4: not gated");
        assertThat(find(compare(intervals(1, 20, ones(3, 1)), intervals(2, 20, ones(3, 3)), Tolerance.DEFAULT),
                "peer-final p50 during").change()).isEqualTo(Change.REGRESSION);
    }

    /** Three intervals of {@code fast} samples at 10 ms and {@code slow} at 1 s. */
    private static List<Histogram> bimodal(int fast, int slow) {
        List<Histogram> list = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Histogram h = new Histogram(3);
            h.recordValueWithCount(10_000_000, fast);
            h.recordValueWithCount(1_000_000_000, slow);
            list.add(h);
        }
        return list;
    }

    @Test
    void shouldNotRegressAP50ThatFlipsBetweenModesWhenTheRankTestSeesNoShift() {
        RegressionVerdict p50 = find(compare(bimodal(17, 16), bimodal(16, 17), Tolerance.DEFAULT),
                "peer-final p50 during");
        assertThat(p50.current()).isGreaterThan(50 * p50.baseline());
        assertThat(p50.change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(p50.message()).contains("3 and 3 intervals, fewer than 4: rank test on samples z +0.",
                "needs 2.58");
    }

    @Test
    void shouldComputeTheNormalQuantileAndARankTestAgainstAHandCount() {
        assertThat(RankTest.critical(0.99)).isCloseTo(2.5758, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(RankTest.normalQuantile(0.5)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        // before {1,2}, now {3,4}: U = 4 (of 4), mean 2, variance 2*2*5/12: z = 2 / sqrt(5/3)
        Histogram b = new Histogram(3);
        b.recordValue(1);
        b.recordValue(2);
        Histogram c = new Histogram(3);
        c.recordValue(3);
        c.recordValue(4);
        double z = RankTest.z(BlockBootstrap.Sample.of(List.of(b), 0).recorded(),
                BlockBootstrap.Sample.of(List.of(c), 0).recorded());
        assertThat(z).isCloseTo(2 / Math.sqrt(5.0 / 3), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldSayWhenTheBaselineHasNoIntervalLogsAndFallBack() {
        List<RegressionVerdict> verdicts = BaselineComparison.compare(document(100_000_000, 800_000_000, 0, 3),
                document(120_000_000, 912_000_000, 0, 3), Tolerance.DEFAULT);
        RegressionVerdict p50 = find(verdicts, "peer-final p50 during");
        assertThat(p50.change()).isEqualTo(Change.REGRESSION);
        assertThat(p50.message()).isEqualTo("reconcile peer-final p50 during: 120ms vs 100ms in the baseline (+20.0%,"
                + " no interval logs in the baseline: by threshold only; threshold +10% and 1ms): regression");
        assertThat(find(verdicts, "peer-final p99 during").change()).isEqualTo(Change.WITHIN_NOISE);
    }

    @Test
    void shouldNeverGateTheHarnessSchedulingLag() {
        List<RegressionVerdict> verdicts = BaselineComparison.compare(
                document(1_000_000, 2_000_000, 0, 3, 0, "scheduling-lag"),
                document(900_000_000, 900_000_000, 0, 3, 0, "scheduling-lag"), Tolerance.DEFAULT);
        assertThat(verdicts).extracting(RegressionVerdict::figure).noneMatch(f -> f.startsWith("scheduling-lag"));
    }

    @Test
    void shouldTreatNeverAsInfinityAndRegressOnlyWhenTheNeverCountGrew() {
        ResultsDocument fine = document(100_000_000, 200_000_000, 0, 3, 0, "peer-final");
        ResultsDocument never = document(100_000_000, 200_000_000, 12, 3, 12, "peer-final"); // 12 of 112 lost: p99 never
        ResultsDocument fewNever = document(100_000_000, 200_000_000, 5, 3, 5, "peer-final"); // 5 of 105: p99 never
        ResultsDocument misplaced = document(100_000_000, 200_000_000, 0, 3, 60, "peer-final"); // out of place, none lost
        RegressionVerdict toNever = find(BaselineComparison.compare(fine, never, Tolerance.DEFAULT),
                "peer-final p99 during");
        assertThat(toNever.change()).isEqualTo(Change.REGRESSION);
        assertThat(toNever.message()).contains("never vs 200ms in the baseline (+inf");
        assertThat(find(BaselineComparison.compare(fine, never, new Tolerance(0.1, 0, 12)), "peer-final p99 during")
                .change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(find(BaselineComparison.compare(fine, fewNever, Tolerance.DEFAULT), "peer-final p99 during")
                .change()).isEqualTo(Change.WITHIN_NOISE); // 0 -> 5 lost: p 1/32, within the count's noise
        assertThat(find(BaselineComparison.compare(fine, misplaced, Tolerance.DEFAULT), "peer-final p99 during")
                .change()).isEqualTo(Change.WITHIN_NOISE); // never grew by 60, but nothing more was lost
        assertThat(find(BaselineComparison.compare(never, never, Tolerance.DEFAULT), "peer-final p99 during")
                .change()).isEqualTo(Change.UNCHANGED);
        assertThat(find(BaselineComparison.compare(never, fine, Tolerance.DEFAULT), "peer-final p99 during")
                .change()).isEqualTo(Change.IMPROVEMENT);
        assertThat(find(BaselineComparison.compare(fine, never, Tolerance.DEFAULT), "peer-final p50 during")
                .change()).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void shouldFailACountThatGrewBeyondTheAbsoluteToleranceAndItsNoise() {
        RegressionVerdict strict = find(BaselineComparison.compare(document(1, 1, 0, 3), document(1, 1, 20, 3),
                Tolerance.DEFAULT), "lost");
        assertThat(strict.passed()).isFalse();
        assertThat(strict.message()).isEqualTo("reconcile lost: 20 vs 0 in the baseline (+20, tolerance +0, p 9.5e-07"
                + " of count noise, needs < 0.001): regression");
        RegressionVerdict lenient = find(BaselineComparison.compare(document(1, 1, 0, 3), document(1, 1, 20, 3),
                new Tolerance(0.1, 0, 20)), "lost");
        assertThat(lenient.change()).isEqualTo(Change.WITHIN_NOISE);
    }

    @Test
    void shouldAllowACountItsOwnNoiseButNotAGrowthBeyondIt() {
        Tolerance exact = Tolerance.DEFAULT;
        assertThat(find(BaselineComparison.compare(document(1, 1, 61, 3), document(1, 1, 65, 3), exact), "lost")
                .change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(find(BaselineComparison.compare(document(1, 1, 0, 3), document(1, 1, 1, 3), exact), "lost")
                .change()).isEqualTo(Change.WITHIN_NOISE);
        RegressionVerdict beyond = find(BaselineComparison.compare(document(1, 1, 61, 3), document(1, 1, 130, 3),
                exact), "lost");
        assertThat(beyond.change()).isEqualTo(Change.REGRESSION);
        assertThat(beyond.message()).startsWith("reconcile lost: 130 vs 61 in the baseline (+69, tolerance +0, p ");
        assertThat(find(BaselineComparison.compare(document(1, 1, 0, 3), document(1, 1, 12, 3), exact), "lost")
                .change()).isEqualTo(Change.REGRESSION);
        assertThat(find(BaselineComparison.compare(document(1, 1, 0, 3), document(1, 1, 12, 3),
                new Tolerance(0.1, 0, 12)), "lost").change()).isEqualTo(Change.WITHIN_NOISE);
    }

    @Test
    void shouldCallAFallingCountAnImprovementOnlyWhenTheReverseWouldRegress() {
        Tolerance exact = Tolerance.DEFAULT;
        RegressionVerdict oneFewer = find(BaselineComparison.compare(document(1, 1, 41, 3), document(1, 1, 40, 3),
                exact), "lost");
        assertThat(oneFewer.change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(oneFewer.message()).isEqualTo("reconcile lost: 40 vs 41 in the baseline (-1, tolerance +0, p 0.50"
                + " of count noise, needs < 0.001): within noise");
        assertThat(find(BaselineComparison.compare(document(1, 1, 65, 3), document(1, 1, 61, 3), exact), "lost")
                .change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(find(BaselineComparison.compare(document(1, 1, 130, 3), document(1, 1, 61, 3), exact), "lost")
                .change()).isEqualTo(Change.IMPROVEMENT);
        assertThat(find(BaselineComparison.compare(document(1, 1, 12, 3), document(1, 1, 0, 3), exact), "lost")
                .change()).isEqualTo(Change.IMPROVEMENT);
        assertThat(find(BaselineComparison.compare(document(1, 1, 12, 3), document(1, 1, 0, 3),
                new Tolerance(0.1, 0, 12)), "lost").change()).isEqualTo(Change.WITHIN_NOISE);
        assertThat(find(BaselineComparison.compare(document(1, 1, 0, 2), document(1, 1, 0, 3), exact), "converged")
                .change()).isEqualTo(Change.WITHIN_NOISE); // 1 -> 0 not converged: p 0.5
        assertThat(find(BaselineComparison.compare(document(1, 1, 0, 25, 0, "peer-final", 40),
                document(1, 1, 0, 40, 0, "peer-final", 40), exact), "converged").change())
                .isEqualTo(Change.IMPROVEMENT);
    }

    @Test
    void shouldJudgeEveryCountChangeTheSameBothWays() {
        long[] counts = {0, 1, 3, 5, 9, 10, 12, 20, 40, 41, 61, 65, 130};
        for (long a : counts) {
            for (long b : counts) {
                for (Tolerance t : List.of(Tolerance.DEFAULT, new Tolerance(0.1, 0, 12))) {
                    Change forth = find(BaselineComparison.compare(document(1, 1, a, 3), document(1, 1, b, 3), t),
                            "lost").change();
                    Change back = find(BaselineComparison.compare(document(1, 1, b, 3), document(1, 1, a, 3), t),
                            "lost").change();
                    assertThat(forth == Change.REGRESSION).as("%d -> %d regresses iff %d -> %d improves", a, b, b, a)
                            .isEqualTo(back == Change.IMPROVEMENT);
                    assertThat(forth == Change.WITHIN_NOISE).as("%d <-> %d", a, b)
                            .isEqualTo(back == Change.WITHIN_NOISE);
                }
            }
        }
    }

    @Test
    void shouldNotCallANeverThatBecameAValueAnImprovementUnlessTheLossFell() {
        ResultsDocument never = document(100_000_000, 200_000_000, 12, 3, 12, "peer-final");
        ResultsDocument sameLossInPlace = document(100_000_000, 200_000_000, 12, 3, 0, "peer-final");
        assertThat(find(BaselineComparison.compare(never, sameLossInPlace, Tolerance.DEFAULT), "peer-final p99 during")
                .change()).isEqualTo(Change.WITHIN_NOISE);
    }

    @Test
    void shouldHoldAFallingLatencyToTheThresholdOfTheReverseRise() {
        Tolerance t = Tolerance.DEFAULT; // +10%: a fall must be one whose reverse rises by more than 10%
        assertThat(new LatencyChange("s", "f", 99, 100e6, 90.5e6, -0.12, -0.07, Double.NaN, null).change(t, false))
                .isEqualTo(Change.IMPROVEMENT); // back up: +10.5%
        assertThat(new LatencyChange("s", "f", 99, 90.5e6, 100e6, 0.07, 0.12, Double.NaN, null).change(t, false))
                .isEqualTo(Change.REGRESSION);
        assertThat(new LatencyChange("s", "f", 99, 100e6, 91e6, -0.12, -0.07, Double.NaN, null).change(t, false))
                .isEqualTo(Change.WITHIN_NOISE); // back up: +9.9%
        assertThat(new LatencyChange("s", "f", 99, 91e6, 100e6, 0.07, 0.12, Double.NaN, null).change(t, false))
                .isEqualTo(Change.WITHIN_NOISE);
        assertThat(new LatencyChange("s", "f", 99, 100e6, 80e6, -0.3, 0.01, Double.NaN, null).change(t, false))
                .isEqualTo(Change.WITHIN_NOISE); // not significant
        assertThat(new LatencyChange("s", "f", 99, Double.POSITIVE_INFINITY, 80e6, Double.NaN, Double.NaN, Double.NaN,
                null).change(t, false, false)).isEqualTo(Change.WITHIN_NOISE);
        assertThat(new LatencyChange("s", "f", 99, Double.POSITIVE_INFINITY, 80e6, Double.NaN, Double.NaN, Double.NaN,
                null).change(t, false, true)).isEqualTo(Change.IMPROVEMENT);
    }

    @Test
    void shouldTestTwoCountsByTheBinomialSplitOfTheirSum() {
        // 0 -> 10: all 10 events in the current run, p = 2^-10 ~ 0.00098
        assertThat(BaselineComparison.countPValue(0, 10)).isCloseTo(Math.pow(2, -10), within(1e-12));
        assertThat(BaselineComparison.countPValue(0, 9)).isCloseTo(Math.pow(2, -9), within(1e-12));
        // 1 -> 3: P(X >= 3 | n = 4, 1/2) = 5/16
        assertThat(BaselineComparison.countPValue(1, 3)).isCloseTo(5.0 / 16, within(1e-12));
        assertThat(BaselineComparison.countPValue(5, 5)).isEqualTo(1);
        assertThat(BaselineComparison.countPValue(7, 2)).isEqualTo(1);
    }

    @Test
    void shouldFailWhenSignificantlyFewerClientsConverged() {
        RegressionVerdict few = find(BaselineComparison.compare(document(1, 1, 0, 3), document(1, 1, 0, 2),
                Tolerance.DEFAULT), "converged");
        assertThat(few.change()).isEqualTo(Change.WITHIN_NOISE); // 0 -> 1 not converged: p 0.5
        RegressionVerdict many = find(BaselineComparison.compare(document(1, 1, 0, 40, 0, "peer-final", 40),
                document(1, 1, 0, 25, 0, "peer-final", 40), Tolerance.DEFAULT), "converged");
        assertThat(many.passed()).isFalse();
        assertThat(many.message()).contains("25 vs 40", "-15");
    }

    @Test
    void shouldRefuseANegativeToleranceAndAConfidenceOutsideZeroToOne() {
        assertThatThrownBy(() -> new Tolerance(-0.1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("latency tolerance must be a share >= 0: -0.1");
        assertThatThrownBy(() -> new Tolerance(0.1, 0, 0, 1.0, 2000, 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("confidence must be > 0 and < 1: 1.0");
    }
}
