package dev.livetalk.metrics.ledger;

import java.util.Arrays;

/**
 * A watermark's history (a marker or receipt stream of one room, one kind, one reader), to
 * find when it first reached a seq in O(log n): the highest seq so far never falls, so a binary
 * search over it finds the first time it reached any seq.
 *
 * <p>Single writer while built ({@link #add} in time order), then read-only.
 */
final class Watermarks {
    /** Per step, the highest seq so far and when it was reached (two arrays: 16 bytes a step). */
    private long[] seqs = new long[8];
    private long[] times = new long[8];
    private int size;

    void add(long seq, long at) {
        long highest = size == 0 ? Long.MIN_VALUE : seqs[size - 1];
        if (seq > highest) {
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            seqs[size] = seq;
            times[size] = at;
            size++;
        }
    }

    /** When the watermark first reached {@code seq}, or {@code null} when it never did. */
    Long firstAtOrAbove(long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[mid] < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < size ? times[lo] : null;
    }
}
