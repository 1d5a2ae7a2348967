package dev.livetalk.metrics.trace;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything recorded in one run of one strategy, on one monotonic clock (nanoseconds).
 *
 * <p>Immutable; any thread. Built by a {@link TraceRecorder}.
 *
 * @param strategy     the strategy's name
 * @param measuredFrom trace time at which the warm-up ended: latency samples of sends
 *                     intended earlier are not kept (correctness covers the whole run)
 * @param clients      every client, in a stable order (examples follow it)
 * @param serverLog    per room, the server log
 * @param windows      the fault windows on the trace clock
 */
public record RunTrace(String strategy, long measuredFrom, List<ClientTrace> clients, Map<String, RoomLog> serverLog,
                       List<TraceWindow> windows) {
    public RunTrace {
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("a trace needs the strategy's name: " + strategy);
        }
        clients = List.copyOf(clients);
        serverLog = Map.copyOf(serverLog);
        windows = windows.stream().sorted(Comparator.comparingLong(TraceWindow::start)).toList();
    }

    /** The log of a room, empty when the server committed nothing there. */
    public RoomLog log(String room) {
        RoomLog log = serverLog.get(room);
        return log != null ? log : new RoomLog(room, List.of());
    }
}
