package dev.livetalk.reports;

import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;

/**
 * One report section with its baseline comparison: what decides pass or fail.
 *
 * <p>Immutable; any thread.
 *
 * @param section     the scenario's runs
 * @param regressions per seed run of the section, in order, the baseline verdicts (empty lists without a baseline)
 */
public record ScenarioVerdict(ScenarioSection section, List<List<RegressionVerdict>> regressions) {
    public ScenarioVerdict {
        if (regressions.size() != section.runs().size()) {
            throw new IllegalArgumentException("one list of regressions per seed run: " + regressions.size()
                    + " for " + section.runs().size() + " runs");
        }
        regressions = regressions.stream().map(List::copyOf).toList();
    }

    /** The verdicts of {@code section} compared with {@code baseline} (may be null: no baseline). */
    public static ScenarioVerdict of(ScenarioSection section, Baseline baseline) {
        return new ScenarioVerdict(section, section.runs().stream()
                .map(r -> baseline == null ? List.<RegressionVerdict>of() : baseline.compare(r))
                .toList());
    }

    /** A failed budget, with the seed of the run it failed in. */
    public record FailedBudget(long seed, BudgetVerdict verdict) {
    }

    /** A baseline comparison, with the seed of the run. */
    public record SeededRegression(long seed, RegressionVerdict verdict) {
    }

    /** Every budget that failed, seed by seed. */
    public List<FailedBudget> failedBudgets() {
        List<FailedBudget> failed = new ArrayList<>();
        for (ScenarioSection.SeedRun run : section.runs()) {
            for (StrategyResult s : run.document().strategies()) {
                s.budgets().stream().filter(b -> !b.passed())
                        .forEach(b -> failed.add(new FailedBudget(run.document().seed(), b)));
            }
        }
        return failed;
    }

    /** Every baseline comparison, seed by seed. */
    public List<SeededRegression> comparisons() {
        List<SeededRegression> all = new ArrayList<>();
        for (int i = 0; i < regressions.size(); i++) {
            long seed = section.runs().get(i).document().seed();
            regressions.get(i).forEach(r -> all.add(new SeededRegression(seed, r)));
        }
        return all;
    }

    /** The baseline comparisons that failed. */
    public List<SeededRegression> failedRegressions() {
        return comparisons().stream().filter(r -> !r.verdict().passed()).toList();
    }

    /** Whether every budget holds and nothing regressed. */
    public boolean passed() {
        return failedBudgets().isEmpty() && failedRegressions().isEmpty();
    }

    /** Strategy runs: strategies x seeds. */
    public long strategyRuns() {
        return section.runs().stream().mapToLong(r -> r.document().strategies().size()).sum();
    }
}
