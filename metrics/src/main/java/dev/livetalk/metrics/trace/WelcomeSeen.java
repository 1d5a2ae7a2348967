package dev.livetalk.metrics.trace;

import java.util.Map;

/**
 * A welcome a client received: its connection {@code link} (the role's name in lower case:
 * {@code main}, {@code send} or {@code receive}) was accepted at {@code at} (trace-clock nanoseconds) by the
 * server history {@code epoch}, with the status of each room it asked to resume
 * ({@code resumed}, {@code epoch-changed}, {@code history-truncated}, {@code forbidden}; empty
 * on a first connection). Every later frame on that link belongs to that epoch until the next
 * welcome on it.
 *
 * <p>Immutable; any thread.
 */
public record WelcomeSeen(String link, long at, String epoch, Map<String, String> resume) {
    public WelcomeSeen {
        if (link == null || epoch == null) {
            throw new IllegalArgumentException("a welcome needs its link and epoch: " + link + ", " + epoch);
        }
        resume = Map.copyOf(resume);
    }
}
