package dev.livetalk.bench.calibrate;

import dev.livetalk.metrics.results.HarnessLayer;

/**
 * One layer's share of one round: the sends {@code from .. from + count - 1} of that layer.
 *
 * @param round    0 for the warm-up, then 1..rounds
 * @param layer    which layer
 * @param from     the layer's index of the first send
 * @param count    sends
 * @param measured whether the arrivals are measured (not in the warm-up)
 */
record Burst(int round, HarnessLayer layer, int from, int count, boolean measured) {
}
