package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.scenarios.budget.Phase;

import java.util.List;

/**
 * Assigns a time to a phase of the fault timeline: {@code during} inside any window (start
 * inclusive, end exclusive), {@code before} ahead of the first window (or when there is none),
 * {@code after} once a window ended and before the next one starts.
 *
 * <p>Immutable; any thread.
 */
public record Phases(List<TraceWindow> windows) {
    public Phases {
        windows = List.copyOf(windows);
    }

    /** The phase of {@code time}; never {@link Phase#ALL}. */
    public Phase of(long time) {
        boolean ended = false;
        for (TraceWindow window : windows) {
            if (window.activeAt(time)) {
                return Phase.DURING;
            }
            ended |= window.end() <= time;
        }
        return ended ? Phase.AFTER : Phase.BEFORE;
    }
}
