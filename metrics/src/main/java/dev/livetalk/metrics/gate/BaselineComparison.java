package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.recovery.CostFigures;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

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
 * ({@link #countPValue}); the clients not converged likewise. What a change bought is judged by
 * the same rules as what it cost: an improvement is a change whose reverse would be a regression
 * (a count that fell by more than the tolerance and significantly; a latency significantly lower
 * beyond the threshold and floor; a never that became a value only when the lost count fell so);
 * a smaller move either way is within noise. Every comparison gives a verdict, passing or not, saying what changed.
 * The recovery figures of the fault windows ({@code recovery}, {@code ackedLost}) are not compared:
 * one sample per window, a handful per run, gives no noise to judge a change against, and
 * acknowledged losses are an absolute rule ({@code acked-lost == 0}): both belong in budgets.
 * The run's cost figures that are counts ({@link CostFigures}: messages refetched and requests
 * sent over the windows, the server's peak of requests per second) are compared as counts, when
 * both documents hold them: what a change to a strategy bought and cost.
 *
 * <p>Stateless; any thread.
 */
public final class BaselineComparison {
    /** Latency metrics that measure the harness, not the strategy: never gated. */
    public static final Set<String> HEALTH_METRICS = Set.of("scheduling-lag");
    /** The one-sided significance a count's growth must reach to regress ({@link #countPValue}). */
    static final double COUNT_SIGNIFICANCE = 0.001;
    private static final double[] PERCENTILES = {50, 99};
    private static final List<String> COUNTS = List.of("lost", "duplicates", "phantoms", "inversions", "moves",
            "causal-violations", "stuck-pending", "unfounded-delivered", "unfounded-read", "status-ahead",
            "status-backwards", "missing-echoes");

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
                verdicts.addAll(compare(baseline, before, baselineIntervals, current, now, currentIntervals,
                        tolerance));
            }
        }
        return verdicts;
    }

    /**
     * The verdicts of every figure of {@code now} (a strategy's result in {@code current}) against
     * {@code before} (a result in {@code baseline}, possibly of another strategy or of another version
     * of it, possibly in the same document): the gate's rules on one pair. Each side's interval logs
     * are looked up under its own strategy name. The verdicts carry {@code now}'s name.
     */
    public static List<RegressionVerdict> compare(ResultsDocument baseline, StrategyResult before,
                                                  IntervalSource baselineIntervals, ResultsDocument current,
                                                  StrategyResult now, IntervalSource currentIntervals,
                                                  Tolerance tolerance) {
        List<RegressionVerdict> verdicts = new ArrayList<>();
        long lag = Math.max(harnessLag(before), harnessLag(now));
        Floors floors = new Floors(
                tolerance.withLatencyFloorNanos(Math.max(Math.max(tolerance.latencyFloorNanos(), lag),
                        Math.max(medianNoiseFloor(baseline), medianNoiseFloor(current)))),
                tolerance.withLatencyFloorNanos(Math.max(Math.max(tolerance.latencyFloorNanos(), lag),
                        Math.max(noiseFloor(baseline), noiseFloor(current)))));
        for (LatencyFigures figures : now.latency()) {
            LatencyFigures old = before.latency(figures.metric(), figures.phase());
            if (old != null && !HEALTH_METRICS.contains(figures.metric()) && intended(old) > 0
                    && intended(figures) > 0) {
                latency(before.strategy(), now.strategy(), old, baselineIntervals, figures, currentIntervals, floors,
                        NeverLatency.lossRegressed(before.correctness().lost(), now.correctness().lost(), tolerance),
                        NeverLatency.lossRegressed(now.correctness().lost(), before.correctness().lost(), tolerance),
                        verdicts);
            }
        }
        counts(before.correctness(), now.correctness(), now.strategy(), tolerance, verdicts);
        costs(before.cost(), now.cost(), now.strategy(), tolerance, verdicts);
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

    /** The calibrated noise floor of a median in a run ({@link dev.livetalk.metrics.results.Calibration#medianNoiseFloorNanos}). */
    static long medianNoiseFloor(ResultsDocument document) {
        return document.environment() == null ? 0 : document.environment().calibration().medianNoiseFloorNanos();
    }

    /**
     * The tolerance of one strategy's comparison with its floor raised per percentile: a p50
     * against the median's noise floor, a tail percentile against the tail's.
     */
    record Floors(Tolerance median, Tolerance tail) {
        Tolerance of(double percentile) {
            return percentile <= 50 ? median : tail;
        }
    }

    private static long intended(LatencyFigures f) {
        return f.corrected().count() + NeverLatency.count(f);
    }

    private static void latency(String oldStrategy, String strategy, LatencyFigures old, IntervalSource oldIntervals,
                                LatencyFigures now, IntervalSource nowIntervals, Floors floors, boolean lossRegressed,
                                boolean lossImproved, List<RegressionVerdict> verdicts) {
        Tolerance tolerance = floors.tail();
        var before = oldIntervals.corrected(oldStrategy, old.metric(), old.phase());
        var after = nowIntervals.corrected(strategy, now.metric(), now.phase());
        String fallback = !oldIntervals.available() ? "no interval logs in the baseline"
                : !nowIntervals.available() ? "no interval logs in this run"
                : before.size() < tolerance.minIntervals() || after.size() < tolerance.minIntervals()
                ? String.format(Locale.ROOT, "%d and %d intervals, fewer than %d", before.size(), after.size(),
                        tolerance.minIntervals())
                : null;
        boolean neverGrew = lossRegressed;
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
                        Double.NaN, Double.NaN, z, fallback).verdict(floors.of(p), neverGrew, lossImproved));
            }
            return;
        }
        String pair = oldStrategy.equals(strategy) ? strategy : oldStrategy + "/" + strategy;
        long seed = tolerance.seed() * 1_000_003L + (pair + "/" + name).hashCode();
        BlockBootstrap.Estimate[] estimates = BlockBootstrap.compare(
                new BlockBootstrap.Sample(before, NeverLatency.count(old)),
                new BlockBootstrap.Sample(after, NeverLatency.count(now)), PERCENTILES, tolerance.resamples(),
                tolerance.confidence(), seed);
        for (BlockBootstrap.Estimate e : estimates) {
            verdicts.add(new LatencyChange(strategy, name.formatted((int) e.percentile()), e.percentile(),
                    e.baseline(), e.current(), e.low(), e.high(), Double.NaN, null).verdict(floors.of(e.percentile()),
                    neverGrew, lossImproved));
        }
    }

    private static void counts(CorrectnessFigures before, CorrectnessFigures now, String strategy, Tolerance tolerance,
                               List<RegressionVerdict> verdicts) {
        for (String name : COUNTS) {
            long b = count(before, name);
            long c = count(now, name);
            double p = countChangePValue(b, c);
            Change change = countChange(b, c, tolerance, p);
            verdicts.add(new RegressionVerdict(strategy, name, b, c, change,
                    String.format(Locale.ROOT, "%s %s: %d vs %d in the baseline (%+d, tolerance +%d, %s): %s",
                            strategy, name, c, b, c - b, tolerance.countAbsolute(), noise(p), change.text())));
        }
        long notBefore = before.clients() - before.convergedClients();
        long notNow = now.clients() - now.convergedClients();
        double p = countChangePValue(notBefore, notNow);
        Change change = countChange(notBefore, notNow, tolerance, p);
        verdicts.add(new RegressionVerdict(strategy, "converged", before.convergedClients(), now.convergedClients(),
                change, String.format(Locale.ROOT, "%s converged clients: %d vs %d in the baseline (%+d, tolerance -%d,"
                        + " %s): %s", strategy, now.convergedClients(), before.convergedClients(),
                        now.convergedClients() - before.convergedClients(), tolerance.countAbsolute(), noise(p),
                        change.text())));
    }

    /**
     * The cost figures that are counts, compared as counts (docs/METRICS.md, Recovery): the messages
     * refetched and the requests sent, summed over the windows, and the server's peak of requests in one
     * second during a recovery. Only when both documents hold them.
     */
    private static void costs(CostFigures before, CostFigures now, String strategy, Tolerance tolerance,
                              List<RegressionVerdict> verdicts) {
        if (before == null || now == null) {
            return;
        }
        cost(strategy, "refetched", "messages refetched over the windows", before.refetchedMessages(),
                now.refetchedMessages(), tolerance, verdicts);
        if (before.requests() != null && now.requests() != null) {
            cost(strategy, "requests", "requests sent over the windows", before.requests(), now.requests(), tolerance,
                    verdicts);
        }
        if (before.serverPeak() != null && now.serverPeak() != null) {
            cost(strategy, "server-peak", "peak requests per second at the server", before.serverPeak(),
                    now.serverPeak(), tolerance, verdicts);
        }
    }

    private static void cost(String strategy, String name, String what, long b, long c, Tolerance tolerance,
                             List<RegressionVerdict> verdicts) {
        double p = countChangePValue(b, c);
        Change change = countChange(b, c, tolerance, p);
        verdicts.add(new RegressionVerdict(strategy, name, b, c, change,
                String.format(Locale.ROOT, "%s %s (%s): %d vs %d in the baseline (%+d, tolerance +%d, %s): %s",
                        strategy, name, what, c, b, c - b, tolerance.countAbsolute(), noise(p), change.text())));
    }

    private static String noise(double p) {
        return p >= 1 ? "no change" : String.format(Locale.ROOT, "p %.2g of count noise, needs < %s", p,
                Figures.plain(COUNT_SIGNIFICANCE));
    }

    /**
     * The p-value of a count's change in the direction it went: of the growth when it grew
     * ({@link #countPValue}), of the fall when it fell (the same test with the runs swapped), 1
     * when it did not move. What a change bought is judged by the same test as what it cost.
     */
    static double countChangePValue(long before, long now) {
        return now >= before ? countPValue(before, now) : countPValue(now, before);
    }

    /**
     * Whether a count that went from {@code before} to {@code now} grew beyond its own noise: the
     * exact conditional test for two Poisson counts (given {@code before + now} events, each
     * falls in the current run with probability 1/2 when the rate did not change; one-sided
     * binomial test), significant below {@link #COUNT_SIGNIFICANCE}. Identical reruns through
     * Toxiproxy move a strategy's counts (event-only in the outage scenario: lost 61 to 65,
     * inversions 0 to 1 or 11 to 15), which a fixed tolerance of 0 called regressions in 7 of
     * 10 identical pairs; a strategy that lost nothing and now loses 10 messages is significant.
     */
    static double countPValue(long before, long now) {
        if (now <= before) {
            return 1;
        }
        return BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
                .test(Math.toIntExact(Math.min(Integer.MAX_VALUE, before + now)),
                        Math.toIntExact(Math.min(Integer.MAX_VALUE, now)), 0.5).getPValue();
    }

    /**
     * What a count's move from {@code before} to {@code now} is, by one rule in both directions: a
     * regression when it grew by more than the absolute tolerance and significantly, an
     * improvement when it fell so (the reverse change would be a regression), unchanged when it
     * did not move, else within noise: 41 to 40 moves is noise, not an improvement. {@code p} is
     * the p-value of the growth ({@link #countPValue}); that of a fall is computed here.
     */
    static Change countChange(long before, long now, Tolerance tolerance, double p) {
        long worse = now - before;
        if (worse == 0) {
            return Change.UNCHANGED;
        }
        if (worse > 0) {
            return worse > tolerance.countAbsolute() && p < COUNT_SIGNIFICANCE ? Change.REGRESSION : Change.WITHIN_NOISE;
        }
        return -worse > tolerance.countAbsolute() && countPValue(now, before) < COUNT_SIGNIFICANCE
                ? Change.IMPROVEMENT : Change.WITHIN_NOISE;
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
            case "unfounded-delivered" -> f.unfoundedDelivered();
            case "unfounded-read" -> f.unfoundedRead();
            case "status-ahead" -> f.statusAhead();
            case "status-backwards" -> f.statusBackwards();
            case "missing-echoes" -> f.missingEchoes();
            default -> throw new IllegalArgumentException("not a count: " + name);
        };
    }

    /** One line saying how latency is compared, with the bootstrap's parameters and seed (for the console). */
    public static String method(Tolerance tolerance) {
        return String.format(Locale.ROOT, "gate: a latency change regresses when significant (block bootstrap over"
                        + " 1 s intervals, %d resamples, %s%% CI, seed %d; with fewer than %d intervals a side, p50 only,"
                        + " by a rank test on the samples) and above +%s%% and %s (or the calibrated noise floor, or the"
                        + " runs' scheduling-lag p99); counts when they grow by more than +%d and significantly (binomial"
                        + " test of two Poisson counts, p < 0.001); an improvement needs the same test the other way", tolerance.resamples(),
                Figures.number(tolerance.confidence() * 100), tolerance.seed(), tolerance.minIntervals(),
                Figures.number(tolerance.latencyRelative() * 100), Figures.duration(tolerance.latencyFloorNanos()),
                tolerance.countAbsolute());
    }
}
