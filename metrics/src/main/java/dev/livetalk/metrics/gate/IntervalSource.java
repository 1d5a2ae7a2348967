package dev.livetalk.metrics.gate;

import org.HdrHistogram.AbstractHistogram;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the gate finds the intervals (1 s of trace time each, as an {@link IntervalSeries}: the
 * gate keeps no histogram per interval) of a run's corrected latency series: the run's
 * {@code STRATEGY.hlog} files, or memory in tests.
 *
 * <p>Implementations are read-only once built; any thread.
 */
public interface IntervalSource {
    /** A run without interval logs (a lone {@code results.json}): the gate falls back to its threshold rule. */
    IntervalSource NONE = new IntervalSource() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public IntervalSeries corrected(String strategy, String metric, String phase) {
            return IntervalSeries.EMPTY;
        }
    };

    /** Whether the run has interval logs at all. */
    boolean available();

    /** The non-empty intervals of a strategy's metric ({@code peer-final}) in a phase ({@code all}), in time order. */
    IntervalSeries corrected(String strategy, String metric, String phase);

    /** A source over the interval histograms {@code series}, keyed {@code strategy/metric/phase}. */
    static IntervalSource of(Map<String, List<? extends AbstractHistogram>> series) {
        Map<String, IntervalSeries> copy = new HashMap<>();
        series.forEach((key, intervals) -> copy.put(key, IntervalSeries.of(intervals)));
        return new IntervalSource() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public IntervalSeries corrected(String strategy, String metric, String phase) {
                return copy.getOrDefault(key(strategy, metric, phase), IntervalSeries.EMPTY);
            }
        };
    }

    /** The key of a series in {@link #of}. */
    static String key(String strategy, String metric, String phase) {
        return strategy + "/" + metric + "/" + phase;
    }
}
