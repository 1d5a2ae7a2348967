package dev.livetalk.client.strategy;

/**
 * Tunables of the built-in strategies; a plugged-in strategy may read them too. Durations in
 * nanoseconds. Immutable.
 *
 * @param gapTimeout      how long a gap may stay open before a fetch ({@code gap-fill},
 *                        {@code reconcile}); also how long to wait for a fetch's reply before
 *                        asking again, a wait doubled each time it runs out unanswered (at most
 *                        32 times this), back to this once a reply brings what was missing,
 *                        nothing is missing any more, or the room is joined on a new link
 * @param fetchLimit      the most messages asked for in one history request
 * @param maxSendAttempts transmissions before {@code reconcile} marks a send failed
 * @param retryBackoff    first extra wait of {@code reconcile}'s retries, doubled each time
 */
public record StrategySettings(long gapTimeout, int fetchLimit, int maxSendAttempts, long retryBackoff) {
    private static final long MS = 1_000_000L;

    public StrategySettings {
        if (gapTimeout <= 0) {
            throw new IllegalArgumentException("gapTimeout must be > 0 ns: " + gapTimeout);
        }
        if (fetchLimit < 1) {
            throw new IllegalArgumentException("fetchLimit must be >= 1: " + fetchLimit);
        }
        if (maxSendAttempts < 1) {
            throw new IllegalArgumentException("maxSendAttempts must be >= 1: " + maxSendAttempts);
        }
        if (retryBackoff < 0) {
            throw new IllegalArgumentException("retryBackoff must be >= 0 ns: " + retryBackoff);
        }
    }

    /** Gap timeout 200 ms, fetch limit 500, 5 attempts, retry backoff 250 ms. */
    public static StrategySettings defaults() {
        return new StrategySettings(200 * MS, 500, 5, 250 * MS);
    }
}
