package dev.livetalk.metrics.correctness;

import java.util.Arrays;

/**
 * A sequence of seqs kept as runs of consecutive ones ({@code s, s+1, s+2, ...}): the counted seqs of
 * a member's final lines in display order, which for a transcript in order are one run however long
 * the run of the scenario, where an array took 8 bytes a line. {@link #toArray} gives the sequence back
 * for the order figures ({@link Inversions}).
 *
 * <p>Single thread.
 */
final class SeqRuns {
    /** Per run, its first seq and its length, one after the other. */
    private long[] runs = new long[8];
    private int runCount;
    private int size;

    /** Appends {@code seq}. */
    void add(long seq) {
        if (runCount > 0) {
            int last = 2 * (runCount - 1);
            if (runs[last] + runs[last + 1] == seq && runs[last + 1] < Integer.MAX_VALUE) {
                runs[last + 1]++;
                size++;
                return;
            }
        }
        if (2 * runCount == runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[2 * runCount] = seq;
        runs[2 * runCount + 1] = 1;
        runCount++;
        size++;
    }

    /** How many seqs were added. */
    int size() {
        return size;
    }

    /** How many runs of consecutive seqs hold them. */
    int runs() {
        return runCount;
    }

    /** The seqs added, in order. */
    long[] toArray() {
        long[] all = new long[size];
        int at = 0;
        for (int r = 0; r < runCount; r++) {
            long first = runs[2 * r];
            long length = runs[2 * r + 1];
            for (long i = 0; i < length; i++) {
                all[at++] = first + i;
            }
        }
        return all;
    }
}
