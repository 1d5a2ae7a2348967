package dev.livetalk.metrics.results;

import java.util.Objects;

/**
 * The latency of one {@link HarnessLayer} in a calibration.
 *
 * <p>Immutable; any thread.
 *
 * @param layer     which layer
 * @param corrected from the intended send time of the open-model schedule to the arrival
 * @param raw       from the actual send time to the arrival
 * @param lost      measured sends that had not arrived when the layer's round ended
 */
public record LayerLatency(HarnessLayer layer, Percentiles corrected, Percentiles raw, long lost) {
    public LayerLatency {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(corrected, "corrected");
        Objects.requireNonNull(raw, "raw");
        if (lost < 0) {
            throw new IllegalArgumentException("lost must be >= 0: " + lost);
        }
    }
}
