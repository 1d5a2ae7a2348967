package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunContext;
import dev.livetalk.metrics.trace.RunTrace;

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
        return of(trace.measuredFrom(), RunContext.lastEvent(trace), step);
    }

    /** The 1 s intervals of a run measured room by room: from the end of its warm-up up to its last event. */
    public static SampleGrid of(RoomSlices run) {
        return of(run.run().measuredFrom(), run.context().lastEvent(), DEFAULT_STEP_NANOS);
    }

    /** Intervals of {@code step} from {@code from} (the end of the warm-up) up to and including the interval of {@code last}. */
    public static SampleGrid of(long from, long last, long step) {
        int count = last < from ? 0 : Math.toIntExact((last - from) / step + 1);
        return new SampleGrid(from, step, count);
    }

    /** The instant interval {@code k} is sampled at: its end. */
    public long end(int k) {
        return from + (k + 1) * step;
    }

}
