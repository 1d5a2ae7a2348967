package dev.livetalk.metrics.latency;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
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
 * <p>A room's series ({@link #ofRoom}) records into plain histograms while its room is measured
 * and is then {@linkplain #pack packed}: its histograms kept in HdrHistogram's own encoding (a
 * run may have thousands of room series, and a plain histogram takes 70 to 230 kB once it holds
 * a few latencies), decoded when read. Before, they were {@code PackedHistogram}s throughout:
 * recording into them and walking them for percentiles took a third of the measuring thread's
 * time in the 1,000-client simulation.
 *
 * <p>Single writer (the collector); read after recording is done.
 */
public final class LatencySeries {
    /** Significant digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Samples held back before they go into the histograms (bounds a series' buffer). */
    private static final int PENDING_MAX = 1024;

    /** Whether {@link #pack} keeps the histograms encoded (a room's series). */
    private final boolean packs;
    /** Created at the first flush; {@code null} before, and while packed. */
    private Histogram corrected;
    private Histogram raw;
    /** The histograms in HdrHistogram's encoding while packed, else {@code null}. */
    private byte[] packedCorrected;
    private byte[] packedRaw;
    private final boolean keepsIntervals;
    private long never;
    /** Per interval of the intended time, the samples that never came (a strategy's series only). */
    private final TreeMap<Long, Long> neverByInterval = new TreeMap<>();
    /**
     * The samples not yet in the histograms, in recording order: (corrected, raw). A plain
     * histogram takes 70 to 230 kB once it holds a few latencies and a seed sweep reads few
     * series (its budgets'): so the samples go into the histograms when read, or when this many
     * wait, in the order they came.
     */
    private long[] pending = new long[0];
    private int pendingSize;

    /** A series with plain histograms that counts its nevers per interval (a strategy's series). */
    LatencySeries() {
        this.packs = false;
        this.keepsIntervals = true;
    }

    /**
     * A series of one room: packed once its room is measured ({@link #pack}; a run may have many
     * rooms) and no nevers per interval ({@link #neverByInterval()} stays empty; hlogs are per strategy).
     */
    static LatencySeries ofRoom() {
        return new LatencySeries(true);
    }

    private LatencySeries(boolean packs) {
        this.packs = packs;
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
     * gets the same values in the same order as if they had been recorded at once. A packed
     * series is unpacked first.
     */
    private void flush() {
        if (corrected == null) {
            if (packedCorrected != null) {
                corrected = decode(packedCorrected);
                raw = decode(packedRaw);
                packedCorrected = null;
                packedRaw = null;
            } else {
                corrected = new Histogram(SIGNIFICANT_DIGITS);
                raw = new Histogram(SIGNIFICANT_DIGITS);
            }
        }
        for (int i = 0; i < pendingSize; i += 2) {
            corrected.recordValue(pending[i]);
            raw.recordValue(pending[i + 1]);
        }
        pendingSize = 0;
    }

    /**
     * A room's series whose room is measured: its histograms kept encoded until read (each read
     * decodes them anew) and its buffer let go. A sample recorded after it unpacks the series
     * again. Nothing for a strategy's series, nor for a series without samples.
     */
    void pack() {
        if (!packs || (corrected == null && pendingSize == 0)) {
            return;
        }
        flush();
        packedCorrected = encode(corrected);
        packedRaw = encode(raw);
        corrected = null;
        raw = null;
        pending = new long[0];
    }

    /** Whether the histograms are kept encoded (tests). */
    boolean packed() {
        return packedCorrected != null;
    }

    private static byte[] encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        h.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** A histogram equal in every figure (counts, total, min, max, percentiles) to the one encoded, growing as needed. */
    private static Histogram decode(byte[] encoded) {
        Histogram h = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 0);
        h.setAutoResize(true);
        return h;
    }

    void recordNever(long interval) {
        never++;
        if (keepsIntervals) {
            neverByInterval.merge(interval, 1L, Long::sum);
        }
    }

    /** From the intended start: what users perceived. Of a packed series, a copy made for the call: do not record into it. */
    public Histogram corrected() {
        if (packedCorrected != null && pendingSize == 0) {
            return decode(packedCorrected);
        }
        flush();
        return corrected;
    }

    /** From the actual start: what a closed-loop measurement would have shown. Of a packed series, as {@link #corrected}. */
    public Histogram raw() {
        if (packedRaw != null && pendingSize == 0) {
            return decode(packedRaw);
        }
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
