package dev.livetalk.metrics.replay;

/**
 * How many lines of each message of one room a member displays now, while its change log is
 * replayed: an int per message of the room, by its place in the room ({@link MessageIndex#placeInRoom}),
 * where a map by key took a node and a boxed count per message (about 50 bytes).
 *
 * <p>Single thread.
 */
final class ShownCounts {
    private final MessageIndex index;
    private final String room;
    private final int[] counts;

    ShownCounts(MessageIndex index, String room) {
        this.index = index;
        this.room = room;
        this.counts = new int[index.roomSize(room)];
    }

    /** The lines of {@code message} displayed now. */
    int of(LogicalMessage message) {
        return counts[place(message)];
    }

    /** Adds {@code delta} lines of {@code message}; the count after. */
    int add(LogicalMessage message, int delta) {
        int place = place(message);
        counts[place] += delta;
        return counts[place];
    }

    private int place(LogicalMessage message) {
        int place = index.placeInRoom(room, message.key());
        if (place < 0) {
            throw new IllegalArgumentException("message " + message.key() + " is not one of room " + room);
        }
        return place;
    }
}
