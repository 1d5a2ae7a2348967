package dev.livetalk.metrics.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The convergence figures (docs/METRICS.md, {@code convergence}): the samples, those that never
 * converged and their share, the nearest-rank p50, p99 and max with a sample that never
 * converged above every time ({@code null} when the rank falls on one, or without samples); and
 * each sample of {@code convergenceByClient}.
 *
 * <p>Stateless; any thread.
 */
final class ConvergenceChecks {
    private ConvergenceChecks() {
    }

    static List<Check> figures(Recount recount) {
        List<Long> times = new ArrayList<>();
        long never = 0;
        for (ConvergenceSample sample : recount.convergence()) {
            if (sample.convergedAfterUs() == null) {
                never++;
            } else {
                times.add(sample.convergedAfterUs() * 1_000L);
            }
        }
        times.sort(null);
        long samples = times.size() + never;
        String at = "correctness.convergence.";
        return List.of(Check.of(at + "samples", new Reading.Whole(samples), Tolerance.EXACT),
                Check.of(at + "neverConverged", new Reading.Whole(never), Tolerance.EXACT),
                Check.of(at + "neverConvergedShare", new Reading.Fraction(samples == 0 ? 0.0 : (double) never / samples),
                        Tolerance.FRACTION),
                Check.of(at + "p50", orNone(LatencyChecks.valueAt(times, samples, 500), samples), Tolerance.MICROS),
                Check.of(at + "p99", orNone(LatencyChecks.valueAt(times, samples, 990), samples), Tolerance.MICROS),
                Check.of(at + "max", orNone(LatencyChecks.valueAt(times, samples, 1_000), samples), Tolerance.MICROS));
    }

    /** The document writes null where the rank falls on a sample that never converged, or without samples. */
    private static Reading orNone(Reading value, long samples) {
        return samples == 0 || value instanceof Reading.Never ? new Reading.None() : value;
    }

    static List<Check> byClient(Recount recount) {
        List<Check> checks = new ArrayList<>();
        for (ConvergenceSample sample : recount.convergence()) {
            String at = "convergenceByClient[" + sample.client() + "/" + sample.fault() + "/" + sample.occurrence() + "].";
            checks.add(Check.of(at + "windowEnd", Reading.nanosOfMicros(sample.windowEndUs()), Tolerance.MICROS));
            checks.add(Check.of(at + "convergedAfter", Reading.nanosOfMicros(sample.convergedAfterUs()),
                    Tolerance.MICROS));
        }
        return checks;
    }
}
