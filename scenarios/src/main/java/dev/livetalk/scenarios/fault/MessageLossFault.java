package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Probabilities;

/**
 * Drops each message with {@code probability}. Simulator only: a TCP proxy cannot drop one message.
 *
 * <p>Immutable; any thread.
 */
public record MessageLossFault(double probability) implements Fault {
    public MessageLossFault {
        Probabilities.require("probability", probability);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.MESSAGE_LOSS;
    }
}
