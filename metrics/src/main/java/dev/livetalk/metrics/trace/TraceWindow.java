package dev.livetalk.metrics.trace;

import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;

import java.util.List;

/**
 * A fault window on the trace clock: {@code [start, end)} in nanoseconds. {@code clients} are
 * the users it targets; empty with {@code serverSide} or for all clients means everybody.
 * {@code kind} is the fault's {@code type} in scenario files ({@code down}, {@code restart}, ...),
 * {@code null} when not known (windows built by hand or read back from a ledger).
 *
 * <p>Immutable; any thread.
 */
public record TraceWindow(String fault, int occurrence, long start, long end, List<String> clients,
                          boolean serverSide, String kind) {
    public TraceWindow {
        clients = List.copyOf(clients);
        if (end <= start) {
            throw new IllegalArgumentException("a window must end after it starts: " + start + ".." + end);
        }
    }

    /** A window whose fault kind is not known. */
    public TraceWindow(String fault, int occurrence, long start, long end, List<String> clients, boolean serverSide) {
        this(fault, occurrence, start, end, clients, serverSide, null);
    }

    /**
     * The window on the trace clock, given the trace time {@code loadStart} at which the
     * warm-up ended (fault times count from there).
     */
    public static TraceWindow of(FaultWindow window, long loadStart) {
        return new TraceWindow(window.fault(), window.occurrence(), loadStart + window.start().toNanos(),
                loadStart + window.end().toNanos(), window.clients(), window.serverSide(), window.kind().yamlName());
    }

    /** Every window of the schedule on the trace clock, in start order. */
    public static List<TraceWindow> resolve(FaultSchedule schedule, long loadStart) {
        return schedule.windows().stream().map(w -> of(w, loadStart)).toList();
    }

    /**
     * Until when what follows this window is its own ("until the next window" in docs/METRICS.md): the start of the
     * first of {@code windows} that starts at or after this window's end, else {@link Long#MAX_VALUE}. A window
     * that starts inside this one does not cut it short: two faults scheduled at the same moment are applied one
     * after the other when played for real, a few milliseconds apart, and each then starts inside the other.
     */
    public long nextStart(List<TraceWindow> windows) {
        long next = Long.MAX_VALUE;
        for (TraceWindow other : windows) {
            if (other.start >= end) {
                next = Math.min(next, other.start);
            }
        }
        return next;
    }

    /** Whether the window acts at {@code time}: start inclusive, end exclusive. */
    public boolean activeAt(long time) {
        return time >= start && time < end;
    }

    /** Whether the window hits the client of {@code user}. */
    public boolean targets(String user) {
        return serverSide || clients.isEmpty() || clients.contains(user);
    }
}
