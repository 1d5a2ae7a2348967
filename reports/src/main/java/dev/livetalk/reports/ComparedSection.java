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
 * One report section with its baseline comparisons and the ranking of its strategies. It
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
 */
public record ComparedSection(ScenarioSection section, List<List<RegressionVerdict>> comparisons,
                              StrategyRanking ranking, TradeOff tradeOff) {
    public ComparedSection {
        if (comparisons.size() != section.runs().size()) {
            throw new IllegalArgumentException("one list of comparisons per seed run: " + comparisons.size()
                    + " for " + section.runs().size() + " runs");
        }
        comparisons = comparisons.stream().map(List::copyOf).toList();
    }

    /** With the trade-off of the section's first seed, as {@link #of} makes it. */
    public ComparedSection(ScenarioSection section, List<List<RegressionVerdict>> comparisons,
                           StrategyRanking ranking) {
        this(section, comparisons, ranking, tradeOff(section.first(), intervals(section.first())));
    }

    /** {@code section} compared with {@code baseline} (may be null: no baseline). */
    public static ComparedSection of(ScenarioSection section, Baseline baseline) {
        IntervalSource intervals = intervals(section.first());
        return new ComparedSection(section, section.runs().stream()
                .map(r -> baseline == null ? List.<RegressionVerdict>of() : baseline.compare(r))
                .toList(), ranking(section.first(), intervals), tradeOff(section.first(), intervals));
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
            runs.add(new Verdict.CheckedRun(section.runs().get(i).document(), comparisons.get(i)));
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
