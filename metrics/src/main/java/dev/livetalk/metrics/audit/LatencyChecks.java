package dev.livetalk.metrics.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The checks of one latency metric (docs/METRICS.md, "Never: latency over every intended
 * delivery"): per phase ({@code all}, and each sample's own by its intended time) and kind
 * ({@code corrected}, {@code raw}), the count of intended samples, the exact percentiles of the
 * sorted samples with those that never came above every value, the max, the never count, and the
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

    static List<Check> of(String metric, List<LatencySample> samples, LongFunction<String> phaseOf) {
        List<Check> checks = new ArrayList<>();
        for (String phase : PHASES) {
            List<Long> corrected = new ArrayList<>();
            List<Long> raw = new ArrayList<>();
            long never = 0;
            for (LatencySample sample : samples) {
                if (!phase.equals("all") && !phase.equals(phaseOf.apply(sample.phaseAtUs()))) {
                    continue;
                }
                if (sample.correctedUs() == null) {
                    never++;
                } else {
                    corrected.add(Math.max(0, sample.correctedUs() * 1_000L));
                    raw.add(Math.max(0, sample.rawUs() * 1_000L));
                }
            }
            String at = "latency[" + metric + "/" + phase + "].";
            checks.add(Check.of(at + "never", new Reading.Whole(never), Tolerance.EXACT));
            distribution(at + "corrected.", corrected, never, checks);
            distribution(at + "raw.", raw, never, checks);
            distribution(at + "completedOnly.corrected.", corrected, 0, checks);
            distribution(at + "completedOnly.raw.", raw, 0, checks);
        }
        return checks;
    }

    /** Count, percentiles and max of {@code completed} (nanoseconds) plus {@code never} samples at +infinity. */
    private static void distribution(String at, List<Long> completed, long never, List<Check> checks) {
        List<Long> sorted = new ArrayList<>(completed);
        sorted.sort(null);
        long count = sorted.size() + never;
        checks.add(Check.of(at + "count", new Reading.Whole(count), Tolerance.EXACT));
        for (int i = 0; i < NAMES.size(); i++) {
            checks.add(Check.of(at + NAMES.get(i), valueAt(sorted, count, PER_MILLE[i]), Tolerance.HISTOGRAM));
        }
        checks.add(Check.of(at + "max", valueAt(sorted, count, 1_000), Tolerance.HISTOGRAM));
    }

    /** The value at rank ceil(perMille/1000 x count), at least 1: never above the completed samples; 0 without samples. */
    static Reading valueAt(List<Long> sorted, long count, long perMille) {
        if (count == 0) {
            return new Reading.Whole(0);
        }
        long rank = Math.max(1, (perMille * count + 999) / 1_000);
        return rank > sorted.size() ? new Reading.Never() : new Reading.Whole(sorted.get((int) rank - 1));
    }
}
