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

    /**
     * The messages with seq above {@code headSeq}: what a member who joined at that head is entitled to. A view
     * of the log, not a copy (each member of a room asks for its part while the room is measured).
     */
    public List<CommittedMessage> after(long headSeq) {
        int lo = 0;
        int hi = messages.size();
        while (lo < hi) { // the first message above the head: the log is in seq order
            int mid = (lo + hi) >>> 1;
            if (messages.get(mid).seq() > headSeq) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return messages.subList(lo, messages.size());
    }
}
