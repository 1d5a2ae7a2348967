package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Probabilities;

/**
 * Delivers each message twice with {@code probability}. Simulator only.
 *
 * <p>Immutable; any thread.
 */
public record DuplicationFault(double probability) implements Fault {
    public DuplicationFault {
        Probabilities.require("probability", probability);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.DUPLICATION;
    }
}
