package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The latency series of one strategy's run, per metric and phase ({@link Phase#ALL} holds
 * every sample). Fill it with {@link #record} and {@link #recordNever}.
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

    /** An empty report phased by {@code phases}, with 1 s intervals from trace time 0. */
    public LatencyReport(Phases phases) {
        this(phases, 0, DEFAULT_INTERVAL_NANOS);
    }

    /**
     * An empty report whose samples are phased by {@code phases} and split into intervals of
     * {@code intervalNanos} of trace time from {@code origin} by their completion time.
     */
    public LatencyReport(Phases phases, long origin, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be > 0 ns: " + intervalNanos);
        }
        this.phases = phases;
        this.origin = origin;
        this.intervalNanos = intervalNanos;
        for (Metric metric : METRICS) {
            Map<Phase, LatencySeries> byPhase = new EnumMap<>(Phase.class);
            PHASES.forEach(p -> byPhase.put(p, new LatencySeries()));
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

    /**
     * A sample of {@code metric} that is not a completion time: {@code corrected} counted from
     * the intended start, {@code raw} from the actual one, filed by the phase of {@code intendedAt}
     * and the interval of {@code endedAt}.
     */
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
        seriesOf(metric, Phase.ALL).recordNever();
        seriesOf(metric, phases.of(intendedAt)).recordNever();
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
