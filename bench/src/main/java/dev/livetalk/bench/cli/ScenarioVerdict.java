package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.List;

/**
 * One scenario's results and its comparison with the baseline.
 *
 * @param results     the results document
 * @param regressions the baseline comparisons (empty without a baseline)
 */
record ScenarioVerdict(ResultsDocument results, List<RegressionVerdict> regressions) {
    ScenarioVerdict {
        regressions = List.copyOf(regressions);
    }

    /** Whether every budget holds and nothing regressed. */
    boolean passed() {
        return failedBudgets().isEmpty() && regressions.stream().allMatch(RegressionVerdict::passed);
    }

    List<BudgetVerdict> failedBudgets() {
        return results.strategies().stream()
                .flatMap(strategy -> strategy.budgets().stream())
                .filter(verdict -> !verdict.passed())
                .toList();
    }

    List<StrategyResult> strategies() {
        return results.strategies();
    }
}
