package dev.livetalk.scenarios.fault;

/**
 * Limits a link to {@code rateKbPerSecond} KB/s: Toxiproxy's {@code bandwidth} toxic. A rate of 0 is a {@link StallFault}.
 *
 * <p>Immutable; any thread.
 */
public record BandwidthFault(long rateKbPerSecond) implements Fault {
    public BandwidthFault {
        if (rateKbPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0 KB/s (use stall for 0): " + rateKbPerSecond);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.BANDWIDTH;
    }
}
