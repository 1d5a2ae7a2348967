package dev.livetalk.metrics.recovery;

import java.util.Arrays;

/**
 * What the clients a window targeted refetched from the server's history (history replies and
 * resume replays) from the window's start until the next window starts or the run ends, one
 * sample per client (0 for a client that refetched nothing): the median (nearest rank), the
 * largest and the sum.
 *
 * <p>Immutable; any thread.
 *
 * @param p50   the median over the clients
 * @param max   the largest
 * @param total the sum over the clients
 */
public record RefetchFigures(long p50, long max, long total) {
    public RefetchFigures {
        if (p50 < 0 || max < p50 || total < max) {
            throw new IllegalArgumentException("refetch figures need 0 <= p50 <= max <= total: " + p50 + ", " + max
                    + ", " + total);
        }
    }

    /** The figures of one sample per client; all 0 without clients. */
    public static RefetchFigures of(long[] perClient) {
        if (perClient.length == 0) {
            return new RefetchFigures(0, 0, 0);
        }
        long[] sorted = perClient.clone();
        Arrays.sort(sorted);
        return new RefetchFigures(nearestRank(sorted, 50), sorted[sorted.length - 1], Arrays.stream(sorted).sum());
    }

    /** The nearest-rank percentile of sorted samples (at least one). */
    static long nearestRank(long[] sorted, double percentile) {
        int rank = (int) Math.max(1, Math.ceil(percentile / 100.0 * sorted.length));
        return sorted[rank - 1];
    }
}
