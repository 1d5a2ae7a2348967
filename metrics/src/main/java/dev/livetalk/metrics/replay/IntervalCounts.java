package dev.livetalk.metrics.replay;

/**
 * Correctness over time of one client's room (or a sum of them): per interval of a
 * {@link SampleGrid}, what the display showed at the interval's end.
 * <ul>
 *   <li>inversions: adjacent pairs of lines with a seq above the join head where the lower
 *   line has the smaller seq (the client's own pending echoes and older history skipped);</li>
 *   <li>pending: lines showing {@code PENDING}, sends displayed and not yet acknowledged nor
 *   failed;</li>
 *   <li>missing: entitled messages committed at least {@link IntervalSampler#DUE_AFTER_NANOS}
 *   before the sample and not displayed (no line of them).</li>
 * </ul>
 *
 * <p>Mutable while a replay fills it or a checker sums into it; single thread.
 */
public final class IntervalCounts {
    private final long[] inversions;
    private final long[] pending;
    private final long[] missing;

    /** Zero counts for {@code size} intervals. */
    public IntervalCounts(int size) {
        inversions = new long[size];
        pending = new long[size];
        missing = new long[size];
    }

    public int size() {
        return inversions.length;
    }

    public long inversions(int k) {
        return inversions[k];
    }

    public long pending(int k) {
        return pending[k];
    }

    public long missing(int k) {
        return missing[k];
    }

    void set(int k, long inversionsAt, long pendingAt, long missingAt) {
        inversions[k] = inversionsAt;
        pending[k] = pendingAt;
        missing[k] = missingAt;
    }

    /** Adds {@code other}'s counts, interval by interval (it may be shorter). */
    public void add(IntervalCounts other) {
        for (int k = 0; k < Math.min(size(), other.size()); k++) {
            inversions[k] += other.inversions[k];
            pending[k] += other.pending[k];
            missing[k] += other.missing[k];
        }
    }
}
