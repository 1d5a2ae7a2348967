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
 * never in both runs is unchanged; never to a value is an improvement only when the lost count
 * fell beyond the tolerance and significantly (the reverse test); a value to never is a
 * regression only when the strategy's lost count regressed ({@link #lossRegressed}), else within
 * noise.
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
     * Whether a finite baseline that became never is a regression: only when the strategy's
     * {@code lost} count regressed (beyond the tolerance and significant, as every count). The
     * never count itself is no count to test: for peer-final it also holds every delivery left
     * out of place at the end, and one misordering strands many at once, so identical reruns move
     * it far beyond a Poisson count's noise (event-only in asymmetric-latency, during the fault:
     * 181 and 286 of 378 never came in two identical runs through Toxiproxy).
     */
    static boolean lossRegressed(long lostBefore, long lostNow, Tolerance tolerance) {
        return lostNow - lostBefore > tolerance.countAbsolute()
                && BaselineComparison.countPValue(lostBefore, lostNow) < BaselineComparison.COUNT_SIGNIFICANCE;
    }
}
