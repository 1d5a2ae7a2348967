package dev.livetalk.client.strategy;

/**
 * A send the session still waits an ack for, as a strategy sees it (an immutable snapshot).
 *
 * @param room            the room
 * @param clientMsgId     the client message id of the latest transmission
 * @param echoClientMsgId the client message id the send was first made with (the key of its
 *                        local echo); differs from {@code clientMsgId} after a naive resend
 * @param body            the text
 * @param replyTo         the parent message id, or {@code null}
 * @param sentAt          session time of the user's send, nanoseconds
 * @param attempts        how many times it was transmitted so far (0 while never on the wire)
 * @param ackDeadline     session time when the strategy is told of a timeout
 * @param inDoubt         transmitted on a connection that died before the ack came: the
 *                        server may or may not have committed it
 */
public record PendingSend(String room, String clientMsgId, String echoClientMsgId, String body,
                          String replyTo, long sentAt, int attempts, long ackDeadline, boolean inDoubt) {
}
