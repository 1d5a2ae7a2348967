package dev.livetalk.simulator;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Shard;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a seed sweep (or one shard of it) found: the seeds whose runs failed a budget or broke
 * an invariant, by seed then strategy, each with the one-line command that replays it. Only
 * the budgets gate ({@link #passed}). The shards of one sweep {@link #merge} into the sweep.
 *
 * <p>Immutable; any thread.
 *
 * @param scenario   the scenario's name
 * @param file       the scenario's file as the replay commands name it
 * @param seeds      the seeds swept
 * @param strategies the strategies played per seed
 * @param shard      which part of the sweep's (seed, strategy) units was played ({@link Shard#WHOLE}: all)
 * @param runs       simulated runs played (seeds times strategies, or the shard's share of them)
 * @param failures   the failing (seed, strategy) pairs, by seed then strategy order
 * @param judged     how many of the scenario's budgets apply to a strategy of the sweep (judged on every seed)
 * @param notJudged  the scenario's budgets that apply to none of the sweep's strategies, in budget order
 *                   (the whole sweep's, also in each shard: another shard judges the others)
 */
public record SweepReport(String scenario, String file, SeedRange seeds, List<String> strategies, Shard shard,
                          long runs, List<SeedFailure> failures, int judged, List<UnjudgedBudget> notJudged) {
    public SweepReport {
        strategies = List.copyOf(strategies);
        failures = List.copyOf(failures);
        notJudged = List.copyOf(notJudged);
    }

    /** The sweep of a scenario whose every budget applies to a strategy of it (or that has none). */
    public SweepReport(String scenario, String file, SeedRange seeds, List<String> strategies, Shard shard,
                       long runs, List<SeedFailure> failures) {
        this(scenario, file, seeds, strategies, shard, runs, failures, 0, List.of());
    }

    /**
     * The sweep whose shards these are (all of them, in any order): their failures by seed, then
     * strategy order; the runs summed.
     *
     * @throws IllegalArgumentException when they are not shards of one scenario's sweep
     */
    public static SweepReport merge(List<SweepReport> shards) {
        SweepReport first = shards.get(0);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < first.strategies.size(); i++) {
            order.put(first.strategies.get(i), i);
        }
        List<SeedFailure> failures = new ArrayList<>();
        long runs = 0;
        for (SweepReport shard : shards) {
            if (!shard.scenario.equals(first.scenario) || !shard.seeds.equals(first.seeds)
                    || !shard.strategies.equals(first.strategies) || !shard.file.equals(first.file)) {
                throw new IllegalArgumentException("not shards of one sweep: " + first.describe() + " and "
                        + shard.describe());
            }
            failures.addAll(shard.failures);
            runs += shard.runs;
        }
        failures.sort(Comparator.comparingLong(SeedFailure::seed)
                .thenComparing(f -> order.getOrDefault(f.strategy(), Integer.MAX_VALUE)));
        return new SweepReport(first.scenario, first.file, first.seeds, first.strategies, Shard.WHOLE, runs, failures,
                first.judged, first.notJudged); // of the whole sweep: each shard's same
    }

    private String describe() {
        return scenario + " (" + file + ") seeds " + seeds + " strategies " + String.join(",", strategies);
    }

    /** The gated failures, seed by seed: the budgets that failed ({@link Verdict#failuresOf}). */
    public List<Verdict.Failure> gatedFailures() {
        return failures.stream().flatMap(f -> f.failures(scenario).stream()).toList();
    }

    /** Whether every budget held for every seed; broken invariants are reported, not gated. */
    public boolean passed() {
        return gatedFailures().isEmpty();
    }

    /** Whether the scenario has budgets and none applies to a strategy of the sweep ({@link Verdict#judgedNothing}). */
    public boolean judgedNothing() {
        return Verdict.judgedNothing(notJudged, judged > 0);
    }

    /** The budgets not judged, each as every output lists it ({@link Verdict.NotJudged#line()}). */
    public List<Verdict.NotJudged> notJudgedBudgets() {
        return notJudged.stream().map(b -> new Verdict.NotJudged(scenario, "seeds " + seeds, b)).toList();
    }

    /** The distinct failing seeds, ascending. */
    public List<Long> failedSeeds() {
        return failures.stream().map(SeedFailure::seed).distinct().sorted().toList();
    }

    /** The failures of {@code strategy}. */
    public List<SeedFailure> failuresOf(String strategy) {
        return failures.stream().filter(f -> f.strategy().equals(strategy)).toList();
    }

    /**
     * The failing seeds, each once: its failing strategies in order, with their checks, and
     * one command that replays them all.
     *
     * @param seed       the seed
     * @param failures   its failing strategies, in the sweep's strategy order
     * @param repro      the command line that replays the seed with every one of them
     */
    public record FailedSeed(long seed, List<SeedFailure> failures, String repro) {
    }

    /** The failing seeds, ascending, each once ({@link FailedSeed}). */
    public List<FailedSeed> bySeed() {
        Map<Long, List<SeedFailure>> grouped = new LinkedHashMap<>();
        for (SeedFailure failure : failures) { // by seed already
            grouped.computeIfAbsent(failure.seed(), s -> new ArrayList<>()).add(failure);
        }
        List<FailedSeed> seeds = new ArrayList<>(grouped.size());
        grouped.forEach((seed, list) -> seeds.add(new FailedSeed(seed, list,
                SeedSweep.repro(file, list.stream().map(SeedFailure::strategy).toList(), seed))));
        return seeds;
    }

    /**
     * A human summary: per failing seed, once, each failing strategy with its checks and one
     * replay command, or that all held; and how many budgets were not judged.
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(scenario).append(": seeds ").append(seeds);
        if (!shard.whole()) {
            out.append(", shard ").append(shard);
        }
        out.append(", ").append(Words.count(runs, "run")).append(", ");
        String unjudged = notJudged.isEmpty() ? "" : "; " + Words.count(notJudged.size(), "budget") + " not judged";
        if (failures.isEmpty()) {
            return out.append(notJudged.isEmpty() ? "every budget and invariant held"
                    : judgedNothing() ? "every invariant held" : "every judged budget and invariant held")
                    .append(unjudged).append('\n').toString();
        }
        long gated = gatedFailures().stream().map(Verdict.Failure::seed).distinct().count();
        List<FailedSeed> failed = bySeed();
        out.append(Words.count(gated, "seed")).append(" failed a budget, ").append(Words.number(failed.size()))
                .append(" failed a budget or broke an invariant (invariants are reported, not gated)").append(unjudged)
                .append('\n');
        for (FailedSeed seed : failed) {
            out.append("  seed ").append(seed.seed()).append('\n');
            for (SeedFailure failure : seed.failures()) {
                out.append("    ").append(failure.strategy()).append(": ").append(String.join("; ", failure.failed()))
                        .append('\n');
            }
            out.append("    repro: ").append(seed.repro()).append('\n');
        }
        return out.toString();
    }
}
