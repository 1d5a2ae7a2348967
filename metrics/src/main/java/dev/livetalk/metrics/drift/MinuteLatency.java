package dev.livetalk.metrics.drift;

/**
 * One latency metric over one minute of a drift block: the corrected samples (from the intended
 * start) that completed in the minute, and the intended samples of the minute that never came.
 *
 * <p>Immutable; any thread.
 *
 * @param metric the metric's expression name ({@code peer-final})
 * @param count  samples that completed in the minute
 * @param p50    median of those, nanoseconds (0 without samples)
 * @param p99    their 99th percentile, nanoseconds (0 without samples)
 * @param max    the largest, nanoseconds (0 without samples)
 * @param never  intended in the minute and never came by the end of the run
 */
public record MinuteLatency(String metric, long count, long p50, long p99, long max, long never) {
    public MinuteLatency {
        if (count < 0 || p50 < 0 || p99 < 0 || max < 0 || never < 0) {
            throw new IllegalArgumentException("minute figures must be >= 0: count " + count + ", p50 " + p50
                    + ", p99 " + p99 + ", max " + max + ", never " + never);
        }
    }
}
