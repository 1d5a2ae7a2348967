package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RoomLog;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.TraceWindow;

/**
 * When correctness over time is sampled: {@code count} intervals of {@code step} nanoseconds of
 * trace time from {@code from}. Interval k is sampled at its end, {@code from + (k + 1) step},
 * and the sample sees every change made before that instant.
 *
 * <p>Immutable; any thread.
 *
 * @param from  trace time the first interval starts
 * @param step  the length of an interval, > 0
 * @param count how many intervals, >= 0
 */
public record SampleGrid(long from, long step, int count) {
    /** The interval of correctness over time: 1 s. */
    public static final long DEFAULT_STEP_NANOS = 1_000_000_000L;
    /** No samples. */
    public static final SampleGrid NONE = new SampleGrid(0, DEFAULT_STEP_NANOS, 0);

    public SampleGrid {
        if (step <= 0) {
            throw new IllegalArgumentException("sample step must be > 0 ns: " + step);
        }
        if (count < 0) {
            throw new IllegalArgumentException("sample count must be >= 0: " + count);
        }
    }

    /** Intervals of {@code step} from the end of the warm-up up to and including the interval of the last event. */
    public static SampleGrid of(RunTrace trace, long step) {
        long last = lastEvent(trace);
        long from = trace.measuredFrom();
        int count = last < from ? 0 : Math.toIntExact((last - from) / step + 1);
        return new SampleGrid(from, step, count);
    }

    /** The instant interval {@code k} is sampled at: its end. */
    public long end(int k) {
        return from + (k + 1) * step;
    }

    /**
     * The trace time of the run's last event (a change of a transcript, a commit, the end of a
     * fault window): where the trace ends; {@link Long#MIN_VALUE} for an empty trace.
     */
    public static long lastEvent(RunTrace trace) {
        long last = Long.MIN_VALUE;
        for (ClientTrace client : trace.clients()) {
            if (!client.changes().isEmpty()) {
                last = Math.max(last, client.changes().get(client.changes().size() - 1).at());
            }
        }
        for (RoomLog log : trace.serverLog().values()) {
            for (var commit : log.messages()) {
                last = Math.max(last, commit.committedAt());
            }
        }
        for (TraceWindow window : trace.windows()) {
            last = Math.max(last, window.end());
        }
        return last;
    }
}
