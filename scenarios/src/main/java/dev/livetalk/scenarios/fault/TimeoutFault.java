package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;

import java.time.Duration;

/**
 * Stops all data and closes the connection after {@code timeout} (0: never closes, data is dropped): Toxiproxy's {@code timeout} toxic.
 *
 * <p>Immutable; any thread.
 */
public record TimeoutFault(Duration timeout) implements Fault {
    public TimeoutFault {
        Durations.requireNonNegative("timeout", timeout);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.TIMEOUT;
    }
}
