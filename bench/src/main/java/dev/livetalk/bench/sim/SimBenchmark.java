package dev.livetalk.bench.sim;

import dev.livetalk.scenarios.Scenario;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.run.RunSettings;
import dev.livetalk.simulator.SeedSweep;
import dev.livetalk.simulator.SimSettings;
import dev.livetalk.simulator.SimulationResult;
import dev.livetalk.simulator.SimulatedRun;
import dev.livetalk.simulator.SweepReport;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the simulator against the targets of its issue, with a baseline from the same run:
 * one scenario (the library's 200 clients for 60 s) played on this thread in rounds with frames
 * through the protocol's codec, as the self-check's second play of {@code livetalk run --network
 * sim} plays it, then in as many rounds with the codec off (event records passed as they are,
 * as its first, measured play passes them): each mode in a row, so that
 * each pays for the collections of its own garbage (alternating rounds made one mode's garbage
 * trigger collections in the other's rounds); then a sweep of seeds over a small scenario on
 * every worker thread. Medians over the rounds absorb most machine noise.
 *
 * <p>Every play of one seed must do the same work: deliveries and actions that differ
 * between rounds are a determinism bug and stop the benchmark.
 *
 * <p>Runs on the calling thread (the sweep also on its workers).
 */
public final class SimBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final SimBenchSettings settings;
    private final PrintWriter out;
    private final RunSettings runSettings;

    public SimBenchmark(SimBenchSettings settings, PrintWriter out) {
        this(settings, out, RunSettings.DEFAULTS);
    }

    /** With {@code runSettings}: how sessions are set up, with the strategies they can make. */
    public SimBenchmark(SimBenchSettings settings, PrintWriter out, RunSettings runSettings) {
        this.settings = settings;
        this.out = out;
        this.runSettings = runSettings;
    }

    /** Runs the warm-up, the measured rounds and the sweep, printing each as it ends. */
    public SimBenchResult run() {
        Scenario scale = settings.scale();
        out.printf("scenario %s: %d clients for %d s, strategy %s, seed %d; %d warm-up + %d measured rounds per mode%n",
                scale.name(), scale.users().size(), scale.duration().toSeconds(), settings.strategy(), scale.seed(), settings.warmup(),
                settings.rounds());
        // The figures depend on the JVM and its collector and heap options (the launcher picks them), so they are printed.
        out.printf("jvm %s %s, %d cores; options: %s%n", System.getProperty("java.vm.vendor"), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.flush();
        List<SimRound> warmup = new ArrayList<>();
        for (int i = 1; i <= settings.warmup(); i++) {
            warmup.add(print("warm-up " + i + "/" + settings.warmup(), play(true), null));
        }
        SimRound cold = warmup.isEmpty() ? null : warmup.getFirst();
        List<SimRound> codec = rounds(true, cold);
        List<SimRound> plain = rounds(false, null);
        Sweep sweep = settings.sweepSeeds() > 0 ? sweep() : null;
        return new SimBenchResult(cold, codec, plain,
                sweep == null ? null : sweep.report(), sweep == null ? 0 : sweep.wallNanos(), settings.threads());
    }

    /** The measured rounds of one mode, in a row, so that each mode pays for its own collections. */
    private List<SimRound> rounds(boolean codec, SimRound reference) {
        List<SimRound> rounds = new ArrayList<>();
        for (int i = 1; i <= settings.rounds(); i++) {
            SimRound round = print("round " + i + "/" + settings.rounds(), play(codec), reference);
            reference = reference == null ? round : reference;
            rounds.add(round);
        }
        return rounds;
    }

    private SimRound play(boolean codec) {
        Scenario scale = settings.scale();
        SimSettings sim = SimSettings.DEFAULTS.withCodec(codec).withSelfCheck(false);
        long gc0 = gcMillis();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        SimulationResult result = new SimulatedRun(scale, settings.strategy(), scale.seed(), sim, runSettings).play();
        long wall = System.nanoTime() - wall0;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        return new SimRound(codec, wall, cpu, gcMillis() - gc0, result.network().deliveries(), result.actions());
    }

    /** Prints {@code round}; checks it did the work of {@code reference} (same seed, same mode). */
    private SimRound print(String label, SimRound round, SimRound reference) {
        out.printf("%-13s %-9s wall %,7.0f ms  cpu %,7.0f ms  gc %,5d ms  %,d deliveries  %.2f M/s of cpu%n",
                label, round.mode(), round.wallNanos() / 1e6, round.cpuNanos() / 1e6, round.gcMillis(),
                round.deliveries(), round.deliveriesPerCpuSecond() / 1e6);
        out.flush();
        if (reference != null && reference.codec() == round.codec()
                && (reference.deliveries() != round.deliveries() || reference.actions() != round.actions())) {
            throw new IllegalStateException("harness bug: two plays of seed " + settings.scale().seed()
                    + " differ (" + reference.deliveries() + " and " + round.deliveries() + " deliveries, "
                    + reference.actions() + " and " + round.actions() + " actions)");
        }
        return round;
    }

    private Sweep sweep() {
        Scenario scenario = settings.sweep();
        SeedRange seeds = new SeedRange(1, settings.sweepSeeds());
        long wall0 = System.nanoTime();
        SweepReport report = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), runSettings, settings.threads())
                .run(scenario, scenario.name() + ".yaml", List.of(settings.strategy()), seeds);
        long wall = System.nanoTime() - wall0;
        out.printf("sweep %s, %d seeds, %d clients, %d threads: wall %,.0f ms, %d failing seeds%n",
                scenario.name(), seeds.count(), scenario.users().size(), settings.threads(), wall / 1e6,
                report.failedSeeds().size());
        out.flush();
        return new Sweep(report, wall);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private record Sweep(SweepReport report, long wallNanos) {
    }
}
