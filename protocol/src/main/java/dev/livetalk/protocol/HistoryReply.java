package dev.livetalk.protocol;

import java.util.List;

/**
 * Committed messages of a room in seq order.
 *
 * @param room     the room
 * @param messages the messages found, in seq order; the range asked may be cut by retention
 * @param headSeq  the room's newest seq when the reply was made
 * @param firstSeq the oldest seq the server still holds (headSeq + 1 when it holds none)
 */
public record HistoryReply(String room, List<Message> messages, long headSeq, long firstSeq)
        implements ServerEvent {
    public HistoryReply {
        Names.room("room", room);
        messages = List.copyOf(Names.requireNonNull("messages", messages));
        Names.seq("headSeq", headSeq);
        Names.positiveSeq("firstSeq", firstSeq);
        for (Message message : messages) {
            if (!message.room().equals(room)) {
                throw new IllegalArgumentException(
                        "messages must all be of room " + room + ": " + message.room());
            }
        }
    }

    @Override
    public String type() {
        return "history";
    }
}
