package dev.livetalk.bench.sim;

import dev.livetalk.simulator.SweepReport;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What {@link SimBenchmark} measured, and the verdicts against the simulator's targets: at
 * least a million deliveries per second of one core, the 200-client minute in under two
 * seconds, a thousand seeds of a 10-client scenario in under a minute. The scale figures are
 * medians of the measured rounds with the codec on (as the self-check's second play of
 * {@code livetalk run --network sim} plays); the codec-off rounds, as its first, measured play
 * plays, are the baseline of the same run.
 *
 * @param cold        the first warm-up round (JIT still compiling), or {@code null} without warm-up
 * @param codec       measured rounds with the codec on
 * @param plain       measured rounds with the codec off, played after those
 * @param sweep       the sweep, or {@code null} when none was asked
 * @param sweepNanos  the sweep's wall time
 * @param threads     the sweep's worker threads
 */
public record SimBenchResult(SimRound cold, List<SimRound> codec, List<SimRound> plain, SweepReport sweep,
                             long sweepNanos, int threads) {
    /** Deliveries per second of the simulating thread's CPU that the targets ask for. */
    public static final double DELIVERIES_PER_CPU_SECOND = 1_000_000;
    /** Wall time the scale scenario may take. */
    public static final double SCALE_SECONDS = 2;
    /** Wall time a sweep of {@link #SWEEP_SEEDS} seeds may take. */
    public static final double SWEEP_SECONDS = 60;
    public static final long SWEEP_SEEDS = 1000;

    public SimBenchResult {
        codec = List.copyOf(codec);
        plain = List.copyOf(plain);
        if (codec.isEmpty() || plain.isEmpty()) {
            throw new IllegalArgumentException("at least one measured round per mode");
        }
    }

    /** The median over {@code rounds} of one figure (the upper middle for an even count). */
    public static double median(List<SimRound> rounds, ToDoubleFunction<SimRound> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /** Median deliveries per CPU-second with the codec on. */
    public double deliveriesPerCpuSecond() {
        return median(codec, SimRound::deliveriesPerCpuSecond);
    }

    /** Median wall seconds of the scale scenario with the codec on. */
    public double scaleSeconds() {
        return median(codec, r -> r.wallNanos() / 1e9);
    }

    /** Median throughput with the codec on over that with it off (per CPU-second). */
    public double codecRatio() {
        return deliveriesPerCpuSecond() / median(plain, SimRound::deliveriesPerCpuSecond);
    }

    /** Whether every target measured holds (a sweep of another size than 1,000 seeds is not judged). */
    public boolean targetsMet() {
        return oneCoreMet() && scaleMet() && (!sweepJudged() || sweepMet());
    }

    private boolean oneCoreMet() {
        return deliveriesPerCpuSecond() >= DELIVERIES_PER_CPU_SECOND;
    }

    private boolean scaleMet() {
        return scaleSeconds() < SCALE_SECONDS;
    }

    private boolean sweepMet() {
        return sweepNanos / 1e9 < SWEEP_SECONDS;
    }

    private boolean sweepJudged() {
        return sweep != null && sweep.seeds().count() == SWEEP_SEEDS;
    }

    /** Prints the medians, the ratio and the verdicts as Markdown. */
    public void print(PrintWriter out) {
        out.println();
        out.println("| mode | rounds | wall ms | cpu ms | gc ms | deliveries / cpu-s | deliveries / wall-s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        if (cold != null) {
            row(out, "codec on, cold (first warm-up)", List.of(cold));
        }
        row(out, "codec on", codec);
        row(out, "codec off (baseline)", plain);
        out.printf("%nthroughput ratio codec on / codec off: %.2fx%n", codecRatio());
        out.println();
        out.println("| target | measured | verdict |");
        out.println("|---|---:|---|");
        out.printf("| >= 1,000,000 deliveries per cpu-second (codec on, median) | %,.0f | %s |%n",
                deliveriesPerCpuSecond(), verdict(oneCoreMet()));
        out.printf("| scale scenario in < 2 s wall (codec on, median) | %.2f s | %s |%n",
                scaleSeconds(), verdict(scaleMet()));
        if (sweep != null) {
            out.printf("| 1,000 seeds of a 10-client scenario in < 60 s (%d seeds, %d threads) | %.1f s | %s |%n",
                    sweep.seeds().count(), threads, sweepNanos / 1e9,
                    sweepJudged() ? verdict(sweepMet()) : "not judged (not 1,000 seeds)");
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static void row(PrintWriter out, String mode, List<SimRound> rounds) {
        out.printf("| %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n", mode, rounds.size(),
                median(rounds, r -> r.wallNanos() / 1e6), median(rounds, r -> r.cpuNanos() / 1e6),
                median(rounds, SimRound::gcMillis), median(rounds, SimRound::deliveriesPerCpuSecond),
                median(rounds, SimRound::deliveriesPerWallSecond));
    }
}
