package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;

import java.time.Duration;

/**
 * Adds {@code latency} plus a uniform {@code jitter} (+/-) to every chunk: Toxiproxy's {@code latency} toxic.
 *
 * <p>Immutable; any thread.
 */
public record LatencyFault(Duration latency, Duration jitter) implements Fault {
    public LatencyFault {
        Durations.requireNonNegative("latency", latency);
        Durations.requireNonNegative("jitter", jitter);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.LATENCY;
    }
}
