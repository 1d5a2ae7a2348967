package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;
import dev.livetalk.scenarios.Probabilities;

import java.time.Duration;

/**
 * Holds each message with {@code probability} for up to {@code window}, so later messages overtake it. Simulator only.
 *
 * <p>Immutable; any thread.
 */
public record ReorderFault(Duration window, double probability) implements Fault {
    public ReorderFault {
        Durations.requirePositive("window", window);
        Probabilities.require("probability", probability);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.REORDER;
    }
}
