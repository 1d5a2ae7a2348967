package dev.livetalk.bench.fanout;

import org.HdrHistogram.Histogram;

/**
 * The figures of one fan-out pass.
 *
 * @param target       which server
 * @param clients      sessions in the room
 * @param messages     measured messages
 * @param deliveries   measured messages received, summed over clients
 * @param elapsedNanos from the first measured send to the last delivery
 * @param latency      send-to-receive time of every measured delivery, in nanoseconds
 * @param unexpected   deliveries beyond the expected count (duplicates), over the whole pass
 */
public record FanoutResult(String target, int clients, int messages, long deliveries, long elapsedNanos,
                    Histogram latency, long unexpected) {

    /** Deliveries per second over the measured part. */
    public double deliveriesPerSecond() {
        return deliveries * 1e9 / elapsedNanos;
    }

    /** A latency percentile in microseconds. */
    public double latencyMicros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
