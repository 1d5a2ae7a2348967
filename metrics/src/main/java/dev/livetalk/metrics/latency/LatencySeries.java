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
 * Samples for packed histograms wait in a buffer until read (or until 1,024 wait), so that
 * what no one reads (a seed sweep reads no room's or interval's figures) costs little.
 *
 * <p>Single writer (the collector); read after recording is done.
 */
public final class LatencySeries {
    /** Significant digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Samples held back before they go into the packed histograms (bounds a series' buffer). */
    private static final int PENDING_MAX = 1024;

    private final boolean packed;
    private Histogram corrected;
    private Histogram raw;
    private final boolean keepsIntervals;
    private final TreeMap<Long, Interval> intervals = new TreeMap<>();
    private long never;
    /**
     * The samples not yet in the packed histograms, in recording order: (corrected, raw) for a
     * room's series, (interval, corrected, raw) for the intervals. A packed histogram is costly
     * to grow sample by sample (each new value may copy its storage), and a seed sweep never
     * reads a room's or an interval's figures: so they are recorded when read, or when this
     * many are waiting, in the same order, into the same histograms.
     */
    private long[] pending = new long[0];
    private int pendingSize;

    /** A series with plain histograms and per-interval ones (a strategy's series, written to the hlogs). */
    LatencySeries() {
        this.packed = false;
        this.corrected = new Histogram(SIGNIFICANT_DIGITS);
        this.raw = new Histogram(SIGNIFICANT_DIGITS);
        this.keepsIntervals = true;
    }

    /**
     * A series of one room: packed histograms (a run may have many rooms, few samples each)
     * and no per-interval ones ({@link #intervals()} stays empty; hlogs are per strategy).
     */
    static LatencySeries ofRoom() {
        return new LatencySeries(true);
    }

    private LatencySeries(boolean packed) {
        this.packed = packed;
        this.keepsIntervals = false;
    }

    /** The corrected and raw histograms of one interval. */
    public record Interval(AbstractHistogram corrected, AbstractHistogram raw) {
    }

    void record(long interval, long correctedNanos, long rawNanos) {
        long c = Math.max(0, correctedNanos);
        long r = Math.max(0, rawNanos);
        if (packed) {
            hold(c, r, Long.MIN_VALUE);
            return;
        }
        corrected.recordValue(c);
        raw.recordValue(r);
        if (keepsIntervals) {
            hold(c, r, interval);
        }
    }

    /** Holds one sample back for the packed histograms; {@code interval} is MIN_VALUE for a room's series. */
    private void hold(long c, long r, long interval) {
        int width = packed ? 2 : 3;
        if (pendingSize + width > pending.length) {
            if (pending.length >= PENDING_MAX * width) {
                flush();
            } else {
                pending = java.util.Arrays.copyOf(pending, Math.max(16 * width, pending.length * 2));
            }
        }
        if (!packed) {
            pending[pendingSize++] = interval;
        }
        pending[pendingSize++] = c;
        pending[pendingSize++] = r;
    }

    /** Records the held samples into the packed histograms, in the order they came. */
    private void flush() {
        if (packed) {
            if (corrected == null) {
                corrected = new PackedHistogram(SIGNIFICANT_DIGITS);
                raw = new PackedHistogram(SIGNIFICANT_DIGITS);
            }
            for (int i = 0; i < pendingSize; i += 2) {
                corrected.recordValue(pending[i]);
                raw.recordValue(pending[i + 1]);
            }
        } else {
            for (int i = 0; i < pendingSize; i += 3) {
                Interval bucket = intervals.computeIfAbsent(pending[i], k -> new Interval(
                        new PackedHistogram(SIGNIFICANT_DIGITS), new PackedHistogram(SIGNIFICANT_DIGITS)));
                bucket.corrected().recordValue(pending[i + 1]);
                bucket.raw().recordValue(pending[i + 2]);
            }
        }
        pendingSize = 0;
    }

    void recordNever() {
        never++;
    }

    /** From the intended start: what users perceived. */
    public Histogram corrected() {
        if (packed) {
            flush();
        }
        return corrected;
    }

    /** From the actual start: what a closed-loop measurement would have shown. */
    public Histogram raw() {
        if (packed) {
            flush();
        }
        return raw;
    }

    /**
     * Per interval index (trace time from the report's origin, divided by its interval), the
     * histograms; empty for a room's series.
     */
    public NavigableMap<Long, Interval> intervals() {
        if (!packed) {
            flush();
        }
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
