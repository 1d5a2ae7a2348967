package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.Message;

/**
 * A message the server committed, with the trace-clock time of the commit and the epoch
 * (the server history) it was committed in; {@code null} when the recorder was not told.
 *
 * <p>Immutable; any thread.
 */
public record CommittedMessage(Message message, long committedAt, String epoch) {
    public CommittedMessage {
        if (message == null) {
            throw new IllegalArgumentException("a committed message needs its message");
        }
    }

    /** A commit whose epoch is not known (traces built by hand, a single history). */
    public CommittedMessage(Message message, long committedAt) {
        this(message, committedAt, null);
    }

    public long seq() {
        return message.seq();
    }

    public String id() {
        return message.id();
    }
}
