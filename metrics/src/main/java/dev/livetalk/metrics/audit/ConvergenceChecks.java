package dev.livetalk.metrics.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The convergence figures (docs/METRICS.md, {@code convergence}): the samples, those that never
 * converged and their share, the nearest-rank p50, p99 and max with a sample that never
 * converged above every time ({@code null} when the rank falls on one, or without samples); and
 * each sample of {@code convergenceByClient}. A sample the ledger cannot place exactly (a
 * transition in the microsecond the next window starts, {@link ConvergenceSample}) makes each
 * figure read as any value its admitted times give ({@link Reading.AnyOf}).
 *
 * <p>Stateless; any thread.
 */
final class ConvergenceChecks {
    private ConvergenceChecks() {
    }

    static List<Check> figures(Recount recount) {
        List<ConvergenceSample> all = recount.convergence();
        long samples = all.size();
        long surelyNever = all.stream().filter(s -> s.convergedAfterUs().isEmpty()).count();
        long mayBeNever = all.stream().filter(ConvergenceSample::mayBeNever).count();
        List<Reading> never = new ArrayList<>();
        List<Reading> share = new ArrayList<>();
        for (long n = surelyNever; n <= mayBeNever; n++) {
            never.add(new Reading.Whole(n));
            share.add(new Reading.Fraction(samples == 0 ? 0.0 : (double) n / samples));
        }
        // the percentiles lie between those of every sample at its earliest and of every sample at its latest
        List<Long> earliest = new ArrayList<>();
        List<Long> latest = new ArrayList<>();
        TreeSet<Long> times = new TreeSet<>();
        for (ConvergenceSample sample : all) {
            if (!sample.convergedAfterUs().isEmpty()) {
                earliest.add(sample.convergedAfterUs().first() * 1_000L);
            }
            if (!sample.mayBeNever()) {
                latest.add(sample.convergedAfterUs().last() * 1_000L);
            }
            sample.convergedAfterUs().forEach(t -> times.add(t * 1_000L));
        }
        earliest.sort(null);
        latest.sort(null);
        String at = "correctness.convergence.";
        List<Check> checks = new ArrayList<>(List.of(Check.of(at + "samples", new Reading.Whole(samples), Tolerance.EXACT),
                Check.of(at + "neverConverged", Reading.anyOf(never), Tolerance.EXACT),
                Check.of(at + "neverConvergedShare", Reading.anyOf(share), Tolerance.FRACTION)));
        List<String> names = List.of("p50", "p99", "max");
        long[] perMille = {500, 990, 1_000};
        for (int i = 0; i < names.size(); i++) {
            checks.add(Check.of(at + names.get(i), between(LatencyChecks.valueAt(earliest, samples, perMille[i]),
                    LatencyChecks.valueAt(latest, samples, perMille[i]), times, samples), Tolerance.MICROS));
        }
        return checks;
    }

    /**
     * Any of {@code times} from {@code low} to {@code high} (nanoseconds; {@link Reading.Never} above every time),
     * as the document writes a percentile: null where it is never, and without samples.
     */
    private static Reading between(Reading low, Reading high, TreeSet<Long> times, long samples) {
        if (samples == 0 || low.equals(high)) {
            return samples == 0 || low instanceof Reading.Never ? new Reading.None() : low;
        }
        List<Reading> readings = new ArrayList<>();
        long to = high instanceof Reading.Whole h ? h.value() : Long.MAX_VALUE;
        times.subSet(((Reading.Whole) low).value(), true, to, true).forEach(t -> readings.add(new Reading.Whole(t)));
        if (high instanceof Reading.Never) {
            readings.add(new Reading.None());
        }
        return Reading.anyOf(readings);
    }

    static List<Check> byClient(Recount recount) {
        List<Check> checks = new ArrayList<>();
        for (ConvergenceSample sample : recount.convergence()) {
            String at = "convergenceByClient[" + sample.client() + "/" + sample.fault() + "/" + sample.occurrence() + "].";
            checks.add(Check.of(at + "windowEnd", Reading.nanosOfMicros(sample.windowEndUs()), Tolerance.MICROS));
            checks.add(Check.of(at + "convergedAfter", Reading.anyOf(sample.admitted().stream()
                    .map(Reading::nanosOfMicros).toList()), Tolerance.MICROS));
        }
        return checks;
    }
}
