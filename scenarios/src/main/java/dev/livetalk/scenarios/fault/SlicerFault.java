package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;

import java.time.Duration;

/**
 * Slices data into chunks of {@code averageSize} +/- {@code sizeVariation} bytes with {@code delay} between them: Toxiproxy's {@code slicer} toxic.
 *
 * <p>Immutable; any thread.
 */
public record SlicerFault(int averageSize, int sizeVariation, Duration delay) implements Fault {
    public SlicerFault {
        if (averageSize <= 0) {
            throw new IllegalArgumentException("average-size must be > 0 bytes: " + averageSize);
        }
        if (sizeVariation < 0 || sizeVariation >= averageSize) {
            throw new IllegalArgumentException(
                    "size-variation must be within 0..average-size-1 bytes: " + sizeVariation);
        }
        Durations.requireNonNegative("delay", delay);
    }

    @Override
    public FaultKind kind() {
        return FaultKind.SLICER;
    }
}
