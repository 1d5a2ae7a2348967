package dev.livetalk.metrics.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The checks of one latency metric (docs/METRICS.md, "Never: latency over every intended
 * delivery"): per phase ({@code all}, and each sample's own by its intended time) and kind
 * ({@code corrected}, {@code raw}), the count of intended samples, the exact percentiles of the
 * samples ({@link LatencyTally}) with those that never came above every value, the max, the never count, and the
 * same over the completed samples alone ({@code completedOnly}).
 *
 * <p>Stateless; any thread.
 */
final class LatencyChecks {
    private static final List<String> PHASES = List.of("all", "before", "during", "after");
    /** Percentiles in tenths of a percent, by their names in the document. */
    private static final List<String> NAMES = List.of("p50", "p90", "p99", "p999");
    private static final long[] PER_MILLE = {500, 900, 990, 999};

    private LatencyChecks() {
    }

    /** The checks of {@code samples}, phased by {@code phaseOf}. */
    static List<Check> of(String metric, List<LatencySample> samples, LongFunction<String> phaseOf) {
        return of(metric, LatencyTally.of(samples, phaseOf));
    }

    static List<Check> of(String metric, LatencyTally tally) {
        List<Check> checks = new ArrayList<>();
        for (String phase : PHASES) {
            LatencyTally.Phase samples = tally.phase(phase);
            String at = "latency[" + metric + "/" + phase + "].";
            checks.add(Check.of(at + "never", new Reading.Whole(samples.never), Tolerance.EXACT));
            distribution(at + "corrected.", samples.corrected, samples.never, checks);
            distribution(at + "raw.", samples.raw, samples.never, checks);
            distribution(at + "completedOnly.corrected.", samples.corrected, 0, checks);
            distribution(at + "completedOnly.raw.", samples.raw, 0, checks);
        }
        return checks;
    }

    /** Count, percentiles and max of {@code completed} (nanoseconds) plus {@code never} samples at +infinity. */
    private static void distribution(String at, ExactCounts completed, long never, List<Check> checks) {
        long count = completed.size() + never;
        checks.add(Check.of(at + "count", new Reading.Whole(count), Tolerance.EXACT));
        for (int i = 0; i < NAMES.size(); i++) {
            checks.add(Check.of(at + NAMES.get(i), valueAt(completed, count, PER_MILLE[i]), Tolerance.HISTOGRAM));
        }
        checks.add(Check.of(at + "max", valueAt(completed, count, 1_000), Tolerance.HISTOGRAM));
    }

    /** As {@link #valueAt(List, long, long)}, over exact counts. */
    static Reading valueAt(ExactCounts completed, long count, long perMille) {
        if (count == 0) {
            return new Reading.Whole(0);
        }
        long rank = rank(count, perMille);
        return rank > completed.size() ? new Reading.Never() : new Reading.Whole(completed.valueAt(rank));
    }

    private static long rank(long count, long perMille) {
        return Math.max(1, (perMille * count + 999) / 1_000);
    }

    /** The value at rank ceil(perMille/1000 x count), at least 1: never above the completed samples; 0 without samples. */
    static Reading valueAt(List<Long> sorted, long count, long perMille) {
        if (count == 0) {
            return new Reading.Whole(0);
        }
        long rank = rank(count, perMille);
        return rank > sorted.size() ? new Reading.Never() : new Reading.Whole(sorted.get((int) rank - 1));
    }
}
