package dev.livetalk.metrics.gate;

/**
 * How much worse than the baseline a figure may get before it is a regression.
 *
 * <p>Immutable; any thread.
 *
 * @param latencyRelative  latency percentiles may grow by this share (0.10: 10%)
 * @param latencyFloorNanos changes of a latency smaller than this never regress (timer noise)
 * @param countAbsolute    counts may grow (the converged clients shrink) by this many
 */
public record Tolerance(double latencyRelative, long latencyFloorNanos, long countAbsolute) {
    /** 10% for latency above 1 ms of change, 0 for counts. */
    public static final Tolerance DEFAULT = new Tolerance(0.10, 1_000_000L, 0);

    public Tolerance {
        if (!(latencyRelative >= 0) || Double.isInfinite(latencyRelative)) {
            throw new IllegalArgumentException("latency tolerance must be a share >= 0: " + latencyRelative);
        }
        if (latencyFloorNanos < 0) {
            throw new IllegalArgumentException("latency floor must be >= 0 ns: " + latencyFloorNanos);
        }
        if (countAbsolute < 0) {
            throw new IllegalArgumentException("count tolerance must be >= 0: " + countAbsolute);
        }
    }
}
