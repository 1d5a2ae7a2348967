package dev.livetalk.junit;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;

/**
 * One latency metric of one strategy in one phase, over every intended delivery (corrected:
 * from the intended send time), as results.json holds it.
 *
 * <p>Immutable; any thread.
 *
 * @param metric   the metric's budget name: {@code echo}, {@code ack}, {@code peer-first},
 *                 {@code peer-final}, ...
 * @param phase    {@code all}, {@code before}, {@code during} or {@code after} the faults
 * @param intended intended deliveries: those that came plus those that never came
 * @param never    intended deliveries that never came by the end of the run
 * @param p50      median
 * @param p90      90th percentile
 * @param p99      99th percentile
 * @param p999     99.9th percentile
 * @param max      longest (never once one delivery never came)
 */
public record LatencyPercentiles(String metric, String phase, long intended, long never, Latency p50, Latency p90,
                                 Latency p99, Latency p999, Latency max) {

    static LatencyPercentiles of(LatencyFigures figures) {
        Percentiles p = figures.corrected();
        return new LatencyPercentiles(figures.metric(), figures.phase(), p.count(), figures.never(),
                Latency.ofNanos(p.p50()), Latency.ofNanos(p.p90()), Latency.ofNanos(p.p99()),
                Latency.ofNanos(p.p999()), Latency.ofNanos(p.max()));
    }
}
