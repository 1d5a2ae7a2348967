package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.Message;

/**
 * A message the server committed, with the trace-clock time of the commit.
 *
 * <p>Immutable; any thread.
 */
public record CommittedMessage(Message message, long committedAt) {
    public CommittedMessage {
        if (message == null) {
            throw new IllegalArgumentException("a committed message needs its message");
        }
    }

    public long seq() {
        return message.seq();
    }

    public String id() {
        return message.id();
    }
}
