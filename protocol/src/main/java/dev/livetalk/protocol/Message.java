package dev.livetalk.protocol;

/**
 * A committed message, as broadcast live and as listed in a {@link HistoryReply}.
 *
 * @param room        the room
 * @param seq         its place in the room: contiguous from 1
 * @param id          the server's id for it, unique per epoch
 * @param clientMsgId the sender's client message id
 * @param from        the authenticated sender, never taken from the payload
 * @param body        the text
 * @param replyTo     the id of the message it replies to, or {@code null}
 * @param serverTime  when the server committed it, epoch milliseconds of the server clock
 */
public record Message(String room, long seq, String id, String clientMsgId, String from, String body,
                      String replyTo, long serverTime) implements ServerEvent {
    public Message {
        Names.room("room", room);
        Names.positiveSeq("seq", seq);
        Names.id("id", id);
        Names.id("clientMsgId", clientMsgId);
        Names.user("from", from);
        Names.requireNonNull("body", body);
        Names.optionalId("replyTo", replyTo);
    }

    @Override
    public String type() {
        return "message";
    }
}
