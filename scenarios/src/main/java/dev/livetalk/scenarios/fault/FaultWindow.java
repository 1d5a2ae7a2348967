package dev.livetalk.scenarios.fault;

import java.time.Duration;
import java.util.List;

/**
 * One concrete fault window of a resolved schedule: the fault named {@code fault} acts from
 * {@code start} to {@code end} (since the end of warm-up) on the {@code link} of the
 * {@code clients} listed (user names, in declaration order), or on the server side.
 * {@code occurrence} counts the windows of one periodic fault from 0.
 *
 * <p>Immutable; any thread.
 */
public record FaultWindow(
        String fault,
        int occurrence,
        Duration start,
        Duration end,
        Fault parameters,
        DirectionSelector direction,
        List<String> clients,
        LinkSelector link,
        boolean serverSide) {

    public FaultWindow {
        clients = List.copyOf(clients);
        if (end.compareTo(start) <= 0) {
            throw new IllegalArgumentException("a window must end after it starts: " + start + ".." + end);
        }
    }

    public FaultKind kind() {
        return parameters.kind();
    }

    /** Whether the window is active at {@code time} since the end of warm-up: start inclusive, end exclusive. */
    public boolean activeAt(Duration time) {
        return time.compareTo(start) >= 0 && time.compareTo(end) < 0;
    }
}
