package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;

import java.time.Duration;

/**
 * Delays the close of a connection by {@code delay}: Toxiproxy's {@code slow_close} toxic.
 *
 * <p>Immutable; any thread.
 */
public record SlowCloseFault(Duration delay) implements Fault {
    public SlowCloseFault {
        Durations.requireNonNegative("delay", delay);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.SLOW_CLOSE;
    }
}
