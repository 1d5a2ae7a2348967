package dev.livetalk.server;

import java.util.ArrayDeque;

/**
 * Counts rejected frames of one connection within a sliding window of injected time.
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

    /** Rejections currently inside the window (as of the last record). */
    int count() {
        return rejections.size();
    }
}
