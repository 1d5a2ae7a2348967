package dev.livetalk.server;

import java.util.ArrayDeque;

/**
 * Counts rejected frames of one user within a sliding window of injected time.
 * Sans-IO; touched only by the thread that calls {@link ServerCore}.
 */
final class AbuseWindow {
    private final int threshold;
    private final long windowNanos;
    private final ArrayDeque<Long> rejections = new ArrayDeque<>();

    AbuseWindow(int threshold, long windowNanos) {
        this.threshold = threshold;
        this.windowNanos = windowNanos;
    }

    /** Records a rejection at {@code now}; true when the window now holds the threshold. */
    boolean onRejected(long now) {
        while (!rejections.isEmpty() && now - rejections.peekFirst() >= windowNanos) {
            rejections.pollFirst();
        }
        rejections.addLast(now);
        return rejections.size() >= threshold;
    }

    /** Whether no rejection is inside the window at {@code now}. */
    boolean isEmpty(long now) {
        return rejections.isEmpty() || now - rejections.peekLast() >= windowNanos;
    }

    /** Rejections currently inside the window (as of the last record). */
    int count() {
        return rejections.size();
    }
}
