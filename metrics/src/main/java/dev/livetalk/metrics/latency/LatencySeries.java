package dev.livetalk.metrics.latency;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The samples of one metric in one phase: two HdrHistograms (3 significant digits,
 * nanoseconds), corrected (from the intended start) and raw (from the actual start), the same
 * split per interval of trace time for interval logs, and the count of expected samples that
 * never came (messages never delivered: counted, not hidden).
 *
 * <p>The interval histograms keep 2 significant digits (1% resolution, enough for a latency
 * over time chart) in int counts: about 10 kB each, where 3 digits in long counts took 70 to
 * 170 kB, times a few thousand per run. Packed histograms were as small but cost 330 ns a
 * sample against 20 to 50 here, which made recording a 200-client run take seconds.
 *
 * <p>Single writer (the collector); read after recording is done.
 */
public final class LatencySeries {
    /** Significant digits of the whole-run histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Significant digits of the interval histograms. */
    public static final int INTERVAL_DIGITS = 2;

    private final Histogram corrected = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram raw = new Histogram(SIGNIFICANT_DIGITS);
    private final TreeMap<Long, Interval> intervals = new TreeMap<>();
    private long unmatched;

    /** The corrected and raw histograms of one interval. */
    public record Interval(AbstractHistogram corrected, AbstractHistogram raw) {
    }

    void record(long interval, long correctedNanos, long rawNanos) {
        long c = Math.max(0, correctedNanos);
        long r = Math.max(0, rawNanos);
        corrected.recordValue(c);
        raw.recordValue(r);
        Interval bucket = intervals.computeIfAbsent(interval, i -> new Interval(
                new IntCountsHistogram(INTERVAL_DIGITS), new IntCountsHistogram(INTERVAL_DIGITS)));
        bucket.corrected().recordValue(c);
        bucket.raw().recordValue(r);
    }

    void recordUnmatched() {
        unmatched++;
    }

    /** From the intended start: what users perceived. */
    public Histogram corrected() {
        return corrected;
    }

    /** From the actual start: what a closed-loop measurement would have shown. */
    public Histogram raw() {
        return raw;
    }

    /** Per interval index (trace time from the report's origin, divided by its interval), the histograms. */
    public NavigableMap<Long, Interval> intervals() {
        return Collections.unmodifiableNavigableMap(intervals);
    }

    /** Expected samples that never came. */
    public long unmatched() {
        return unmatched;
    }
}
