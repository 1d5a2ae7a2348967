package dev.livetalk.protocol;

/**
 * Post a message. Idempotent on (user, clientMsgId): a resend gets the same {@link Ack}.
 *
 * @param room        the room, which the connection must have joined
 * @param clientMsgId the client's id for the message, unique per user
 * @param body        the text
 * @param replyTo     the server id of the message this replies to, or {@code null}
 */
public record Send(String room, String clientMsgId, String body, String replyTo) implements ClientEvent {
    public Send {
        Names.room("room", room);
        Names.id("clientMsgId", clientMsgId);
        Names.requireNonNull("body", body);
        Names.optionalId("replyTo", replyTo);
    }

    @Override
    public String type() {
        return "send";
    }
}
