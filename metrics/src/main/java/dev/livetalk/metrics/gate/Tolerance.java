package dev.livetalk.metrics.gate;

/**
 * When a change against the baseline is a regression: a latency percentile regresses only
 * when its change is significant (the confidence interval of the block bootstrap excludes 0),
 * at least {@code latencyRelative} of the baseline and at least {@code latencyFloorNanos}; a
 * count regresses when it grows by more than {@code countAbsolute}. See
 * {@link BaselineComparison} and the gate section of the metrics README.
 *
 * <p>Immutable; any thread.
 *
 * @param latencyRelative   practical threshold: a latency change smaller than this share never regresses (0.10: 10%)
 * @param latencyFloorNanos a latency change smaller than this never regresses: the harness's own noise floor
 * @param countAbsolute     counts may grow (the converged clients shrink) by this many
 * @param confidence        two-sided confidence level of the bootstrap interval of a change (0.99)
 * @param resamples         bootstrap resamples per compared series
 * @param minIntervals      fewer 1 s intervals than this on either side: no bootstrap, the fallback rule
 * @param seed              the bootstrap's seed (each series draws from a generator seeded by it and its name)
 */
public record Tolerance(double latencyRelative, long latencyFloorNanos, long countAbsolute, double confidence,
                        int resamples, int minIntervals, long seed) {
    /** Default practical threshold: 10% (twice .NET's 5%: p99s of short chaos runs are coarser). */
    public static final double DEFAULT_RELATIVE = 0.10;
    /** Default floor: 1 ms of change; the gate raises it to the calibrated noise floor and the runs' own lag. */
    public static final long DEFAULT_FLOOR_NANOS = 1_000_000L;
    /** Default confidence of the interval of a change: 99%. */
    public static final double DEFAULT_CONFIDENCE = 0.99;
    /** Default bootstrap resamples per series. */
    public static final int DEFAULT_RESAMPLES = 2_000;
    /** Default minimum of intervals on each side for the bootstrap. */
    public static final int DEFAULT_MIN_INTERVALS = 4;
    /** Default bootstrap seed. */
    public static final long DEFAULT_SEED = 13L;

    /** 10% and 1 ms of latency change, significant at 99%; 0 for counts. */
    public static final Tolerance DEFAULT = new Tolerance(DEFAULT_RELATIVE, DEFAULT_FLOOR_NANOS, 0);

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
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be > 0 and < 1: " + confidence);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 100: " + resamples);
        }
        if (minIntervals < 2) {
            throw new IllegalArgumentException("minimum intervals for the bootstrap must be >= 2: " + minIntervals);
        }
    }

    /** The given thresholds with the default confidence, resamples, minimum intervals and seed. */
    public Tolerance(double latencyRelative, long latencyFloorNanos, long countAbsolute) {
        this(latencyRelative, latencyFloorNanos, countAbsolute, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES,
                DEFAULT_MIN_INTERVALS, DEFAULT_SEED);
    }

    /** This tolerance with another absolute floor (the harness's measured noise floor). */
    public Tolerance withLatencyFloorNanos(long floorNanos) {
        return new Tolerance(latencyRelative, floorNanos, countAbsolute, confidence, resamples, minIntervals, seed);
    }

    /** This tolerance with another bootstrap seed. */
    public Tolerance withSeed(long newSeed) {
        return new Tolerance(latencyRelative, latencyFloorNanos, countAbsolute, confidence, resamples, minIntervals,
                newSeed);
    }
}
