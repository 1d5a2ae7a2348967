package dev.livetalk.metrics.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A watermark's history (a marker or receipt stream of one room, one kind, one reader), to
 * find when it first reached a seq in O(log n): the highest seq so far never falls, so a binary
 * search over it finds the first time it reached any seq.
 *
 * <p>Single writer while built ({@link #add} in time order), then read-only.
 */
final class Watermarks {
    private final List<long[]> steps = new ArrayList<>(); // {highest seq so far, at}

    void add(long seq, long at) {
        long highest = steps.isEmpty() ? Long.MIN_VALUE : steps.get(steps.size() - 1)[0];
        if (seq > highest) {
            steps.add(new long[] {seq, at});
        }
    }

    /** When the watermark first reached {@code seq}, or {@code null} when it never did. */
    Long firstAtOrAbove(long seq) {
        int lo = 0;
        int hi = steps.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (steps.get(mid)[0] < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < steps.size() ? steps.get(lo)[1] : null;
    }
}
