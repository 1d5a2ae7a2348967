package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Compares a run with an earlier results document, per strategy found in both: the corrected
 * p50 and p99 of every latency metric and phase measured in both (relative tolerance), and
 * the correctness counts (absolute tolerance; the converged clients may not shrink by more).
 * Every comparison gives a verdict, passing or not, saying by how much the figure changed.
 *
 * <p>Stateless; any thread.
 */
public final class BaselineComparison {
    private static final List<String> COUNTS = List.of("lost", "duplicates", "phantoms", "inversions", "moves",
            "causal-violations", "stuck-pending");

    private BaselineComparison() {
    }

    /** The verdicts of every figure of {@code current} that {@code baseline} also has. */
    public static List<RegressionVerdict> compare(ResultsDocument baseline, ResultsDocument current,
                                                  Tolerance tolerance) {
        List<RegressionVerdict> verdicts = new ArrayList<>();
        for (StrategyResult now : current.strategies()) {
            StrategyResult before = baseline.strategy(now.strategy());
            if (before != null) {
                latencies(before, now, tolerance, verdicts);
                counts(before.correctness(), now.correctness(), now.strategy(), tolerance, verdicts);
            }
        }
        return verdicts;
    }

    private static void latencies(StrategyResult before, StrategyResult now, Tolerance tolerance,
                                  List<RegressionVerdict> verdicts) {
        for (LatencyFigures figures : now.latency()) {
            LatencyFigures old = before.latency(figures.metric(), figures.phase());
            if (old == null || old.corrected().count() == 0 || figures.corrected().count() == 0) {
                continue;
            }
            String name = figures.metric() + " %s " + figures.phase();
            verdicts.add(latency(now.strategy(), name.formatted("p50"), old.corrected(), figures.corrected(),
                    Percentiles::p50, tolerance));
            verdicts.add(latency(now.strategy(), name.formatted("p99"), old.corrected(), figures.corrected(),
                    Percentiles::p99, tolerance));
        }
    }

    private static RegressionVerdict latency(String strategy, String figure, Percentiles old, Percentiles now,
                                             ToLongFunction<Percentiles> value, Tolerance tolerance) {
        double b = value.applyAsLong(old);
        double c = value.applyAsLong(now);
        double change = b == 0 ? 0 : (c - b) / b;
        boolean passed = c <= b * (1 + tolerance.latencyRelative()) || c - b < tolerance.latencyFloorNanos();
        String message = String.format(Locale.ROOT, "%s %s: %s vs %s in the baseline (%+.1f%%, tolerance +%.1f%%)",
                strategy, figure, Figures.duration(c), Figures.duration(b), change * 100,
                tolerance.latencyRelative() * 100);
        return new RegressionVerdict(strategy, figure, b, c, passed, message);
    }

    private static void counts(CorrectnessFigures before, CorrectnessFigures now, String strategy, Tolerance tolerance,
                               List<RegressionVerdict> verdicts) {
        for (String name : COUNTS) {
            long b = count(before, name);
            long c = count(now, name);
            verdicts.add(new RegressionVerdict(strategy, name, b, c, c - b <= tolerance.countAbsolute(),
                    String.format(Locale.ROOT, "%s %s: %d vs %d in the baseline (%+d, tolerance +%d)", strategy, name,
                            c, b, c - b, tolerance.countAbsolute())));
        }
        long b = before.convergedClients();
        long c = now.convergedClients();
        verdicts.add(new RegressionVerdict(strategy, "converged", b, c, b - c <= tolerance.countAbsolute(),
                String.format(Locale.ROOT, "%s converged clients: %d vs %d in the baseline (%+d, tolerance -%d)",
                        strategy, c, b, c - b, tolerance.countAbsolute())));
    }

    private static long count(CorrectnessFigures f, String name) {
        return switch (name) {
            case "lost" -> f.lost();
            case "duplicates" -> f.duplicates();
            case "phantoms" -> f.phantoms();
            case "inversions" -> f.inversions();
            case "moves" -> f.moves();
            case "causal-violations" -> f.causalViolations();
            case "stuck-pending" -> f.stuckPending();
            default -> throw new IllegalArgumentException("not a count: " + name);
        };
    }
}
