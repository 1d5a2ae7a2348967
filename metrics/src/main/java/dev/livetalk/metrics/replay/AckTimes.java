package dev.livetalk.metrics.replay;

import java.util.Arrays;

/**
 * A time per logical message of one room of a {@link MessageIndex} for a few of its messages,
 * held as the places in the room of those that have one ({@link RoomTimes}), ascending, and their
 * times: 12 bytes a message that has one, none for the others. A room's replay keeps one per member
 * (when each of its own messages was acknowledged: {@link RoomReplay#acked()}), a member sending
 * about a tenth of its room's messages or fewer: a slot per message of the room ({@link ShownTimes})
 * would take more, and a map of boxed times took about 65 bytes an entry while it grew.
 *
 * <p>Read as any {@link java.util.Map}, entries in the index's order; it cannot be changed.
 * Immutable once built; any thread.
 */
final class AckTimes extends RoomTimes {
    private static final int[] NO_PLACES = {};
    private static final long[] NO_TIMES = {};

    private final int[] places;
    private final long[] times;

    private AckTimes(MessageIndex index, String room, int[] places, long[] times) {
        super(index, room, places.length);
        this.places = places;
        this.times = times;
    }

    @Override
    int slotOf(int place) {
        int found = Arrays.binarySearch(places, place);
        return found >= 0 ? found : -1;
    }

    @Override
    long timeAt(int slot) {
        return times[slot];
    }

    /**
     * The times of messages of {@code room} in {@code index} being noted, each message's first one
     * kept (in any order of the messages: each goes to its place).
     *
     * <p>Single use, single thread.
     */
    static final class Builder extends RoomTimes.Builder<AckTimes> {
        private int[] places = NO_PLACES;
        private long[] times = NO_TIMES;
        private int size;

        Builder(MessageIndex index, String room) {
            super(index, room);
        }

        @Override
        boolean putIfAbsent(int place, long at) {
            int found = Arrays.binarySearch(places, 0, size, place);
            if (found >= 0) {
                return false;
            }
            int to = -found - 1;
            if (size == places.length) {
                int grown = Math.max(8, size * 2);
                places = Arrays.copyOf(places, grown);
                times = Arrays.copyOf(times, grown);
            }
            System.arraycopy(places, to, places, to + 1, size - to);
            System.arraycopy(times, to, times, to + 1, size - to);
            places[to] = place;
            times[to] = at;
            size++;
            return true;
        }

        @Override
        AckTimes build() {
            return size == 0 ? new AckTimes(index, room, NO_PLACES, NO_TIMES)
                    : new AckTimes(index, room, Arrays.copyOf(places, size), Arrays.copyOf(times, size));
        }
    }
}
