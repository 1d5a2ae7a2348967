package dev.livetalk.metrics.drift;

import java.util.List;

/**
 * One full minute of a drift block.
 *
 * <p>Immutable; any thread.
 *
 * @param minute      its index, 0 for the first minute after the warm-up
 * @param start       when it starts, nanoseconds since the end of the warm-up
 * @param latency     per latency metric in report order, its figures over the minute
 * @param correctness the correctness samples of the minute
 */
public record DriftMinute(int minute, long start, List<MinuteLatency> latency, MinuteCorrectness correctness) {
    public DriftMinute {
        latency = List.copyOf(latency);
    }

    /** The figures of a metric (expression name), or {@code null}. */
    public MinuteLatency latency(String metric) {
        return latency.stream().filter(l -> l.metric().equals(metric)).findFirst().orElse(null);
    }
}
