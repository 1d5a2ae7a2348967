package dev.livetalk.metrics.correctness;

/**
 * Order measures of a sequence of seqs in display order: inversions (pairs shown in the
 * opposite order to their seq) by merge sort in O(n log n), Kendall tau, and n - LIS (the
 * fewest lines that must move to sort it) by patience sorting in O(n log n). Equal seqs (a
 * duplicate) are neither an inversion nor out of order.
 *
 * <p>Stateless; any thread.
 */
public final class Inversions {
    private Inversions() {
    }

    /** The pairs {@code i < j} with {@code seqs[i] > seqs[j]}. */
    public static long count(long[] seqs) {
        long[] work = seqs.clone();
        return sortCounting(work, new long[work.length], 0, work.length);
    }

    /** The comparable pairs of n lines: C(n, 2). */
    public static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    /** Kendall tau against the sorted order: {@code 1 - 2I / C(n,2)}; 1 for fewer than 2 lines. */
    public static double kendallTau(long inversions, long pairs) {
        return pairs == 0 ? 1.0 : 1.0 - 2.0 * inversions / pairs;
    }

    /** n minus the length of the longest non-decreasing subsequence. */
    public static long notInLongestRun(long[] seqs) {
        long[] tails = new long[seqs.length];
        int length = 0;
        for (long seq : seqs) {
            int at = upperBound(tails, length, seq);
            tails[at] = seq;
            if (at == length) {
                length++;
            }
        }
        return seqs.length - length;
    }

    private static int upperBound(long[] sorted, int length, long value) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long sortCounting(long[] a, long[] buffer, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int mid = (from + to) >>> 1;
        long found = sortCounting(a, buffer, from, mid) + sortCounting(a, buffer, mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (a[i] <= a[j]) {
                buffer[k++] = a[i++];
            } else {
                found += mid - i;
                buffer[k++] = a[j++];
            }
        }
        while (i < mid) {
            buffer[k++] = a[i++];
        }
        while (j < to) {
            buffer[k++] = a[j++];
        }
        System.arraycopy(buffer, from, a, from, to - from);
        return found;
    }
}
