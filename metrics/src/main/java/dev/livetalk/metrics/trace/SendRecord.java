package dev.livetalk.metrics.trace;

/**
 * One send of the open-model load: the runner meant to send at {@code intendedAt} and the
 * client was handed the message at {@code actualAt} (both trace-clock nanoseconds). Latencies
 * count from {@code intendedAt} (no coordinated omission) with the raw figure from
 * {@code actualAt} beside it.
 *
 * <p>Immutable; any thread.
 *
 * @param room        the room
 * @param clientMsgId the client message id of the first transmission
 * @param intendedAt  when the schedule meant the send to happen
 * @param actualAt    when the client was asked to send; {@code >= intendedAt}
 * @param replyTo     the id of the parent message, or {@code null}
 * @param body        the text sent, or {@code null}; when given, commits of resends under
 *                    another client message id (naive retries) are tied back to this send
 */
public record SendRecord(String room, String clientMsgId, long intendedAt, long actualAt, String replyTo,
                         String body) {
    public SendRecord {
        if (room == null || clientMsgId == null) {
            throw new IllegalArgumentException("a send needs a room and a clientMsgId: " + room + ", " + clientMsgId);
        }
        if (actualAt < intendedAt) {
            throw new IllegalArgumentException("a send cannot happen before it was intended: actualAt "
                    + actualAt + " < intendedAt " + intendedAt + " (" + clientMsgId + ")");
        }
    }

    /** A send without a body (resends under a new client message id cannot be tied back). */
    public SendRecord(String room, String clientMsgId, long intendedAt, long actualAt, String replyTo) {
        this(room, clientMsgId, intendedAt, actualAt, replyTo, null);
    }
}
