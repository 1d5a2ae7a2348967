package dev.livetalk.protocol;

/**
 * The server committed a {@link Send}: the message now has a seq and an id in the room.
 *
 * @param room        the room
 * @param clientMsgId the client's id for the message
 * @param seq         the message's seq in the room
 * @param id          the server's id for the message
 */
public record Ack(String room, String clientMsgId, long seq, String id) implements ServerEvent {
    public Ack {
        Names.room("room", room);
        Names.id("clientMsgId", clientMsgId);
        Names.positiveSeq("seq", seq);
        Names.id("id", id);
    }

    @Override
    public String type() {
        return "ack";
    }
}
