package dev.livetalk.metrics.trace;

/**
 * A client put a send on the wire: the message {@code clientMsgId} of {@code room} left for
 * the server at {@code at} (trace-clock nanoseconds). A send transmitted again (a reconnect, a
 * retry) has one transmission per attempt, under the same or a new client message id;
 * {@code body}, the text sent, ties a resend under a new id back to its send as
 * {@link SendRecord#body()} ties commits.
 *
 * <p>Immutable; any thread.
 */
public record Transmission(String room, String clientMsgId, String body, long at) {
    public Transmission {
        if (room == null || clientMsgId == null) {
            throw new IllegalArgumentException("a transmission needs a room and a clientMsgId: " + room + ", "
                    + clientMsgId);
        }
    }
}
