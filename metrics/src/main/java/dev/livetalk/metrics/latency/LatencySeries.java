package dev.livetalk.metrics.latency;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The samples of one metric in one phase: two HdrHistograms (3 significant digits,
 * nanoseconds), corrected (from the intended start) and raw (from the actual start), the same
 * split per interval of trace time for interval logs, and the count of intended samples that
 * never came (messages never delivered: counted, not hidden; the histograms hold completed
 * samples only, {@code results.Percentiles} puts the two together).
 *
 * <p>The interval histograms are packed: a run has a few thousand of them, and packed ones
 * take memory by the distinct values they hold, where plain ones with 3 digits take 70 to
 * 170 kB each. They keep the 3 digits, because the report's percentile chart sums them and
 * must show what {@code results.json} says; recording costs about 330 ns a sample (20 to 50
 * in int-count histograms, which were tried with 2 digits and read up to 1% off), which is
 * 0.8 s of post-processing for the 200-client scenario and nothing for the default suite.
 *
 * <p>Single writer (the collector); read after recording is done.
 */
public final class LatencySeries {
    /** Significant digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram corrected;
    private final Histogram raw;
    private final boolean keepsIntervals;
    private final TreeMap<Long, Interval> intervals = new TreeMap<>();
    private long never;

    /** A series with plain histograms and per-interval ones (a strategy's series, written to the hlogs). */
    LatencySeries() {
        this.corrected = new Histogram(SIGNIFICANT_DIGITS);
        this.raw = new Histogram(SIGNIFICANT_DIGITS);
        this.keepsIntervals = true;
    }

    /**
     * A series of one room: packed histograms (a run may have many rooms, few samples each)
     * and no per-interval ones ({@link #intervals()} stays empty; hlogs are per strategy).
     */
    static LatencySeries ofRoom() {
        return new LatencySeries(new PackedHistogram(SIGNIFICANT_DIGITS), new PackedHistogram(SIGNIFICANT_DIGITS));
    }

    private LatencySeries(Histogram corrected, Histogram raw) {
        this.corrected = corrected;
        this.raw = raw;
        this.keepsIntervals = false;
    }

    /** The corrected and raw histograms of one interval. */
    public record Interval(AbstractHistogram corrected, AbstractHistogram raw) {
    }

    void record(long interval, long correctedNanos, long rawNanos) {
        long c = Math.max(0, correctedNanos);
        long r = Math.max(0, rawNanos);
        corrected.recordValue(c);
        raw.recordValue(r);
        if (!keepsIntervals) {
            return;
        }
        Interval bucket = intervals.computeIfAbsent(interval, i -> new Interval(
                new PackedHistogram(SIGNIFICANT_DIGITS), new PackedHistogram(SIGNIFICANT_DIGITS)));
        bucket.corrected().recordValue(c);
        bucket.raw().recordValue(r);
    }

    void recordNever() {
        never++;
    }

    /** From the intended start: what users perceived. */
    public Histogram corrected() {
        return corrected;
    }

    /** From the actual start: what a closed-loop measurement would have shown. */
    public Histogram raw() {
        return raw;
    }

    /**
     * Per interval index (trace time from the report's origin, divided by its interval), the
     * histograms; empty for a room's series.
     */
    public NavigableMap<Long, Interval> intervals() {
        return Collections.unmodifiableNavigableMap(intervals);
    }

    /**
     * Intended samples that never came by the end of the run (a message never delivered, a
     * receipt never seen): not in the histograms, counted as +infinity by the figures over
     * intended deliveries.
     */
    public long never() {
        return never;
    }
}
