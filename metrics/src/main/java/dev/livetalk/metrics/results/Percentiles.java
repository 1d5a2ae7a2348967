package dev.livetalk.metrics.results;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution as the results document shows it, in nanoseconds (HdrHistogram's
 * highest equivalent values, 3 significant digits); all 0 without samples.
 *
 * <p>Immutable; any thread.
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {

    /** The figures of a histogram. */
    public static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
