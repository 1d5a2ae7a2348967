package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;

/**
 * A line of a client's own message showed a status: it appeared, or its status changed (a
 * {@code StatusChanged}, or a {@code Replaced} that kept the message and changed the status).
 *
 * <p>Immutable; any thread.
 *
 * @param at       trace time
 * @param previous what the line showed before; for a new line, what the message's last line
 *                 showed when no other line of it was on screen (a line removed and shown again),
 *                 else {@code null}
 * @param status   what it shows now
 * @param seq      the line's seq, 0 while pending
 * @param evicted  the line scrolled away (its transcript's limit evicted it) keeping {@code status}:
 *                 its sender no longer sees its status, which never changes again
 */
public record StatusStep(long at, MessageStatus previous, MessageStatus status, long seq, boolean evicted) {
    public StatusStep {
        if (status == null) {
            throw new IllegalArgumentException("a status step needs a status (at " + at + ")");
        }
    }

    /** A line appeared or changed its status. */
    public StatusStep(long at, MessageStatus previous, MessageStatus status, long seq) {
        this(at, previous, status, seq, false);
    }

    /** Whether the line went to a status that its previous one cannot advance to ({@link MessageStatus#canAdvanceTo}). */
    public boolean isBackwards() {
        return previous != null && previous != status && !previous.canAdvanceTo(status);
    }
}
