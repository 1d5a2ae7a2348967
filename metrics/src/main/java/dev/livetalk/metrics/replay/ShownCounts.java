package dev.livetalk.metrics.replay;

import com.carrotsearch.hppc.IntIntHashMap;

/**
 * How many lines of each message of one room a member displays now, while its change log is
 * replayed: a byte per message of the room, by its place in the room ({@link MessageIndex#placeInRoom}),
 * a count outside 0 to 254 kept apart (a message displayed 255 times at once, or a count that went
 * below 0); where a map by key took a node and a boxed count per message (about 50 bytes), and an
 * int per message 4 (a room's members together, 40 bytes a message of a room of ten).
 *
 * <p>Single thread.
 */
final class ShownCounts {
    /** A count kept in {@link #apart}. */
    private static final int APART = 255;

    private final MessageIndex index;
    private final String room;
    private final byte[] counts;
    private final IntIntHashMap apart = new IntIntHashMap();

    ShownCounts(MessageIndex index, String room) {
        this.index = index;
        this.room = room;
        this.counts = new byte[index.roomSize(room)];
    }

    /** The lines of {@code message} displayed now. */
    int of(LogicalMessage message) {
        return count(place(message));
    }

    /** Adds {@code delta} lines of {@code message}; the count after. */
    int add(LogicalMessage message, int delta) {
        int place = place(message);
        boolean wasApart = (counts[place] & 0xff) == APART;
        int count = count(place) + delta;
        if (count >= 0 && count < APART) {
            counts[place] = (byte) count;
            if (wasApart) {
                apart.remove(place);
            }
        } else {
            counts[place] = (byte) APART;
            apart.put(place, count);
        }
        return count;
    }

    private int count(int place) {
        int count = counts[place] & 0xff;
        return count == APART ? apart.get(place) : count;
    }

    private int place(LogicalMessage message) {
        int place = index.placeInRoom(room, message.key());
        if (place < 0) {
            throw new IllegalArgumentException("message " + message.key() + " is not one of room " + room);
        }
        return place;
    }
}
