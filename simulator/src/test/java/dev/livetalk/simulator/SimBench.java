package dev.livetalk.simulator;

import dev.livetalk.scenarios.Scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The simulator's benchmarks, as a plain main (figures for the closing note of issue 7).
 * Modes: {@code scale} (the library's 60 s / 200-client scenario, codec on then off; also
 * gives deliveries, i.e. frames handed to a core, per second of the simulating thread's CPU),
 * {@code scale-plain} (codec off only), {@code scale-codec} (codec on only), {@code sweep [THREADS]} (1,000 seeds of a 10-client
 * scenario), {@code hash} (trace hashes, to compare between processes), {@code all}. Prints
 * wall time and the CPU time of the simulating thread beside it, since the machine is shared;
 * every round is printed, never an average alone.
 *
 * <p>Runs on the main thread (the sweep also on its workers).
 */
public final class SimBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Rounds per scale mode: the first is the JIT's warm-up, the last ones the steady state. */
    private static final int ROUNDS = 5;

    private SimBench() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "all";
        if (mode.equals("all") || mode.equals("scale")) {
            scale(true);
            scale(false);
        }
        if (mode.equals("scale-plain")) {
            scale(false);
        }
        if (mode.equals("scale-codec")) {
            scale(true);
        }
        if (mode.equals("hash")) {
            for (String strategy : List.of("event-only", "naive-retry", "reconcile", "snapshot")) {
                SimulationResult run = new SimulatedRun(Scenarios.outage(), strategy, 4, SimSettings.DEFAULTS).play();
                System.out.println("outage seed 4 " + strategy + " trace " + run.traceHash());
            }
        }
        if (mode.equals("all") || mode.equals("sweep")) {
            sweep(args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors());
        }
    }

    private static void scale(boolean codec) {
        Scenario scale = Scenarios.library("scale/200-clients.yaml");
        SimSettings settings = SimSettings.DEFAULTS.withCodec(codec);
        for (int round = 1; round <= ROUNDS; round++) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            SimulationResult result = new SimulatedRun(scale, "reconcile", scale.seed(), settings).play();
            long wall = System.nanoTime() - wall0;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            long deliveries = result.network().deliveries();
            System.out.printf("scale-200 codec=%s round %d: wall %d ms, cpu %d ms, %d deliveries, %.2f M deliveries/s of cpu,"
                            + " %d actions, virtual %d s%n", codec, round, wall / 1_000_000, cpu / 1_000_000, deliveries,
                    deliveries * 1e3 / cpu, result.actions(), result.virtualEnd() / 1_000_000_000L);
        }
    }

    private static void sweep(int threads) {
        Scenario scenario = Scenarios.parse("sweep10", """
                name: sweep-10-clients
                seed: 1
                duration: 10s
                warmup: 1s
                quiesce: 3s
                users: {count: 10, prefix: user}
                rooms: {count: 2, prefix: room}
                load: {rate: 2, arrival: poisson}
                faults:
                  - {type: message-loss, probability: 0.02, direction: downstream, at: 1s, for: 7s}
                  - {type: down, at: 4s, for: 1s, target: {share: 0.3}}
                """);
        long wall0 = System.nanoTime();
        SweepReport report = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), threads)
                .run(scenario, "sweep10.yaml", List.of("reconcile"), new SeedRange(1, 1000));
        long wall = System.nanoTime() - wall0;
        System.out.printf("sweep 1000 seeds x reconcile, 10 clients, %d threads: wall %d ms, %d failing seeds%n",
                threads, wall / 1_000_000, report.failedSeeds().size());
        System.out.print(report.summary().lines().limit(6).reduce("", (a, b) -> a + b + "\n"));
    }
}
