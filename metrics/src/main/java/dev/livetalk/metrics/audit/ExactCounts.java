package dev.livetalk.metrics.audit;

import java.util.Arrays;

/**
 * A multiset of longs kept as each distinct value with its count, ascending: the exact value at
 * any rank from memory that grows with the distinct values (latencies in whole microseconds: at
 * most one entry per microsecond of their range), not with the samples. Values are gathered
 * into a buffer and merged in sorted.
 *
 * <p>Not thread-safe: one thread adds, then reads.
 */
final class ExactCounts {
    private static final int MAX_BUFFER = 1 << 16;
    private long[] values = new long[0];
    private long[] counts = new long[0];
    private int distinct;
    private long[] buffer = new long[64];
    private int buffered;
    private long size;

    void add(long value) {
        if (buffered == buffer.length) {
            if (buffer.length < MAX_BUFFER) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else {
                flush();
            }
        }
        buffer[buffered++] = value;
        size++;
    }

    /** Adds every value of {@code other}. */
    void addAll(ExactCounts other) {
        other.flush();
        merge(other.values, other.counts, other.distinct);
        size += other.size;
    }

    /** How many values. */
    long size() {
        return size;
    }

    /** How many distinct values. */
    int distinct() {
        flush();
        return distinct;
    }

    /** How many values are above {@code value}. */
    long countAbove(long value) {
        flush();
        long above = 0;
        for (int i = distinct - 1; i >= 0 && values[i] > value; i--) {
            above += counts[i];
        }
        return above;
    }

    /** The value at 1-based {@code rank} in ascending order. */
    long valueAt(long rank) {
        if (rank < 1 || rank > size) {
            throw new IllegalArgumentException("rank must be within 1.." + size + ": " + rank);
        }
        flush();
        long below = 0;
        for (int i = 0; i < distinct; i++) {
            below += counts[i];
            if (below >= rank) {
                return values[i];
            }
        }
        throw new IllegalStateException("counts sum to less than the size " + size);
    }

    private void flush() {
        if (buffered == 0) {
            return;
        }
        Arrays.sort(buffer, 0, buffered);
        long[] newValues = new long[buffered];
        long[] newCounts = new long[buffered];
        int n = 0;
        for (int i = 0; i < buffered; i++) {
            if (n > 0 && newValues[n - 1] == buffer[i]) {
                newCounts[n - 1]++;
            } else {
                newValues[n] = buffer[i];
                newCounts[n++] = 1;
            }
        }
        buffered = 0;
        merge(newValues, newCounts, n);
    }

    /** Merges {@code n} ascending distinct values with their counts into this multiset's. */
    private void merge(long[] otherValues, long[] otherCounts, int n) {
        long[] mergedValues = new long[distinct + n];
        long[] mergedCounts = new long[distinct + n];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < distinct || j < n) {
            if (j == n || i < distinct && values[i] < otherValues[j]) {
                mergedValues[k] = values[i];
                mergedCounts[k++] = counts[i++];
            } else if (i == distinct || otherValues[j] < values[i]) {
                mergedValues[k] = otherValues[j];
                mergedCounts[k++] = otherCounts[j++];
            } else {
                mergedValues[k] = values[i];
                mergedCounts[k++] = counts[i++] + otherCounts[j++];
            }
        }
        values = k == mergedValues.length ? mergedValues : Arrays.copyOf(mergedValues, k);
        counts = k == mergedCounts.length ? mergedCounts : Arrays.copyOf(mergedCounts, k);
        distinct = k;
    }
}
