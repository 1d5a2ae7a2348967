package dev.livetalk.runner;

import java.util.TreeSet;

/**
 * The highest seq up to which every message of a room is displayed, kept as lines appear:
 * O(log n) per line instead of a scan of the transcript per read. A removed line makes it
 * stale; the owner then recounts from the transcript.
 *
 * <p>Not thread-safe: used on one client driver's owner thread.
 */
final class SeqWatermark {
    private final TreeSet<Long> above = new TreeSet<>();
    private long contiguous;
    private boolean stale;

    /** A line with {@code seq} is displayed. */
    void onShown(long seq) {
        if (seq <= contiguous) {
            return;
        }
        above.add(seq);
        while (!above.isEmpty() && above.first() == contiguous + 1) {
            contiguous = above.pollFirst();
        }
    }

    /** A line disappeared: the watermark may have to go down. */
    void onRemoved() {
        stale = true;
    }

    boolean isStale() {
        return stale;
    }

    /** Every message up to this seq is displayed. */
    long contiguous() {
        return contiguous;
    }

    /** Starts again from the seqs displayed now. */
    void recount(Iterable<Long> displayedSeqs) {
        above.clear();
        contiguous = 0;
        stale = false;
        displayedSeqs.forEach(this::onShown);
    }
}
