package dev.livetalk.metrics.drift;

/**
 * The trend of one latency metric's per-minute p99 over a drift block ({@link Drift}).
 *
 * <p>Immutable; any thread.
 *
 * @param metric          the metric's expression name
 * @param points          minutes with samples, the points of the fit and the test
 * @param firstP99        the first full minute's p99, nanoseconds; {@code null} without samples in it
 * @param lastP99         the last full minute's p99, nanoseconds; {@code null} without samples in it
 * @param changePercent   (last - first) / first in percent; 0 when both are 0; {@code null} when either
 *                        minute has no samples, or the first is 0 and the last is not
 * @param slopeNanosPerMinute Theil-Sen slope of p99 over the minute index; {@code null} with fewer than
 *                        {@value Drift#MIN_POINTS} points
 * @param interceptNanos  the fitted line's p99 at minute 0; {@code null} as the slope
 * @param mannKendallS    Mann-Kendall's S over the points in time order; {@code null} as the slope
 * @param pValue          its two-sided p-value; {@code null} as the slope
 * @param marked          significant (p below the block's alpha) and beyond the practical thresholds
 */
public record DriftTrend(String metric, int points, Long firstP99, Long lastP99, Double changePercent,
                         Double slopeNanosPerMinute, Double interceptNanos, Long mannKendallS, Double pValue,
                         boolean marked) {
}
