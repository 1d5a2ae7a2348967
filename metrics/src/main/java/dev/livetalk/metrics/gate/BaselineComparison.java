package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares a run with an earlier results document, per strategy found in both. Latency: the
 * corrected p50 and p99 of every metric and phase measured in both, scheduling lag excepted (a
 * figure of the harness's health, not of the strategy); a change is a regression only when it
 * is significant, by a block bootstrap over the 1 s interval histograms of both runs
 * ({@link BlockBootstrap}), and larger than the tolerance's practical threshold and absolute
 * floor ({@link LatencyChange}); the floor is at least the harness's calibrated noise floor and
 * the runs' own scheduling-lag p99. Counts: the absolute tolerance plus the count's own noise
 * ({@link #allowedIncrease}); the clients not converged likewise. Every comparison gives a verdict, passing or not, saying what changed.
 *
 * <p>Stateless; any thread.
 */
public final class BaselineComparison {
    /** Latency metrics that measure the harness, not the strategy: never gated. */
    public static final Set<String> HEALTH_METRICS = Set.of("scheduling-lag");
    /** Standard deviations of a Poisson count that a count may move by before it regresses. */
    static final double COUNT_NOISE_SIGMAS = 3;
    private static final double[] PERCENTILES = {50, 99};
    private static final List<String> COUNTS = List.of("lost", "duplicates", "phantoms", "inversions", "moves",
            "causal-violations", "stuck-pending");

    private BaselineComparison() {
    }

    /** The verdicts without interval logs on either side: latency by the fallback rule only. */
    public static List<RegressionVerdict> compare(ResultsDocument baseline, ResultsDocument current,
                                                  Tolerance tolerance) {
        return compare(baseline, IntervalSource.NONE, current, IntervalSource.NONE, tolerance);
    }

    /** The verdicts of every figure of {@code current} that {@code baseline} also has. */
    public static List<RegressionVerdict> compare(ResultsDocument baseline, IntervalSource baselineIntervals,
                                                  ResultsDocument current, IntervalSource currentIntervals,
                                                  Tolerance tolerance) {
        List<RegressionVerdict> verdicts = new ArrayList<>();
        for (StrategyResult now : current.strategies()) {
            StrategyResult before = baseline.strategy(now.strategy());
            if (before != null) {
                Tolerance floored = tolerance.withLatencyFloorNanos(Math.max(
                        Math.max(tolerance.latencyFloorNanos(), Math.max(noiseFloor(baseline), noiseFloor(current))),
                        Math.max(harnessLag(before), harnessLag(now))));
                for (LatencyFigures figures : now.latency()) {
                    LatencyFigures old = before.latency(figures.metric(), figures.phase());
                    if (old != null && !HEALTH_METRICS.contains(figures.metric()) && intended(old) > 0
                            && intended(figures) > 0) {
                        latency(now.strategy(), old, baselineIntervals, figures, currentIntervals, floored,
                                verdicts);
                    }
                }
                counts(before.correctness(), now.correctness(), now.strategy(), tolerance, verdicts);
            }
        }
        return verdicts;
    }

    /**
     * The harness's own delay in a strategy's run: its scheduling-lag p99 (0 in the simulator). A
     * latency change smaller than the larger of the two runs' cannot be told from the harness
     * being late, so it raises the floor of that strategy's comparison.
     */
    static long harnessLag(StrategyResult result) {
        LatencyFigures lag = result.latency("scheduling-lag", "all");
        return lag == null ? 0 : lag.corrected().p99();
    }

    /**
     * The harness's measured noise floor in a run ({@code livetalk calibrate}'s figure, carried in
     * the document's environment; 0 in the simulator and where none was measured): a latency
     * change below it is within noise.
     */
    static long noiseFloor(ResultsDocument document) {
        return document.environment() == null ? 0 : document.environment().calibration().noiseFloorNanos();
    }

    private static long intended(LatencyFigures f) {
        return f.corrected().count() + NeverLatency.count(f);
    }

    private static void latency(String strategy, LatencyFigures old, IntervalSource oldIntervals, LatencyFigures now,
                                IntervalSource nowIntervals, Tolerance tolerance, List<RegressionVerdict> verdicts) {
        var before = oldIntervals.corrected(strategy, old.metric(), old.phase());
        var after = nowIntervals.corrected(strategy, now.metric(), now.phase());
        String fallback = !oldIntervals.available() ? "no interval logs in the baseline"
                : !nowIntervals.available() ? "no interval logs in this run"
                : before.size() < tolerance.minIntervals() || after.size() < tolerance.minIntervals()
                ? String.format(Locale.ROOT, "%d and %d intervals, fewer than %d", before.size(), after.size(),
                        tolerance.minIntervals())
                : null;
        boolean neverGrew = NeverLatency.regressed(old, now, tolerance);
        String name = now.metric() + " p%d " + now.phase();
        if (fallback != null) {
            boolean logged = !before.isEmpty() && !after.isEmpty();
            var b = new BlockBootstrap.Sample(before, NeverLatency.count(old)).recorded();
            var c = new BlockBootstrap.Sample(after, NeverLatency.count(now)).recorded();
            double z = logged ? RankTest.z(b, c) : Double.NaN;
            for (double p : PERCENTILES) {
                verdicts.add(new LatencyChange(strategy, name.formatted((int) p), p,
                        logged ? BlockBootstrap.exact(b, p) : NeverLatency.percentile(old, (int) p),
                        logged ? BlockBootstrap.exact(c, p) : NeverLatency.percentile(now, (int) p),
                        Double.NaN, Double.NaN, z, fallback).verdict(tolerance, neverGrew));
            }
            return;
        }
        long seed = tolerance.seed() * 1_000_003L + (strategy + "/" + name).hashCode();
        BlockBootstrap.Estimate[] estimates = BlockBootstrap.compare(
                new BlockBootstrap.Sample(before, NeverLatency.count(old)),
                new BlockBootstrap.Sample(after, NeverLatency.count(now)), PERCENTILES, tolerance.resamples(),
                tolerance.confidence(), seed);
        for (BlockBootstrap.Estimate e : estimates) {
            verdicts.add(new LatencyChange(strategy, name.formatted((int) e.percentile()), e.percentile(),
                    e.baseline(), e.current(), e.low(), e.high(), Double.NaN, null).verdict(tolerance, neverGrew));
        }
    }

    private static void counts(CorrectnessFigures before, CorrectnessFigures now, String strategy, Tolerance tolerance,
                               List<RegressionVerdict> verdicts) {
        for (String name : COUNTS) {
            long b = count(before, name);
            long c = count(now, name);
            long allowed = allowedIncrease(b, tolerance);
            Change change = countChange(c - b, allowed);
            verdicts.add(new RegressionVerdict(strategy, name, b, c, change,
                    String.format(Locale.ROOT, "%s %s: %d vs %d in the baseline (%+d, allowed +%d: %s): %s", strategy,
                            name, c, b, c - b, allowed, allowance(b, tolerance), change.text())));
        }
        long b = before.convergedClients();
        long c = now.convergedClients();
        long notConverged = before.clients() - b;
        long allowed = allowedIncrease(notConverged, tolerance);
        Change change = countChange(b - c, allowed);
        verdicts.add(new RegressionVerdict(strategy, "converged", b, c, change,
                String.format(Locale.ROOT, "%s converged clients: %d vs %d in the baseline (%+d, allowed -%d: %s "
                        + "of the %d not converged): %s", strategy, c, b, c - b, allowed,
                        allowance(notConverged, tolerance), notConverged, change.text())));
    }

    /**
     * How much a count may grow before it regresses: the count tolerance plus the count's own
     * noise, {@link #COUNT_NOISE_SIGMAS} standard deviations of a Poisson count of the baseline's
     * size (3 sqrt(b), rounded down). A count that was 0 may not grow beyond the tolerance at all:
     * a strategy that lost nothing and now loses one message regressed. One that was 61 (a
     * strategy that loses by design, as {@code event-only} in an outage) may grow by 23: identical
     * reruns through Toxiproxy move such counts by several (lost 61 to 65, inversions 11 to 15).
     */
    static long allowedIncrease(long baselineCount, Tolerance tolerance) {
        return tolerance.countAbsolute() + (long) Math.floor(COUNT_NOISE_SIGMAS * Math.sqrt(Math.max(0, baselineCount)));
    }

    private static String allowance(long baselineCount, Tolerance tolerance) {
        return String.format(Locale.ROOT, "tolerance +%d and count noise 3 sqrt(%d)", tolerance.countAbsolute(),
                baselineCount);
    }

    /** A count that got worse by {@code worse}: beyond what is allowed a regression, within it noise. */
    private static Change countChange(long worse, long allowed) {
        return worse > allowed ? Change.REGRESSION
                : worse > 0 ? Change.WITHIN_NOISE
                : worse < 0 ? Change.IMPROVEMENT : Change.UNCHANGED;
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

    /** One line saying how latency is compared, with the bootstrap's parameters and seed (for the console). */
    public static String method(Tolerance tolerance) {
        return String.format(Locale.ROOT, "gate: a latency change regresses when significant (block bootstrap over"
                        + " 1 s intervals, %d resamples, %s%% CI, seed %d; with fewer than %d intervals a side, p50 only,"
                        + " by a rank test on the samples) and above +%s%% and %s (or the runs' scheduling-lag p99);"
                        + " counts by +%d", tolerance.resamples(),
                Figures.number(tolerance.confidence() * 100), tolerance.seed(), tolerance.minIntervals(),
                Figures.number(tolerance.latencyRelative() * 100), Figures.duration(tolerance.latencyFloorNanos()),
                tolerance.countAbsolute());
    }
}
