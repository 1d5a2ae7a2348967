package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The latency series of one strategy's run, per metric and phase ({@link Phase#ALL} holds
 * every sample). Fill it with {@link #record} and {@link #recordNever}; the forms that take a
 * room also keep the sample in that room's own report ({@link #rooms()}), whose series have
 * no interval histograms (interval logs are per strategy).
 *
 * <p>Single writer (the collector); read after recording is done.
 */
public final class LatencyReport {
    /** The latency metrics, in report order. */
    public static final List<Metric> METRICS = List.of(Metric.ECHO, Metric.ACK, Metric.PEER_FIRST, Metric.PEER_FINAL,
            Metric.READ_RECEIPT_LAG, Metric.SCHEDULING_LAG, Metric.SILENT_WAIT);
    /** The phases, in report order. */
    public static final List<Phase> PHASES = List.of(Phase.ALL, Phase.BEFORE, Phase.DURING, Phase.AFTER);

    /** The default interval of interval logs: 1 s of trace time. */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final Phases phases;
    private final long origin;
    private final long intervalNanos;
    private final Map<Metric, Map<Phase, LatencySeries>> series = new EnumMap<>(Metric.class);
    private final NavigableMap<String, LatencyReport> rooms = new TreeMap<>();
    private final boolean ofRoom;

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

    private LatencyReport(Phases phases, long origin, long intervalNanos, boolean ofRoom) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be > 0 ns: " + intervalNanos);
        }
        this.phases = phases;
        this.origin = origin;
        this.intervalNanos = intervalNanos;
        this.ofRoom = ofRoom;
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
        long interval = Math.floorDiv(completedAt - origin, intervalNanos);
        seriesOf(metric, Phase.ALL).record(interval, completedAt - intendedAt, completedAt - actualAt);
        seriesOf(metric, phases.of(intendedAt)).record(interval, completedAt - intendedAt, completedAt - actualAt);
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
        return rooms.computeIfAbsent(room, r -> new LatencyReport(phases, origin, intervalNanos, true));
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
        long interval = Math.floorDiv(endedAt - origin, intervalNanos);
        seriesOf(metric, Phase.ALL).record(interval, corrected, raw);
        seriesOf(metric, phases.of(intendedAt)).record(interval, corrected, raw);
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
