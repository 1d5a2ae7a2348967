package dev.livetalk.reports;

import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.gate.StrategyRanking;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.RegressionVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * One report section with its baseline comparisons, those of two versions of a strategy played
 * side by side ({@link VersionComparison}) and the ranking of its strategies. It
 * decides nothing: {@link #verdict()} asks {@link Verdict}, the one pass/fail rule, and
 * {@link #ranking()} is {@link StrategyRanking}'s and {@link #tradeOff()} is {@link TradeOff}'s, made once
 * here for every output.
 *
 * <p>Immutable; any thread.
 *
 * @param section     the scenario's runs
 * @param comparisons per seed run of the section, in order, the baseline comparisons (empty lists without a baseline)
 * @param ranking     the best strategies on correctness and latency, of the first seed
 * @param tradeOff    the figures that tell the strategies of the first seed apart
 * @param versions    per seed run, in order, the verdicts of each strategy against its baseline's version
 *                    played beside it ({@link VersionComparison}; empty lists without one); they gate as
 *                    the baseline comparisons do
 */
public record ComparedSection(ScenarioSection section, List<List<RegressionVerdict>> comparisons,
                              StrategyRanking ranking, TradeOff tradeOff, List<List<RegressionVerdict>> versions) {
    public ComparedSection {
        if (comparisons.size() != section.runs().size() || versions.size() != section.runs().size()) {
            throw new IllegalArgumentException("one list of comparisons and of versions per seed run: "
                    + comparisons.size() + " and " + versions.size() + " for " + section.runs().size() + " runs");
        }
        comparisons = comparisons.stream().map(List::copyOf).toList();
        versions = versions.stream().map(List::copyOf).toList();
    }

    /** A section without versions compared, with the trade-off of its first seed as {@link #of} makes it. */
    public ComparedSection(ScenarioSection section, List<List<RegressionVerdict>> comparisons,
                           StrategyRanking ranking) {
        this(section, comparisons, ranking, tradeOff(section.first(), intervals(section.first())),
                section.runs().stream().map(r -> List.<RegressionVerdict>of()).toList());
    }

    /** {@code section} compared with {@code baseline} (may be null: no baseline); versions under the default tolerance. */
    public static ComparedSection of(ScenarioSection section, Baseline baseline) {
        return of(section, baseline, baseline == null ? Tolerance.DEFAULT : baseline.tolerance());
    }

    /**
     * {@code section} compared with {@code baseline} (may be null: no baseline), and each strategy
     * with its baseline's version played beside it under {@code tolerance}.
     */
    public static ComparedSection of(ScenarioSection section, Baseline baseline, Tolerance tolerance) {
        IntervalSource intervals = intervals(section.first());
        return new ComparedSection(section, section.runs().stream()
                .map(r -> baseline == null ? List.<RegressionVerdict>of() : baseline.compare(r))
                .toList(), ranking(section.first(), intervals), tradeOff(section.first(), intervals),
                section.runs().stream().map(r -> r == section.first()
                        ? VersionComparison.compare(r.document(), intervals, tolerance) // its logs read once
                        : VersionComparison.compare(r, tolerance)).toList());
    }

    /**
     * The ranking of a seed's strategies, latency compared with its interval logs under the
     * default tolerance (the gate's thresholds, whatever a baseline was given).
     */
    static StrategyRanking ranking(ScenarioSection.SeedRun run) {
        return ranking(run, intervals(run));
    }

    private static StrategyRanking ranking(ScenarioSection.SeedRun run, IntervalSource intervals) {
        return StrategyRanking.of(run.document(), intervals, Tolerance.DEFAULT);
    }

    /** The trade-off of a seed's strategies, under the default tolerance like the ranking. */
    private static TradeOff tradeOff(ScenarioSection.SeedRun run, IntervalSource intervals) {
        return TradeOff.of(run.document(), intervals, Tolerance.DEFAULT);
    }

    private static IntervalSource intervals(ScenarioSection.SeedRun run) {
        return LoggedIntervals.read(run.hlogFiles());
    }

    /** A baseline comparison, with the seed of the run. */
    public record SeededComparison(long seed, RegressionVerdict comparison) {
    }

    /** The section's results documents, each with its comparisons: what the verdict is made of. */
    public List<Verdict.CheckedRun> checkedRuns() {
        List<Verdict.CheckedRun> runs = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            List<RegressionVerdict> all = new ArrayList<>(comparisons.get(i));
            all.addAll(versions.get(i));
            runs.add(new Verdict.CheckedRun(section.runs().get(i).document(), all));
        }
        return runs;
    }

    /** The verdict of this section alone. */
    public Verdict verdict() {
        return Verdict.of(checkedRuns());
    }

    /** Every baseline comparison, seed by seed. */
    public List<SeededComparison> allComparisons() {
        List<SeededComparison> all = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            long seed = section.runs().get(i).document().seed();
            comparisons.get(i).forEach(r -> all.add(new SeededComparison(seed, r)));
        }
        return all;
    }
}
