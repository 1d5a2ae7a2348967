package dev.livetalk.metrics.correctness;

import java.util.OptionalLong;

/**
 * Convergence times as the results document shows them, in nanoseconds; a percentile is
 * {@code null} when it falls on a sample that never converged or there are no samples.
 *
 * <p>Immutable; any thread.
 *
 * @param samples             windows x targeted clients
 * @param neverConverged      samples that never converged before the next window or the end
 * @param neverConvergedShare neverConverged / samples, 0..1
 * @param p50                 median
 * @param p99                 99th percentile
 * @param max                 longest
 */
public record ConvergenceFigures(long samples, long neverConverged, double neverConvergedShare, Long p50, Long p99,
                                 Long max) {

    static ConvergenceFigures of(ConvergenceTimes times) {
        return new ConvergenceFigures(times.samples(), times.neverConverged(), times.neverConvergedShare(),
                boxed(times.percentile(50)), boxed(times.percentile(99)), boxed(times.max()));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
