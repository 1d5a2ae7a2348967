package dev.livetalk.bench.calibrate;

import java.time.Duration;
import java.util.Objects;

/**
 * What a calibration does. Every layer gets {@code warmup} sends first (not measured), then
 * {@code samples} measured sends split over {@code rounds}; each layer's sends follow an open
 * model at {@code ratePerSecond}, one layer at a time. The calibration stops at
 * {@code maxDuration}, whatever it measured by then.
 *
 * <p>Immutable; any thread.
 *
 * @param samples       measured sends per layer
 * @param warmup        sends per layer before measuring
 * @param ratePerSecond sends per second within a layer's round
 * @param rounds        rounds the measured sends of each layer are split over, layers interleaved
 * @param maxDuration   the longest the whole calibration may take, connecting included
 * @param strategy      the strategy of the full-stack layers' client sessions
 */
public record CalibrationSettings(int samples, int warmup, double ratePerSecond, int rounds, Duration maxDuration,
                                  String strategy) {
    /**
     * {@code livetalk calibrate}: 2,000 samples per layer at 500/s in 20 rounds of 0.2 s, 200 to
     * warm up; about 20 s. Short rounds spread a stall of the machine (a pause of 100 ms seen on
     * a loaded 2-core machine) over the layers instead of leaving it in one layer's tail.
     */
    public static final CalibrationSettings DEFAULTS = new CalibrationSettings(2000, 200, 500, 20,
            Duration.ofSeconds(120), "reconcile");

    /** Before {@code livetalk run}'s scenarios: 300 samples per layer at 500/s in 6 rounds; about 4 s. */
    public static final CalibrationSettings BEFORE_RUN = new CalibrationSettings(300, 60, 500, 6,
            Duration.ofSeconds(20), "reconcile");

    /** The most sends one layer may have, so that a typo does not start an hour of traffic. */
    public static final int MAX_SENDS_PER_LAYER = 1_000_000;

    public CalibrationSettings {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1 per layer: " + samples);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 sends per layer: " + warmup);
        }
        if ((long) samples + warmup > MAX_SENDS_PER_LAYER) {
            throw new IllegalArgumentException("samples + warm-up must be <= " + MAX_SENDS_PER_LAYER
                    + " sends per layer: " + ((long) samples + warmup));
        }
        if (!(ratePerSecond >= 1 && ratePerSecond <= 100_000)) {
            throw new IllegalArgumentException("rate must be 1..100000 sends/s: " + ratePerSecond);
        }
        if (rounds < 1 || rounds > samples) {
            throw new IllegalArgumentException("rounds must be 1.." + samples + " (the samples): " + rounds);
        }
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("max duration must be > 0: " + maxDuration);
        }
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("strategy must be named: " + strategy);
        }
    }

    /** Nanoseconds between two intended sends of a layer. */
    public long periodNanos() {
        return Math.max(1, Math.round(1e9 / ratePerSecond));
    }
}
