package dev.livetalk.metrics.trace;

import java.util.Comparator;
import java.util.List;

/**
 * The server log L_r of one room: its committed messages in seq order.
 *
 * <p>Immutable; any thread.
 */
public record RoomLog(String room, List<CommittedMessage> messages) {
    public RoomLog {
        messages = messages.stream().sorted(Comparator.comparingLong(CommittedMessage::seq)).toList();
        for (CommittedMessage m : messages) {
            if (!m.message().room().equals(room)) {
                throw new IllegalArgumentException("message " + m.id() + " of room " + m.message().room()
                        + " is not in the log of room " + room);
            }
        }
    }

    /** The messages with seq above {@code headSeq}: what a member who joined at that head is entitled to. */
    public List<CommittedMessage> after(long headSeq) {
        return messages.stream().filter(m -> m.seq() > headSeq).toList();
    }
}
