package dev.livetalk.metrics.replay;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.BitSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A time per logical message of one room of a {@link MessageIndex}, for the messages that have
 * one: a map from message key to trace time whose values are stored by the message's place in
 * its room ({@link MessageIndex#placeInRoom}), 8 bytes and a bit a message of the room, where a
 * map of boxed times took about 32 bytes an entry. A room's replay keeps one per member (when
 * each message was first shown there: {@link RoomReplay#firstShown()}), each member showing
 * nearly every message of the room.
 *
 * <p>Read as any {@link java.util.Map}: {@link #get} and {@link #containsKey} by key, entries in
 * the index's order; it cannot be changed. Immutable once built; any thread.
 */
public final class ShownTimes extends AbstractMap<String, Long> {
    private final MessageIndex index;
    private final String room;
    private final long[] times;
    private final BitSet present;
    private final int size;

    private ShownTimes(MessageIndex index, String room, long[] times, BitSet present) {
        this.index = index;
        this.room = room;
        this.times = times;
        this.present = present;
        this.size = present.cardinality();
    }

    /** The time of the message with key {@code key}, or {@code null} when it has none (or is not of the index). */
    @Override
    public Long get(Object key) {
        int place = placeOf(key);
        return place >= 0 && present.get(place) ? times[place] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        int place = placeOf(key);
        return place >= 0 && present.get(place);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Long>> iterator() {
                Iterator<LogicalMessage> messages = index.all().iterator();
                return new Iterator<>() {
                    private int place = -1;
                    private int left = size;

                    @Override
                    public boolean hasNext() {
                        return left > 0;
                    }

                    @Override
                    public Entry<String, Long> next() {
                        while (left > 0) {
                            LogicalMessage message = messages.next();
                            if (message.room().equals(room) && present.get(++place)) {
                                left--;
                                return new SimpleImmutableEntry<>(message.key(), times[place]);
                            }
                        }
                        throw new NoSuchElementException();
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int placeOf(Object key) {
        return key instanceof String k ? index.placeInRoom(room, k) : -1;
    }

    /**
     * The times of the messages of {@code room} in {@code index} being noted, each message's first
     * one kept.
     *
     * <p>Single use, single thread.
     */
    static final class Builder {
        private final MessageIndex index;
        private final String room;
        private final long[] times;
        private final BitSet present;

        Builder(MessageIndex index, String room) {
            this.index = index;
            this.room = room;
            this.times = new long[index.roomSize(room)];
            this.present = new BitSet(times.length);
        }

        /** Notes {@code at} for {@code message} unless it has a time already; whether it had none. */
        boolean putIfAbsent(LogicalMessage message, long at) {
            int place = index.placeInRoom(room, message.key());
            if (place < 0) {
                throw new IllegalArgumentException("message " + message.key() + " is not one of room " + room);
            }
            if (present.get(place)) {
                return false;
            }
            present.set(place);
            times[place] = at;
            return true;
        }

        /** The times noted; the builder is not used after. */
        ShownTimes build() {
            return new ShownTimes(index, room, times, present);
        }
    }
}
