package dev.livetalk.simulator;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Words;

import java.util.List;

/**
 * What a seed sweep found: the seeds whose runs failed a budget or broke an invariant, by seed
 * then strategy, each with the one-line command that replays it. Only the budgets gate
 * ({@link #passed}).
 *
 * <p>Immutable; any thread.
 *
 * @param scenario   the scenario's name
 * @param seeds      the seeds swept
 * @param strategies the strategies played per seed
 * @param runs       simulated runs played (seeds times strategies)
 * @param failures   the failing (seed, strategy) pairs, by seed then strategy order
 */
public record SweepReport(String scenario, SeedRange seeds, List<String> strategies, long runs,
                          List<SeedFailure> failures) {
    public SweepReport {
        strategies = List.copyOf(strategies);
        failures = List.copyOf(failures);
    }

    /** The gated failures, seed by seed: the budgets that failed ({@link Verdict#failuresOf}). */
    public List<Verdict.Failure> gatedFailures() {
        return failures.stream().flatMap(f -> f.failures(scenario).stream()).toList();
    }

    /** Whether every budget held for every seed; broken invariants are reported, not gated. */
    public boolean passed() {
        return gatedFailures().isEmpty();
    }

    /** The distinct failing seeds, ascending. */
    public List<Long> failedSeeds() {
        return failures.stream().map(SeedFailure::seed).distinct().sorted().toList();
    }

    /** The failures of {@code strategy}. */
    public List<SeedFailure> failuresOf(String strategy) {
        return failures.stream().filter(f -> f.strategy().equals(strategy)).toList();
    }

    /** A human summary: one line per failure with its checks and its repro, or that all held. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(scenario).append(": seeds ").append(seeds).append(", ").append(Words.count(runs, "run")).append(", ");
        if (failures.isEmpty()) {
            return out.append("every budget and invariant held\n").toString();
        }
        long gated = gatedFailures().stream().map(Verdict.Failure::seed).distinct().count();
        out.append(Words.count(gated, "seed")).append(" failed a budget, ").append(failedSeeds().size())
                .append(" failed a budget or broke an invariant (invariants are reported, not gated)\n");
        for (SeedFailure failure : failures) {
            out.append("  seed ").append(failure.seed()).append(' ').append(failure.strategy()).append(": ")
                    .append(String.join("; ", failure.failed())).append("\n    repro: ").append(failure.repro())
                    .append('\n');
        }
        return out.toString();
    }
}
