package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;

import java.time.Duration;

/**
 * Resets connections (TCP RST) after {@code timeout}: Toxiproxy's {@code reset_peer} toxic.
 *
 * <p>Immutable; any thread.
 */
public record ResetPeerFault(Duration timeout) implements Fault {
    public ResetPeerFault {
        Durations.requireNonNegative("timeout", timeout);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.RESET_PEER;
    }
}
