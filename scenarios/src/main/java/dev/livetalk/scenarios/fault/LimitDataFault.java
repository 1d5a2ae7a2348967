package dev.livetalk.scenarios.fault;

/**
 * Closes the connection once {@code bytes} have passed: Toxiproxy's {@code limit_data} toxic.
 *
 * <p>Immutable; any thread.
 */
public record LimitDataFault(long bytes) implements Fault {
    public LimitDataFault {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be > 0: " + bytes);
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.LIMIT_DATA;
    }
}
