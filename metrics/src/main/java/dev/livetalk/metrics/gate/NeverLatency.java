package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;

/**
 * THE ONE PLACE where the gate reads "never" (a delivery that never came, +infinity) out of the
 * results document. Everything else in the gate works with doubles where never is
 * {@link Double#POSITIVE_INFINITY}.
 *
 * <p>A percentile is never when the document says so ({@link Percentiles#NEVER}: the figures
 * over every intended delivery, where more than its share never came). Rules of the gate for never:
 * never in both runs is unchanged; never to a value is an improvement; a value to never is a
 * regression only when the series' never count grew as a count regresses (beyond the count
 * tolerance and significant against its own noise), else within noise.
 *
 * <p>Stateless; any thread.
 */
final class NeverLatency {
    private NeverLatency() {
    }

    /** The percentile ({@code 50}, {@code 99}) of {@code figures} over every intended sample, never as +infinity. */
    static double percentile(LatencyFigures figures, int percentile) {
        Percentiles p = figures.corrected();
        long value = percentile == 50 ? p.p50() : p.p99();
        return Percentiles.isNever(value) ? Double.POSITIVE_INFINITY : value;
    }

    /** Expected samples of the series that never came. */
    static long count(LatencyFigures figures) {
        return figures.never();
    }

    /**
     * Whether a finite baseline that became never is a regression: the never count grew as a
     * count regresses (beyond the tolerance and significant against its own noise,
     * {@link BaselineComparison#countPValue}), so that one more delivery missing on a lossy
     * strategy's identical rerun is within noise, as its {@code lost} count is.
     */
    static boolean regressed(LatencyFigures before, LatencyFigures now, Tolerance tolerance) {
        return count(now) - count(before) > tolerance.countAbsolute()
                && BaselineComparison.countPValue(count(before), count(now)) < BaselineComparison.COUNT_SIGNIFICANCE;
    }
}
