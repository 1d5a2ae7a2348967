package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The latency series of one strategy's run, per metric and phase ({@link Phase#ALL} holds
 * every sample). Fill it with {@link #record} and {@link #recordNever}; the forms that take a
 * room also keep the sample in that room's own report ({@link #rooms()}), whose series have
 * no interval histograms (interval logs are per strategy).
 *
 * <p>The strategy's per-interval histograms (1 s of trace time, for the interval log, the drift
 * and the report) are not held: the samples are kept in recording order, compactly, in memory
 * and past 32 MB in a temporary file ({@link IntervalSpill}), and {@link #forEachInterval}
 * builds the histograms one interval at a time, each the same as if it had been recorded live.
 * A run measured room by room thus holds one window of intervals at a time, whatever its
 * length. {@link #close} deletes the temporary file (so does the report's collection, and the
 * JVM's exit).
 *
 * <p>Single writer (the collector); read after recording is done, from one thread at a time.
 */
public final class LatencyReport implements AutoCloseable {
    /** The latency metrics, in report order. */
    public static final List<Metric> METRICS = List.of(Metric.ECHO, Metric.ACK, Metric.PEER_FIRST, Metric.PEER_FINAL,
            Metric.READ_RECEIPT_LAG, Metric.SCHEDULING_LAG, Metric.SILENT_WAIT);
    /** The phases, in report order. */
    public static final List<Phase> PHASES = List.of(Phase.ALL, Phase.BEFORE, Phase.DURING, Phase.AFTER);

    /** The default interval of interval logs: 1 s of trace time. */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;
    /** The intervals read at once: {@link #forEachInterval} and {@link #forEachCorrected} go window by window. */
    public static final int WINDOW_INTERVALS = IntervalSpill.WINDOW;
    /** A sample's code in the interval samples: metric index times this plus phase index. */
    private static final int PHASE_CODES = 4;

    private final Phases phases;
    private final long origin;
    private final long intervalNanos;
    private final Map<Metric, Map<Phase, LatencySeries>> series = new EnumMap<>(Metric.class);
    private final NavigableMap<String, LatencyReport> rooms = new TreeMap<>();
    /** The room reports recorded into since {@link #packRooms}. */
    private final Set<LatencyReport> unpacked = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The room recorded into last, and its report: a room's samples come in long runs. */
    private String lastRoom;
    private LatencyReport lastRoomReport;
    private final boolean ofRoom;
    /** The strategy's interval samples; {@code null} in a room's report. */
    private final IntervalSpill spill;

    /** An empty report phased by {@code phases}, with 1 s intervals from trace time 0. */
    public LatencyReport(Phases phases) {
        this(phases, 0, DEFAULT_INTERVAL_NANOS);
    }

    /**
     * An empty report whose samples are phased by {@code phases} and split into intervals of
     * {@code intervalNanos} of trace time from {@code origin} by their completion time.
     */
    public LatencyReport(Phases phases, long origin, long intervalNanos) {
        this(phases, origin, intervalNanos, false);
    }

    /**
     * As {@link #LatencyReport(Phases, long, long)}, the interval samples buffered {@code spillBuffer}
     * at a time and moving to a file past {@code spillMemoryLimit} bytes (tests).
     */
    LatencyReport(Phases phases, long origin, long intervalNanos, long spillMemoryLimit, int spillBuffer) {
        this(phases, origin, intervalNanos, false, new IntervalSpill(spillMemoryLimit, spillBuffer));
    }

    private LatencyReport(Phases phases, long origin, long intervalNanos, boolean ofRoom) {
        this(phases, origin, intervalNanos, ofRoom, ofRoom ? null : new IntervalSpill());
    }

    private LatencyReport(Phases phases, long origin, long intervalNanos, boolean ofRoom, IntervalSpill spill) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be > 0 ns: " + intervalNanos);
        }
        this.phases = phases;
        this.origin = origin;
        this.intervalNanos = intervalNanos;
        this.ofRoom = ofRoom;
        this.spill = spill;
        Supplier<LatencySeries> newSeries = ofRoom ? LatencySeries::ofRoom : LatencySeries::new;
        for (Metric metric : METRICS) {
            Map<Phase, LatencySeries> byPhase = new EnumMap<>(Phase.class);
            PHASES.forEach(p -> byPhase.put(p, newSeries.get()));
            series.put(metric, byPhase);
        }
    }

    /**
     * A sample of {@code metric} for an operation intended at {@code intendedAt}, actually
     * started at {@code actualAt}, completed at {@code completedAt}; phased by the intended time.
     */
    public void record(Metric metric, long intendedAt, long actualAt, long completedAt) {
        recordSpan(metric, intendedAt, completedAt, completedAt - intendedAt, completedAt - actualAt);
    }

    /** As {@link #record(Metric, long, long, long)}, and the same sample in {@code room}'s report. */
    public void record(Metric metric, String room, long intendedAt, long actualAt, long completedAt) {
        record(metric, intendedAt, actualAt, completedAt);
        roomReport(room).record(metric, intendedAt, actualAt, completedAt);
    }

    /** As {@link #recordNever(Metric, long)}, and the same in {@code room}'s report. */
    public void recordNever(Metric metric, String room, long intendedAt) {
        recordNever(metric, intendedAt);
        roomReport(room).recordNever(metric, intendedAt);
    }

    /**
     * Per room (sorted by name), the samples recorded with that room: a report of the same
     * metrics and phases whose series keep no intervals. Empty for a room's own report.
     */
    public NavigableMap<String, LatencyReport> rooms() {
        return Collections.unmodifiableNavigableMap(rooms);
    }

    /** An empty room report of the same phases and intervals: the figures of a room without samples. */
    public LatencyReport emptyLike() {
        return new LatencyReport(phases, origin, intervalNanos, true);
    }

    private LatencyReport roomReport(String room) {
        if (ofRoom) {
            throw new IllegalStateException("a room's report keeps no rooms: " + room);
        }
        if (room.equals(lastRoom)) {
            return lastRoomReport;
        }
        LatencyReport report = rooms.computeIfAbsent(room, r -> new LatencyReport(phases, origin, intervalNanos, true));
        unpacked.add(report);
        lastRoom = room;
        lastRoomReport = report;
        return report;
    }

    /**
     * Packs the series of the rooms recorded into since the last call ({@link LatencySeries#pack}):
     * call it once a part of the run (a room) is collected. Their figures stay the same; a sample
     * recorded into a packed room later unpacks its series.
     */
    public void packRooms() {
        for (LatencyReport room : unpacked) {
            room.series.values().forEach(byPhase -> byPhase.values().forEach(LatencySeries::pack));
        }
        unpacked.clear();
        lastRoom = null;
        lastRoomReport = null;
    }

    /**
     * A sample of {@code metric} that is not a completion time: {@code corrected} counted from
     * the intended start, {@code raw} from the actual one, filed by the phase of {@code intendedAt}
     * and the interval of {@code endedAt}.
     */
    public void recordSpan(Metric metric, String room, long intendedAt, long endedAt, long corrected, long raw) {
        recordSpan(metric, intendedAt, endedAt, corrected, raw);
        roomReport(room).recordSpan(metric, intendedAt, endedAt, corrected, raw);
    }

    /** As {@link #recordSpan(Metric, String, long, long, long, long)}, in this report only. */
    public void recordSpan(Metric metric, long intendedAt, long endedAt, long corrected, long raw) {
        long c = Math.max(0, corrected);
        long r = Math.max(0, raw);
        Phase phase = phases.of(intendedAt);
        seriesOf(metric, Phase.ALL).record(c, r);
        seriesOf(metric, phase).record(c, r);
        if (spill != null) {
            spill.add(METRICS.indexOf(metric) * PHASE_CODES + PHASES.indexOf(phase),
                    Math.floorDiv(endedAt - origin, intervalNanos), c, r);
        }
    }

    /** The histograms of one interval: per metric and phase, those with samples in it. */
    public static final class IntervalHistograms {
        private final long index;
        private final LatencySeries.Interval[] series;

        private IntervalHistograms(long index, LatencySeries.Interval[] series) {
            this.index = index;
            this.series = series;
        }

        /** The interval's index: its start is {@code origin + index * intervalNanos}. */
        public long index() {
            return index;
        }

        /** The histograms of {@code metric} in {@code phase} in this interval, or {@code null} when it has no sample. */
        public LatencySeries.Interval of(Metric metric, Phase phase) {
            return series[METRICS.indexOf(metric) * PHASE_CODES + PHASES.indexOf(phase)];
        }
    }

    /**
     * Hands {@code action} every interval with samples, in index order, with the histograms of
     * the series of {@code phases} that have samples in it ({@link LatencySeries.Interval}: plain
     * histograms, 3 digits; {@code raw} left {@code null} unless {@code withRaw}). The histograms
     * are built for the call from the samples kept, a window of {@value IntervalSpill#WINDOW}
     * intervals at a time, and are the same as if each had been recorded live, encoding included
     * ({@link IntervalPool}); they are reused for the next window, so do not keep them beyond the
     * call. Nothing for a room's report.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public void forEachInterval(Set<Phase> phases, boolean withRaw, Consumer<IntervalHistograms> action) {
        if (spill == null) {
            return;
        }
        boolean[] wanted = new boolean[PHASE_CODES];
        phases.forEach(p -> wanted[PHASES.indexOf(p)] = true);
        int all = PHASES.indexOf(Phase.ALL);
        int slots = METRICS.size() * PHASE_CODES;
        IntervalPool pool = new IntervalPool();
        for (long window : spill.windows()) {
            long base = window * WINDOW_INTERVALS;
            // first the largest sample of every histogram of the window, then each histogram taken at the size
            // that largest sample gives, and recorded into (the window's samples are read twice)
            long[][] maxima = new long[WINDOW_INTERVALS][];
            spill.read(window, (code, interval, c, r) -> {
                int at = (int) (interval - base);
                if (maxima[at] == null) {
                    maxima[at] = new long[2 * slots];
                    Arrays.fill(maxima[at], -1);
                }
                int metricBase = code - code % PHASE_CODES;
                if (wanted[all]) {
                    widen(maxima[at], metricBase + all, slots, c, r);
                }
                if (wanted[code % PHASE_CODES]) {
                    widen(maxima[at], code, slots, c, r);
                }
            });
            pool.keepOnlyWhatIsTaken(maxima, slots, withRaw);
            LatencySeries.Interval[][] held = new LatencySeries.Interval[WINDOW_INTERVALS][];
            for (int at = 0; at < WINDOW_INTERVALS; at++) {
                long[] max = maxima[at];
                if (max != null) {
                    held[at] = new LatencySeries.Interval[slots];
                    for (int slot = 0; slot < slots; slot++) {
                        if (max[slot] >= 0) {
                            held[at][slot] = new LatencySeries.Interval(pool.take(max[slot]),
                                    withRaw ? pool.take(max[slots + slot]) : null);
                        }
                    }
                }
            }
            spill.read(window, (code, interval, c, r) -> {
                LatencySeries.Interval[] series = held[(int) (interval - base)];
                int metricBase = code - code % PHASE_CODES;
                if (wanted[all]) {
                    record(series[metricBase + all], withRaw, c, r);
                }
                if (wanted[code % PHASE_CODES]) {
                    record(series[code], withRaw, c, r);
                }
            });
            for (int at = 0; at < WINDOW_INTERVALS; at++) {
                if (held[at] != null) {
                    action.accept(new IntervalHistograms(base + at, held[at]));
                }
            }
            pool.giveBackAll();
        }
    }

    private static void widen(long[] max, int slot, int slots, long c, long r) {
        max[slot] = Math.max(max[slot], c);
        max[slots + slot] = Math.max(max[slots + slot], r);
    }

    private static void record(LatencySeries.Interval interval, boolean withRaw, long c, long r) {
        interval.corrected().recordValue(c);
        if (withRaw) {
            interval.raw().recordValue(r);
        }
    }

    /**
     * The histograms {@link #forEachInterval} hands out, plain (recording into HdrHistogram's
     * packed ones took most of the time of writing an interval log) and reused from window to
     * window (new ones for every interval of an hour-long run would allocate gigabytes). A reused
     * histogram must still be the one a new histogram fed the same samples would be, in its
     * encoding too: an auto-resizing histogram's highest trackable value, which the interval log
     * writes, follows the largest value it was ever asked to hold. So the histograms are pooled by
     * the bit length of the largest sample they are to hold, which fixes how far a new histogram
     * would have grown: each is made by recording such a value into a new histogram, then reset.
     * Before a window takes any, the pool lets go of the free ones it will not take
     * ({@link #keepOnlyWhatIsTaken}), so that it never holds one window's histograms beside new
     * ones of the next.
     */
    private static final class IntervalPool {
        /** At b, the free histograms made for a largest sample of b bits. */
        private final List<ArrayDeque<Histogram>> free = new ArrayList<>();
        /** The histograms taken since {@link #giveBackAll}, and their bit lengths. */
        private final List<Histogram> lent = new ArrayList<>();
        private final List<Integer> lentBits = new ArrayList<>();

        /**
         * Lets go of the free histograms the window whose largest samples are {@code maxima} will
         * not take (as {@link #forEachInterval} takes them: per interval and slot, the corrected
         * largest sample at {@code slot}, the raw one at {@code slots + slot} when {@code withRaw};
         * a negative one is a slot without samples), before it takes any: the pool then never
         * holds the last window's histograms beside new ones of this window, only as many as this
         * window takes.
         */
        void keepOnlyWhatIsTaken(long[][] maxima, int slots, boolean withRaw) {
            int[] wanted = new int[free.size()];
            for (long[] max : maxima) {
                if (max == null) {
                    continue;
                }
                for (int slot = 0; slot < slots; slot++) {
                    if (max[slot] >= 0) {
                        count(wanted, max[slot]);
                        if (withRaw) {
                            count(wanted, max[slots + slot]);
                        }
                    }
                }
            }
            for (int bits = 0; bits < free.size(); bits++) {
                ArrayDeque<Histogram> kept = free.get(bits);
                while (kept.size() > wanted[bits]) {
                    kept.poll();
                }
            }
        }

        private static void count(int[] wanted, long max) {
            int bits = bits(max);
            if (bits < wanted.length) {
                wanted[bits]++;
            }
        }

        private static int bits(long max) {
            return 64 - Long.numberOfLeadingZeros(max);
        }

        /** A histogram, empty, as a new one would be after recording samples up to {@code max}. */
        Histogram take(long max) {
            int bits = bits(max);
            while (free.size() <= bits) {
                free.add(new ArrayDeque<>());
            }
            Histogram histogram = free.get(bits).poll();
            if (histogram == null) {
                histogram = new Histogram(LatencySeries.SIGNIFICANT_DIGITS);
                histogram.recordValue(max);
                histogram.reset();
            }
            lent.add(histogram);
            lentBits.add(bits);
            return histogram;
        }

        /**
         * Empties every histogram taken and keeps it for the next window; those the window did not
         * take are let go, so the pool holds one window's histograms at most.
         */
        void giveBackAll() {
            free.forEach(ArrayDeque::clear);
            for (int i = 0; i < lent.size(); i++) {
                Histogram histogram = lent.get(i);
                histogram.reset();
                histogram.setTag(null);
                free.get(lentBits.get(i)).add(histogram);
            }
            lent.clear();
            lentBits.clear();
        }
    }

    /** A corrected sample handed by {@link #forEachCorrected}. */
    @FunctionalInterface
    public interface CorrectedSample {
        void accept(Metric metric, long interval, long correctedNanos);
    }

    /**
     * Hands {@code action} every corrected sample of the series of {@code phase} with its
     * interval index, without building interval histograms (what a sum over many intervals
     * needs): a window of {@value IntervalSpill#WINDOW} intervals after the other, in index order,
     * and within a window in recording order, so intervals of one window may come interleaved.
     * Nothing for a room's report.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public void forEachCorrected(Phase phase, CorrectedSample action) {
        if (spill == null) {
            return;
        }
        int wanted = PHASES.indexOf(phase);
        int all = PHASES.indexOf(Phase.ALL);
        for (long window : spill.windows()) {
            spill.read(window, (code, interval, c, r) -> {
                Metric metric = METRICS.get(code / PHASE_CODES);
                if (wanted == all) {
                    action.accept(metric, interval, c);
                }
                if (code % PHASE_CODES == wanted) {
                    action.accept(metric, interval, c);
                }
            });
        }
    }

    /** Deletes the interval samples' temporary file, if any; {@link #forEachInterval} fails after it. Idempotent. */
    @Override
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }

    /** The interval samples (tests: where they went). */
    IntervalSpill spill() {
        return spill;
    }

    /** Trace time of the start of interval 0. */
    public long origin() {
        return origin;
    }

    /** The length of an interval, in nanoseconds of trace time. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** An intended sample of {@code metric} that never came by the end of the run. */
    public void recordNever(Metric metric, long intendedAt) {
        long interval = Math.floorDiv(intendedAt - origin, intervalNanos);
        seriesOf(metric, Phase.ALL).recordNever(interval);
        seriesOf(metric, phases.of(intendedAt)).recordNever(interval);
    }

    /** The series of a latency metric in a phase. */
    public LatencySeries series(Metric metric, Phase phase) {
        return seriesOf(metric, phase);
    }

    private LatencySeries seriesOf(Metric metric, Phase phase) {
        Map<Phase, LatencySeries> byPhase = series.get(metric);
        if (byPhase == null) {
            throw new IllegalArgumentException("not a latency metric: " + metric.expressionName());
        }
        return byPhase.get(phase);
    }
}
