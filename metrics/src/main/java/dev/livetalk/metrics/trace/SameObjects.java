package dev.livetalk.metrics.trace;

/**
 * One object per equal value: the first of equal values given to {@link #same} is the one every
 * later call answers. Held as an array with open addressing, at most half full, about 8 bytes a
 * value where a {@link java.util.HashMap} of each value to itself took a 32-byte node and its
 * slot (about 37). The measurement of a room shares its texts ({@link TraceSpill.Strings}) and its
 * members' lines this way, about as many of each as the room has messages.
 *
 * <p>Holds every value it was given; let it go with what it shared. Single thread.
 *
 * @param <T> the values' type, with {@link Object#equals} and {@link Object#hashCode} by value
 */
public final class SameObjects<T> {
    private Object[] slots = new Object[16];
    private int size;

    /** The value equal to {@code value} given first ({@code value} itself when none was); not {@code null}. */
    @SuppressWarnings("unchecked")
    public T same(T value) {
        if (value == null) {
            throw new IllegalArgumentException("a value to share is not null");
        }
        int mask = slots.length - 1;
        int slot = spread(value.hashCode()) & mask;
        for (Object held = slots[slot]; held != null; held = slots[slot]) {
            if (held.equals(value)) {
                return (T) held;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = value;
        if (++size * 2 > slots.length) {
            grow();
        }
        return value;
    }

    /** How many values it holds. */
    public int size() {
        return size;
    }

    private void grow() {
        Object[] old = slots;
        slots = new Object[old.length * 2];
        int mask = slots.length - 1;
        for (Object held : old) {
            if (held != null) {
                int slot = spread(held.hashCode()) & mask;
                while (slots[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = held;
            }
        }
    }

    /** Spreads hashes that differ in their low bits only over the whole table. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
