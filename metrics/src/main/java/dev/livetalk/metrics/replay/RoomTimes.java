package dev.livetalk.metrics.replay;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A time per logical message of one room of a {@link MessageIndex}, for the messages that have
 * one: a map from message key to trace time whose times are found by the message's place in its
 * room ({@link MessageIndex#placeInRoom}), unboxed, where a map of boxed times took about 32 bytes
 * an entry and more for its table. How the times are stored is the subclass's: a slot per message
 * of the room, for a map that holds nearly all of them ({@link ShownTimes}), or the places that
 * have one alone, for a map that holds a few ({@link AckTimes}).
 *
 * <p>Read as any {@link java.util.Map}: {@link #get} and {@link #containsKey} by key, entries in
 * the index's order; it cannot be changed. Immutable once built; any thread.
 */
abstract class RoomTimes extends AbstractMap<String, Long> {
    private final MessageIndex index;
    private final String room;
    private final int size;

    RoomTimes(MessageIndex index, String room, int size) {
        this.index = index;
        this.room = room;
        this.size = size;
    }

    /** Where the time of the message at {@code place} in the room is kept, or -1 when it has none. */
    abstract int slotOf(int place);

    /** The time kept in {@code slot} (one {@link #slotOf} found). */
    abstract long timeAt(int slot);

    /** The time of the message with key {@code key}, or {@code null} when it has none (or is not of the room). */
    @Override
    public Long get(Object key) {
        int slot = slotOf(key);
        return slot >= 0 ? timeAt(slot) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return slotOf(key) >= 0;
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
                            if (message.room().equals(room)) {
                                int slot = slotOf(++place);
                                if (slot >= 0) {
                                    left--;
                                    return new SimpleImmutableEntry<>(message.key(), timeAt(slot));
                                }
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

    private int slotOf(Object key) {
        int place = key instanceof String k ? index.placeInRoom(room, k) : -1;
        return place >= 0 ? slotOf(place) : -1;
    }

    /**
     * The times of messages of {@code room} in {@code index} being noted, each message's first one
     * kept.
     *
     * <p>Single use, single thread.
     */
    abstract static class Builder<T extends RoomTimes> {
        final MessageIndex index;
        final String room;

        Builder(MessageIndex index, String room) {
            this.index = index;
            this.room = room;
        }

        /** Notes {@code at} for {@code message} unless it has a time already; whether it had none. */
        final boolean putIfAbsent(LogicalMessage message, long at) {
            int place = index.placeInRoom(room, message.key());
            if (place < 0) {
                throw new IllegalArgumentException("message " + message.key() + " is not one of room " + room);
            }
            return putIfAbsent(place, at);
        }

        /** Notes {@code at} for the message at {@code place} in the room unless it has one already; whether it had none. */
        abstract boolean putIfAbsent(int place, long at);

        /** The times noted; the builder is not used after. */
        abstract T build();
    }
}
