package dev.livetalk.metrics.correctness;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Convergence times after fault windows, one sample per window and client it targeted: from the
 * window's end to the moment after which every room of the client stays a complete, correctly
 * ordered prefix of its entitled log until the next window starts (or the run ends). Samples
 * that never got there are counted apart.
 *
 * <p>Immutable; any thread.
 */
public record ConvergenceTimes(long[] sortedNanos, long neverConverged) {
    public ConvergenceTimes {
        sortedNanos = sortedNanos.clone();
        Arrays.sort(sortedNanos);
    }

    static ConvergenceTimes of(List<Long> nanos, long never) {
        return new ConvergenceTimes(nanos.stream().mapToLong(Long::longValue).toArray(), never);
    }

    /** Every sample, converged or not. */
    public long samples() {
        return sortedNanos.length + neverConverged;
    }

    /** The share of samples that never converged, 0..1; 0 without samples. */
    public double neverConvergedShare() {
        return samples() == 0 ? 0.0 : (double) neverConverged / samples();
    }

    /**
     * The nearest-rank percentile over every sample, a sample that never converged counting as
     * infinitely long: empty when the rank falls on one of those, or there are no samples.
     */
    public OptionalLong percentile(double percentile) {
        long n = samples();
        if (n == 0) {
            return OptionalLong.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
        return rank <= sortedNanos.length ? OptionalLong.of(sortedNanos[(int) rank - 1]) : OptionalLong.empty();
    }

    /** The shortest: empty when every sample never converged or there are none. */
    public OptionalLong min() {
        return sortedNanos.length == 0 ? OptionalLong.empty() : OptionalLong.of(sortedNanos[0]);
    }

    /** The longest: empty when a sample never converged or there are none. */
    public OptionalLong max() {
        return percentile(100.0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConvergenceTimes that && Arrays.equals(sortedNanos, that.sortedNanos)
                && neverConverged == that.neverConverged;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sortedNanos) + Long.hashCode(neverConverged);
    }

    @Override
    public String toString() {
        return "ConvergenceTimes" + Arrays.toString(sortedNanos) + " never " + neverConverged;
    }
}
