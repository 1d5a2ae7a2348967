package dev.livetalk.metrics.latency;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The samples of one metric in one phase: two HdrHistograms (3 significant digits,
 * nanoseconds), corrected (from the intended start) and raw (from the actual start), and the
 * count of intended samples that never came (messages never delivered: counted, not hidden;
 * the histograms hold completed samples only, {@code results.Percentiles} puts the two
 * together). The same samples per interval of trace time are kept by the strategy's
 * {@link LatencyReport} ({@link LatencyReport#forEachInterval}), not here.
 *
 * <p>Samples wait in a buffer until read (or until 1,024 wait), so that what no one reads (a
 * seed sweep reads only its budgets' series) costs little.
 *
 * <p>Single writer (the collector); read after recording is done.
 */
public final class LatencySeries {
    /** Significant digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Samples held back before they go into the histograms (bounds a series' buffer). */
    private static final int PENDING_MAX = 1024;

    private final boolean packed;
    /** Created at the first flush; {@code null} before. */
    private Histogram corrected;
    private Histogram raw;
    private final boolean keepsIntervals;
    private long never;
    /** Per interval of the intended time, the samples that never came (a strategy's series only). */
    private final TreeMap<Long, Long> neverByInterval = new TreeMap<>();
    /**
     * The samples not yet in the histograms, in recording order: (corrected, raw). A packed histogram is costly to grow
     * sample by sample (each new value may copy its storage), a plain one takes 70 to 170 kB
     * once it holds a few latencies, and a seed sweep reads few series (its budgets'): so the
     * samples go into the histograms when read, or when this many wait, in the order they came.
     */
    private long[] pending = new long[0];
    private int pendingSize;

    /** A series with plain histograms that counts its nevers per interval (a strategy's series). */
    LatencySeries() {
        this.packed = false;
        this.keepsIntervals = true;
    }

    /**
     * A series of one room: packed histograms (a run may have many rooms, few samples each)
     * and no nevers per interval ({@link #neverByInterval()} stays empty; hlogs are per strategy).
     */
    static LatencySeries ofRoom() {
        return new LatencySeries(true);
    }

    private LatencySeries(boolean packed) {
        this.packed = packed;
        this.keepsIntervals = false;
    }

    /** The corrected and raw histograms of one interval ({@code raw} is {@code null} when not asked for). */
    public record Interval(AbstractHistogram corrected, AbstractHistogram raw) {
    }

    /** Records a sample; both latencies already clamped at 0. */
    void record(long c, long r) {
        if (pendingSize + 2 > pending.length) {
            if (pending.length >= PENDING_MAX * 2) {
                flush();
            } else {
                pending = Arrays.copyOf(pending, Math.max(32, pending.length * 2));
            }
        }
        pending[pendingSize++] = c;
        pending[pendingSize++] = r;
    }

    /**
     * Records the held samples into the histograms, in the order they came: each histogram
     * gets the same values in the same order as if they had been recorded at once.
     */
    private void flush() {
        if (corrected == null) {
            corrected = packed ? new PackedHistogram(SIGNIFICANT_DIGITS) : new Histogram(SIGNIFICANT_DIGITS);
            raw = packed ? new PackedHistogram(SIGNIFICANT_DIGITS) : new Histogram(SIGNIFICANT_DIGITS);
        }
        for (int i = 0; i < pendingSize; i += 2) {
            corrected.recordValue(pending[i]);
            raw.recordValue(pending[i + 1]);
        }
        pendingSize = 0;
    }

    void recordNever(long interval) {
        never++;
        if (keepsIntervals) {
            neverByInterval.merge(interval, 1L, Long::sum);
        }
    }

    /** From the intended start: what users perceived. */
    public Histogram corrected() {
        flush();
        return corrected;
    }

    /** From the actual start: what a closed-loop measurement would have shown. */
    public Histogram raw() {
        flush();
        return raw;
    }

    /**
     * Intended samples that never came by the end of the run (a message never delivered, a
     * receipt never seen): not in the histograms, counted as +infinity by the figures over
     * intended deliveries.
     */
    public long never() {
        return never;
    }

    /**
     * Per interval index of the intended time (not the completion: these never completed), the
     * samples that never came; empty for a room's series. The counts add up to {@link #never()}.
     */
    public NavigableMap<Long, Long> neverByInterval() {
        return Collections.unmodifiableNavigableMap(neverByInterval);
    }
}
