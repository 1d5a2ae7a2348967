package dev.livetalk.metrics.recovery;

/**
 * A message whose ack its sender saw (its line showed the server's id) and that the server's
 * final log does not hold under the sender and its client message id.
 *
 * <p>Immutable; any thread.
 *
 * @param clientId    the sender's client
 * @param room        the room
 * @param clientMsgId the client message id the ack answered
 * @param id          the server id the ack gave
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
