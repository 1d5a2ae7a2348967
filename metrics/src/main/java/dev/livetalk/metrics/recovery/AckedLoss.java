package dev.livetalk.metrics.recovery;

/**
 * A message whose ack its sender saw and that the server then lost: committed only in epochs a
 * restart without durable history lost ({@link AckedLosses}).
 *
 * <p>Immutable; any thread.
 *
 * @param clientId    the sender's client
 * @param room        the room
 * @param clientMsgId the client message id of its last lost commit
 * @param id          the server id of its last lost commit
 * @param ackedAt     when the sender first showed it acknowledged, trace-clock nanoseconds
 */
public record AckedLoss(String clientId, String room, String clientMsgId, String id, long ackedAt) {
    public AckedLoss {
        if (clientId == null || room == null || clientMsgId == null || id == null) {
            throw new IllegalArgumentException("an acknowledged loss needs a client, room, client message id and id: "
                    + clientId + ", " + room + ", " + clientMsgId + ", " + id);
        }
    }
}
