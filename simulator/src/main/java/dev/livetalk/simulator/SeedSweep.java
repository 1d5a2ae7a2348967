package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessChecker;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.gate.BudgetEvaluator;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Invariant;
import dev.livetalk.metrics.results.Shard;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.run.MemoryGuard;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.budget.Budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays a scenario once per seed of a range and per strategy in the simulator, checks each
 * run against the scenario's budgets (which gate, as in {@code dev.livetalk.metrics.gate.Verdict})
 * and the correctness invariants (lost, duplicates, phantoms, inversions, causal violations,
 * stuck pending, converged; reported, not gated), and reports the seeds that broke one, each
 * with the command that replays it exactly, and the budgets that apply to none of the
 * strategies swept (not judged).
 *
 * <p>Threads: {@link #run} waits on the caller's thread while {@code threads} workers named
 * {@code livetalk-sweep-N} play whole runs, one seed each at a time; every run is confined to
 * its worker (its own event loop, cores and random source), so the results do not depend on
 * the number of threads. Interrupting the calling thread stops the sweep at once
 * ({@link SweepInterrupted}, with the seeds that finished). So does its heap guard when it trips
 * ({@link #guardedBy}), and a run that runs out of heap: the sweep ends with the seeds that
 * finished rather than die of an {@link OutOfMemoryError} with nothing written.
 */
public final class SeedSweep {
    /**
     * The heap use a run that ran out of heap ({@link OutOfHeap}) is told with: the whole maximum the guard
     * watches, the run having found no more. Made as the class loads: made after the heap ran out, its memory
     * beans' lookups could fail too.
     */
    static final MemoryGuard.HeapUse OUT_OF_HEAP;

    static {
        long max = MemoryGuard.watchedMax();
        OUT_OF_HEAP = new MemoryGuard.HeapUse(max, max);
    }

    private final SimSettings settings;
    private final RunSettings runSettings;
    private final int threads;
    private final MemoryGuard guard;
    private final SweepProgress progress;

    /** A sweep with these settings on {@code threads} worker threads (at least 1). */
    public SeedSweep(SimSettings settings, int threads) {
        this(settings, RunSettings.DEFAULTS, threads);
    }

    /** A sweep with these settings (the strategies from {@code runSettings}) on {@code threads} worker threads. */
    public SeedSweep(SimSettings settings, RunSettings runSettings, int threads) {
        this(settings, runSettings, threads, MemoryGuard.NONE, SweepProgress.NONE);
    }

    private SeedSweep(SimSettings settings, RunSettings runSettings, int threads, MemoryGuard guard,
                      SweepProgress progress) {
        this.runSettings = runSettings;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.settings = settings;
        this.threads = threads;
        this.guard = guard;
        this.progress = progress;
    }

    /**
     * This sweep, stopped as when interrupted when {@code guard} trips (the heap nearly full after a
     * collection): the seeds in progress are abandoned, and {@link SweepInterrupted#heap()} says why.
     */
    public SeedSweep guardedBy(MemoryGuard guard) {
        return new SeedSweep(settings, runSettings, threads, guard, progress);
    }

    /** This sweep, telling {@code progress} each time a seed's runs are done. */
    public SeedSweep reportingTo(SweepProgress progress) {
        return new SeedSweep(settings, runSettings, threads, guard, progress);
    }

    /** Sweeps with the default settings on every core; the repro names {@code NAME.yaml}. */
    public static SweepReport run(Scenario scenario, List<String> strategies, SeedRange seeds) {
        return new SeedSweep(SimSettings.DEFAULTS, Runtime.getRuntime().availableProcessors())
                .run(scenario, scenario.name() + ".yaml", strategies, seeds);
    }

    /**
     * Plays every seed of {@code seeds} for every strategy; {@code file} is how the repro line
     * names the scenario file. With the settings' self-check on, the first seed is played
     * twice per strategy first and must give the same trace.
     */
    public SweepReport run(Scenario scenario, String file, List<String> strategies, SeedRange seeds) {
        return run(scenario, file, strategies, seeds, Shard.WHOLE, 0);
    }

    /**
     * How many work units a sweep of {@code strategies} over {@code seeds} has: one per seed and strategy.
     *
     * @throws IllegalArgumentException when they are more than a {@code long} counts
     */
    public static long units(SeedRange seeds, List<String> strategies) {
        try {
            return Math.multiplyExact(seeds.count(), (long) strategies.size());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a sweep of " + seeds.count() + " seeds x " + strategies.size()
                    + " strategies has more runs than " + Long.MAX_VALUE, e);
        }
    }

    /**
     * Plays the (seed, strategy) units of {@code seeds} x {@code strategies} that are
     * {@code shard}'s, the seeds ascending and for each its strategies in order
     * (docs/SHARDING.md); {@code firstUnit} is the number of this scenario's first unit in the
     * whole run's order (the units of the scenarios before it). With the settings' self-check
     * on, the shard's first seed is played twice, with the strategies the shard plays on it,
     * and must give the same trace.
     *
     * @throws SweepInterrupted when the calling thread is interrupted, the heap guard trips or a run
     *                          runs out of heap: the seeds in progress are abandoned, and it holds the
     *                          sweep of those that finished
     */
    public SweepReport run(Scenario scenario, String file, List<String> strategies, SeedRange seeds, Shard shard,
                           long firstUnit) {
        Units units = new Units(seeds, strategies, shard, firstUnit);
        Units.Seed first = units.next();
        Thread caller = Thread.currentThread();
        AtomicReference<MemoryGuard.HeapUse> full = new AtomicReference<>();
        // whether the guard's listener may still interrupt the caller, and whether it did; guarded by itself
        boolean[] listening = {true, false};
        Runnable stopListening = guard.onTrip(use -> {
            synchronized (listening) {
                if (listening[0] && full.compareAndSet(null, use)) {
                    listening[1] = true;
                    caller.interrupt(); // as a signal does: the await, or the self-check's play, stops
                }
            }
        });
        try {
            if (first != null && settings.selfCheck()) {
                selfCheck(scenario, first.strategies(), first.seed(), full);
            }
            return play(scenario, file, strategies, seeds, shard, units, first, full);
        } finally {
            stopListening.run();
            synchronized (listening) {
                listening[0] = false;
                if (listening[1]) { // the guard's interrupt, unless a wait took it: not left to the caller, as when
                    Thread.interrupted(); // it trips after the last seed (a whole sweep) or a completed future is got
                }
            }
        }
    }

    private SweepReport play(Scenario scenario, String file, List<String> strategies, SeedRange seeds, Shard shard,
                             Units units, Units.Seed first, AtomicReference<MemoryGuard.HeapUse> full) {
        long runs = units.owned();
        List<UnjudgedBudget> notJudged = UnjudgedBudget.of(scenario.budgets(), strategies);
        int judged = scenario.budgets().size() - notJudged.size();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "livetalk-sweep-" + threadNo.incrementAndGet()));
        // A few seeds per worker in flight, awaited in order: memory stays bounded however long the
        // range (submitting every seed first held a future per seed) and a failure ends the sweep soon.
        int window = threads * 4;
        Deque<InFlight> inFlight = new ArrayDeque<>();
        List<SeedFailure> failures = new ArrayList<>();
        long played = 0;
        long lastSeed = 0;
        try {
            Units.Seed next = first;
            while (next != null || !inFlight.isEmpty()) {
                if (next != null) {
                    if (Thread.interrupted()) { // at a seed boundary, should no await have seen it
                        throw new InterruptedException();
                    }
                    Units.Seed task = next;
                    inFlight.add(new InFlight(task, workers.submit(() -> check(scenario, file, task.strategies(),
                            task.seed()))));
                    next = units.next();
                    if (next != null && inFlight.size() < window) {
                        continue; // submitted; the oldest is awaited once the window is full, or all are submitted
                    }
                }
                InFlight done = inFlight.poll();
                failures.addAll(await(done.future()));
                played += done.seed().strategies().size();
                lastSeed = done.seed().seed();
                progress.onSeed(new SweepProgress.Status(scenario.name(), lastSeed, played, runs, failures.size()));
            }
        } catch (InterruptedException | OutOfHeap e) { // the seeds in flight are abandoned: shutdownNow interrupts them
            if (e instanceof OutOfHeap) {
                full.compareAndSet(null, OUT_OF_HEAP);
            }
            throw new SweepInterrupted(scenario.name(), played == 0 ? null : new SweepReport(scenario.name(), file,
                    new SeedRange(seeds.first(), lastSeed), strategies, shard, played, failures, judged, notJudged),
                    full.get());
        } finally {
            workers.shutdownNow();
        }
        // awaited in seed order, each seed's strategies in order: already by seed then strategy
        return new SweepReport(scenario.name(), file, seeds, strategies, shard, runs, failures, judged, notJudged);
    }

    /** A seed submitted to the workers, and what it will find. */
    private record InFlight(Units.Seed seed, Future<List<SeedFailure>> future) {
    }

    /**
     * A shard's units of one scenario's sweep, seed by seed, found by arithmetic on the unit
     * numbers (a sweep of 100,000 seeds never lists them): unit {@code firstUnit + i * S + j} is
     * seed {@code first + i} with strategy {@code j} of {@code S}.
     *
     * <p>Single-threaded: the sweep's calling thread.
     */
    static final class Units {
        /** One seed and the strategies the shard plays on it, in order. */
        record Seed(long seed, List<String> strategies) {
        }

        private final SeedRange seeds;
        private final List<String> strategies;
        private final long total;
        private final long step;
        private final long owned;
        /** The next unit the shard owns, counted from the scenario's first; {@code total} when none is left. */
        private long next;

        Units(SeedRange seeds, List<String> strategies, Shard shard, long firstUnit) {
            this.seeds = seeds;
            this.strategies = List.copyOf(strategies);
            this.total = units(seeds, strategies);
            this.step = shard.count();
            long end = Math.addExact(firstUnit, total);
            this.owned = shard.share(end) - shard.share(firstUnit);
            long first = Math.floorMod(shard.index() - 1 - firstUnit, step);
            this.next = first < total ? first : total;
        }

        long owned() {
            return owned;
        }

        /** The next seed with a unit of the shard, or {@code null} after the last. */
        Seed next() {
            if (next >= total) {
                return null;
            }
            int size = strategies.size();
            long index = next / size;
            long seedEnd = index * size + size; // <= total: fits
            List<String> played = new ArrayList<>(size < step ? 1 : size);
            while (next < seedEnd) {
                played.add(strategies.get((int) (next - index * size)));
                next = total - next <= step ? total : next + step;
            }
            return new Seed(seeds.first() + index, played);
        }
    }

    /**
     * Plays {@code seed} twice per strategy, as the one runner does: a second trace that differs is a harness bug.
     * Interrupted, or out of heap, it stops the sweep with the heap use in {@code full}, if any.
     */
    private void selfCheck(Scenario scenario, List<String> strategies, long seed,
                           AtomicReference<MemoryGuard.HeapUse> full) {
        ScenarioRunner runner = new ScenarioRunner(new SimBackend(settings), runSettings, RunProgress.NONE);
        RunPlan plan = RunPlan.resolve(scenario, seed);
        try {
            for (String strategy : strategies) {
                runner.play(plan, strategy);
            }
        } catch (InterruptedException e) {
            throw new SweepInterrupted(scenario.name(), null, full.get());
        } catch (OutOfMemoryError e) { // what the play held is let go with its frames
            full.compareAndSet(null, OUT_OF_HEAP);
            throw new SweepInterrupted(scenario.name(), null, full.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plays one seed for every strategy; the checks each broke. */
    List<SeedFailure> check(Scenario scenario, String file, List<String> strategies, long seed) {
        List<SeedFailure> failures = new ArrayList<>();
        for (String strategy : strategies) {
            SimulationResult result = new SimulatedRun(scenario, strategy, seed, settings.withSelfCheck(false), runSettings).play();
            List<BudgetVerdict> budgets;
            CorrectnessFigures figures;
            if (scenario.budgets().stream().anyMatch(b -> b.appliesTo(strategy))) {
                Measurement measurement = Measurement.of(result.trace());
                Drift drift = scenario.budgets().stream().anyMatch(Budget::drift)
                        ? Drift.of(measurement, scenario.duration()) : null;
                budgets = BudgetEvaluator.evaluate(scenario.budgets(), measurement, drift).stream()
                        .filter(v -> !v.passed()).toList();
                figures = measurement.correctness().figures();
                measurement.latency().close(); // a long scenario's interval samples may be in a file
            } else { // the invariants need only the correctness figures: not the latency series and recovery
                // figures of Measurement.of, which cost about three times the simulated run itself
                budgets = List.of();
                figures = CorrectnessChecker.check(RoomSlices.of(result.trace())).figures();
            }
            List<String> invariants = brokenInvariants(figures);
            if (!budgets.isEmpty() || !invariants.isEmpty()) {
                failures.add(new SeedFailure(seed, strategy, budgets, invariants, result.traceHash(),
                        repro(file, strategy, seed)));
            }
        }
        return failures;
    }

    private static List<String> brokenInvariants(CorrectnessFigures figures) {
        List<String> broken = new ArrayList<>();
        for (Invariant invariant : Invariant.values()) {
            if (!invariant.holds(figures)) {
                broken.add(invariant.expression() + ": observed " + invariant.observedText(figures));
            }
        }
        return broken;
    }

    /** The command line that replays one run. */
    static String repro(String file, String strategy, long seed) {
        return repro(file, List.of(strategy), seed);
    }

    /** The command line that replays {@code seed} with {@code strategies}, in one run. */
    static String repro(String file, List<String> strategies, long seed) {
        return "livetalk run " + file + " --network sim --seed " + seed + " --strategies " + String.join(",", strategies);
    }


    /** A worker's run ran out of heap: the sweep stops as when its guard trips, told with {@link #OUT_OF_HEAP}. */
    static final class OutOfHeap extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfHeap(OutOfMemoryError cause) {
            super("a sweep run ran out of heap: " + cause.getMessage(), cause);
        }
    }

    /** What {@code future} found; its run's {@link OutOfMemoryError} as an {@link OutOfHeap}. */
    static List<SeedFailure> await(Future<List<SeedFailure>> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError outOfHeap) {
                throw new OutOfHeap(outOfHeap);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("a sweep worker failed: " + e.getCause(), e.getCause());
        }
    }
}
