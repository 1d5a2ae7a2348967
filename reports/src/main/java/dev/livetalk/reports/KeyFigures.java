package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one strategy run that the overview shows.
 *
 * <p>Immutable; any thread.
 *
 * @param lost              entitled messages never shown
 * @param duplicates        extra display entries
 * @param phantoms          entries never committed
 * @param inversions        pairs shown out of seq order
 * @param convergedShare    clients that converged, in percent
 * @param peerFinalP99Nanos corrected peer-final p99 (all phases) over every intended delivery,
 *                          {@code +Infinity} when it is never, or -1 without samples
 * @param budgetsPassed     budgets that hold
 * @param budgets           budgets that apply
 */
public record KeyFigures(long lost, long duplicates, long phantoms, long inversions, double convergedShare,
                         double peerFinalP99Nanos, int budgetsPassed, int budgets) {

    /** The figures of {@code result}. */
    public static KeyFigures of(StrategyResult result) {
        CorrectnessFigures c = result.correctness();
        LatencyFigures peerFinal = result.latency("peer-final", "all");
        double p99 = peerFinal == null || peerFinal.corrected().count() == 0 ? -1 : nanos(peerFinal.corrected().p99());
        int passed = (int) result.budgets().stream().filter(BudgetVerdict::passed).count();
        return new KeyFigures(c.lost(), c.duplicates(), c.phantoms(), c.inversions(), c.convergedShare(), p99,
                passed, result.budgets().size());
    }

    /** A latency figure as a number: never is {@code +Infinity}, so it sorts and takes medians above every latency. */
    static double nanos(long figure) {
        return Percentiles.isNever(figure) ? Double.POSITIVE_INFINITY : figure;
    }

    /** Whether every budget holds (true without budgets). */
    public boolean budgetsHold() {
        return budgetsPassed == budgets;
    }

    /** The spread of one figure over several runs: min, median and max. */
    public record Spread(double min, double median, double max) {
        /** The spread of {@code figure} over {@code runs} (not empty). */
        public static Spread of(List<KeyFigures> runs, ToDoubleFunction<KeyFigures> figure) {
            double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
            if (values.length == 0) {
                throw new IllegalArgumentException("a spread needs at least one run");
            }
            int mid = values.length / 2;
            double median = values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
            return new Spread(values[0], median, values[values.length - 1]);
        }

        /** Whether every run had the same value. */
        public boolean constant() {
            return min == max;
        }
    }
}
