package dev.livetalk.metrics.replay;

import java.util.BitSet;

/**
 * A time per logical message of one room of a {@link MessageIndex}, for the messages that have
 * one, held in a slot per message of the room ({@link RoomTimes}): 8 bytes and a bit a message of
 * the room. A room's replay keeps one per member (when each message was first shown there:
 * {@link RoomReplay#firstShown()}), each member showing nearly every message of the room.
 *
 * <p>Read as any {@link java.util.Map}, entries in the index's order; it cannot be changed.
 * Immutable once built; any thread.
 */
public final class ShownTimes extends RoomTimes {
    private final long[] times;
    private final BitSet present;

    private ShownTimes(MessageIndex index, String room, long[] times, BitSet present) {
        super(index, room, present.cardinality());
        this.times = times;
        this.present = present;
    }

    @Override
    int slotOf(int place) {
        return present.get(place) ? place : -1;
    }

    @Override
    long timeAt(int slot) {
        return times[slot];
    }

    /**
     * The times of the messages of {@code room} in {@code index} being noted, each message's first
     * one kept.
     *
     * <p>Single use, single thread.
     */
    static final class Builder extends RoomTimes.Builder<ShownTimes> {
        private final long[] times;
        private final BitSet present;

        Builder(MessageIndex index, String room) {
            super(index, room);
            this.times = new long[index.roomSize(room)];
            this.present = new BitSet(times.length);
        }

        @Override
        boolean putIfAbsent(int place, long at) {
            if (present.get(place)) {
                return false;
            }
            present.set(place);
            times[place] = at;
            return true;
        }

        @Override
        ShownTimes build() {
            return new ShownTimes(index, room, times, present);
        }
    }
}
