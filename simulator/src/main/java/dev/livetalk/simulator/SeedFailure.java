package dev.livetalk.simulator;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.BudgetVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * One seed of a sweep whose run failed a budget or broke a correctness invariant for one strategy.
 *
 * <p>Immutable; any thread.
 *
 * @param seed       the seed
 * @param strategy   the strategy
 * @param budgets    the budgets that failed: these gate ({@link Verdict})
 * @param invariants the invariants broken, with the observed figure ({@code duplicates == 0: observed 2}):
 *                   reported, not gated
 * @param traceHash  the run's trace hash: a replay with this seed must give it again
 * @param repro      the command line that replays it
 */
public record SeedFailure(long seed, String strategy, List<BudgetVerdict> budgets, List<String> invariants,
                          String traceHash, String repro) {
    public SeedFailure {
        budgets = List.copyOf(budgets);
        invariants = List.copyOf(invariants);
    }

    /** The gated failures of this run, as the verdict counts them. */
    public List<Verdict.Failure> failures(String scenario) {
        return Verdict.failuresOf(scenario, seed, budgets, List.of());
    }

    /** What failed, one line each: budget messages, then invariants marked as not gated. */
    public List<String> failed() {
        List<String> lines = new ArrayList<>();
        budgets.forEach(b -> lines.add(b.message()));
        invariants.forEach(i -> lines.add(i + " (not gated)"));
        return lines;
    }
}
