package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the strategies of one scenario run stand against each other on every figure the
 * regression gate compares (docs/METRICS.md, "Telling strategies apart"): for each pair, the
 * figures on which one is better than the other beyond the harness's noise, and for each figure,
 * the strategies no other beats on it.
 *
 * <p>Two strategies are compared as the gate compares a run with its baseline
 * ({@link BaselineComparison#compare(ResultsDocument, StrategyResult, IntervalSource, ResultsDocument,
 * StrategyResult, IntervalSource, Tolerance)}), in both directions (a latency change is measured
 * from the baseline's value): one is better on a figure when the other, judged with it as the
 * baseline, regresses (the gate's test against noise); otherwise they do not differ on it. The
 * latency figures compared are the p50 and p99 of every metric over the whole run (phase
 * {@code all}; scheduling lag excepted); the counts are the gate's, clients converged included,
 * and whatever further figures the gate compares. The thresholds are the gate's whatever the
 * command line's tolerances say: like the verdict paragraph, the trade-off gates nothing.
 *
 * <p>Immutable; any thread.
 *
 * @param strategies the strategies of the run, in the document's order
 * @param figures    every figure compared, in the gate's order, with its values and best strategies
 * @param pairs      every pair of strategies (first before second in the document's order) with the
 *                   figures that separate them
 */
public record TradeOff(List<String> strategies, List<FigureStanding> figures, List<Pair> pairs) {
    /** The latency phase compared: the whole run. */
    public static final String PHASE = "all";

    public TradeOff {
        strategies = List.copyOf(strategies);
        figures = List.copyOf(figures);
        pairs = List.copyOf(pairs);
    }

    /**
     * One strategy better than another on one figure, beyond noise.
     *
     * @param figure      the figure's name as the gate names it ({@code lost}, {@code peer-final p99 all})
     * @param better      the better strategy
     * @param worse       the other
     * @param betterValue the better one's value (ns for latency, else the count)
     * @param worseValue  the other's value
     * @param why         the gate's message for the comparison that decided it
     */
    public record Difference(String figure, String better, String worse, double betterValue, double worseValue,
                             String why) {
    }

    /**
     * Two strategies and the figures on which they differ beyond noise.
     *
     * @param first       the first strategy in the document's order
     * @param second      the other
     * @param differences the figures that separate them, in the gate's order; empty when nothing does
     */
    public record Pair(String first, String second, List<Difference> differences) {
        public Pair {
            differences = List.copyOf(differences);
        }

        /** Whether some figure separates the two. */
        public boolean separated() {
            return !differences.isEmpty();
        }
    }

    /**
     * One figure across the strategies.
     *
     * @param figure    its name as the gate names it
     * @param values    per strategy (document order) its value; a strategy without the figure is absent
     * @param best      the strategies that no other is better than on it, in document order
     * @param separates whether at least one pair differs on it beyond noise (when not, every strategy
     *                  is best and marking one means nothing)
     */
    public record FigureStanding(String figure, Map<String, Double> values, List<String> best, boolean separates) {
        public FigureStanding {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            best = List.copyOf(best);
        }
    }

    /** The trade-off of {@code document}'s strategies, latency compared over {@code intervals} under {@code tolerance}. */
    public static TradeOff of(ResultsDocument document, IntervalSource intervals, Tolerance tolerance) {
        List<StrategyResult> results = document.strategies().stream().map(TradeOff::wholeRun).toList();
        List<String> names = results.stream().map(StrategyResult::strategy).toList();
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        Map<String, List<String>> beaten = new LinkedHashMap<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            for (int j = i + 1; j < results.size(); j++) {
                StrategyResult a = results.get(i);
                StrategyResult b = results.get(j);
                List<RegressionVerdict> bOverA = BaselineComparison.compare(document, a, intervals, document, b,
                        intervals, tolerance);
                Map<String, RegressionVerdict> aOverB = new LinkedHashMap<>();
                BaselineComparison.compare(document, b, intervals, document, a, intervals, tolerance)
                        .forEach(v -> aOverB.put(v.figure(), v));
                List<Difference> differences = new ArrayList<>();
                for (RegressionVerdict v : bOverA) {
                    values.computeIfAbsent(v.figure(), k -> new LinkedHashMap<>()).put(a.strategy(), v.baseline());
                    values.get(v.figure()).put(b.strategy(), v.current());
                    beaten.computeIfAbsent(v.figure(), k -> new ArrayList<>());
                    RegressionVerdict back = aOverB.get(v.figure());
                    // x is better than y when y, judged against x as its baseline, regresses (the
                    // gate's one rule both ways: an improvement is the reverse of a regression, so
                    // the two directions agree except where never makes them contradict)
                    boolean aBetter = v.change() == Change.REGRESSION;
                    boolean bBetter = back != null && back.change() == Change.REGRESSION;
                    if (aBetter == bBetter) {
                        continue; // within noise both ways (or, never seen, contradictory)
                    }
                    RegressionVerdict decided = aBetter ? v : back;
                    differences.add(bBetter
                            ? new Difference(v.figure(), b.strategy(), a.strategy(), v.current(), v.baseline(),
                                    decided.message())
                            : new Difference(v.figure(), a.strategy(), b.strategy(), v.baseline(), v.current(),
                                    decided.message()));
                    beaten.get(v.figure()).add(bBetter ? a.strategy() : b.strategy());
                }
                pairs.add(new Pair(a.strategy(), b.strategy(), differences));
            }
        }
        List<FigureStanding> figures = new ArrayList<>();
        values.forEach((figure, byStrategy) -> {
            List<String> lost = beaten.getOrDefault(figure, List.of());
            List<String> best = names.stream().filter(byStrategy::containsKey).filter(s -> !lost.contains(s)).toList();
            figures.add(new FigureStanding(figure, byStrategy, best, !lost.isEmpty()));
        });
        return new TradeOff(names, figures, pairs);
    }

    /** The pair of {@code a} and {@code b}, in either order. */
    public Pair pair(String a, String b) {
        return pairs.stream().filter(p -> p.first().equals(a) && p.second().equals(b)
                        || p.first().equals(b) && p.second().equals(a)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such pair: " + a + ", " + b));
    }

    /** The figures on which {@code strategy} is among the best while some other strategy is beaten. */
    public List<FigureStanding> bestOn(String strategy) {
        return figures.stream().filter(f -> f.separates() && f.best().contains(strategy)).toList();
    }

    /** The pairs no figure separates. */
    public List<Pair> unseparated() {
        return pairs.stream().filter(p -> !p.separated()).toList();
    }

    /** {@code result} with only its whole-run latency figures: the phases are parts of the same deliveries. */
    private static StrategyResult wholeRun(StrategyResult result) {
        List<LatencyFigures> latency = result.latency().stream().filter(f -> f.phase().equals(PHASE)).toList();
        return new StrategyResult(result.strategy(), result.correctness(), latency, result.budgets(),
                result.examples(), result.hlogs(), result.convergenceByClient(), result.correctnessOverTime(),
                result.rooms(), result.recovery(), result.ackedLost(), result.cost());
    }
}
