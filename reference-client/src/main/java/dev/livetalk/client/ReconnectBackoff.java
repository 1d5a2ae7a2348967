package dev.livetalk.client;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random
 * time in {@code [0, min(cap, base * 2^n)]} (n from 0). Deterministic for a seeded generator.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class ReconnectBackoff {
    private final long base;
    private final long cap;
    private final RandomGenerator random;
    private int failures;

    ReconnectBackoff(long base, long cap, RandomGenerator random) {
        if (base <= 0 || cap < base) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap (ns): " + base + ", " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The wait before the next attempt; counts a failure. */
    long nextDelay() {
        long ceiling = ceiling(failures);
        if (failures < 62) {
            failures++;
        }
        return random.nextLong(ceiling + 1);
    }

    /** The upper bound of the wait after {@code failures} consecutive failures. */
    long ceiling(int failures) {
        int shift = Math.min(failures, 62);
        long doubled = base << shift;
        return (doubled >>> shift) != base || doubled <= 0 ? cap : Math.min(cap, doubled);
    }

    /** A connection succeeded: the next failure starts from {@code base} again. */
    void reset() {
        failures = 0;
    }
}
