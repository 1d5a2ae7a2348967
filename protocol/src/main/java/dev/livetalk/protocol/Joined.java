package dev.livetalk.protocol;

/**
 * The connection is a member of the room; live messages after {@code headSeq} follow.
 *
 * @param room    the room
 * @param headSeq the seq of the room's newest message (0 for an empty room)
 */
public record Joined(String room, long headSeq) implements ServerEvent {
    public Joined {
        Names.room("room", room);
        Names.seq("headSeq", headSeq);
    }

    @Override
    public String type() {
        return "joined";
    }
}
