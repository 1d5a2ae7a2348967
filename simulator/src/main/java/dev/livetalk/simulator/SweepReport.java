package dev.livetalk.simulator;

import java.util.List;

/**
 * What a seed sweep found: the seeds whose runs broke a check, by seed then strategy, each
 * with the one-line command that replays it.
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

    /** Whether every run kept every check. */
    public boolean passed() {
        return failures.isEmpty();
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
        out.append(scenario).append(": seeds ").append(seeds).append(", ").append(runs).append(" runs, ");
        if (failures.isEmpty()) {
            return out.append("every check held\n").toString();
        }
        out.append(failedSeeds().size()).append(" failing seeds\n");
        for (SeedFailure failure : failures) {
            out.append("  seed ").append(failure.seed()).append(' ').append(failure.strategy()).append(": ")
                    .append(String.join("; ", failure.failed())).append("\n    repro: ").append(failure.repro())
                    .append('\n');
        }
        return out.toString();
    }
}
