package dev.livetalk.client.transcript;

/**
 * A map from string keys to values for {@link Transcript}'s lines: open addressing with linear
 * probing over two parallel arrays (the keys' spread hashes; each key beside its value), at
 * most half full, deleting by backward shift (no tombstones).
 *
 * <p>Why not {@code HashMap}: a transcript looks up every arriving message by id, mostly to
 * find it absent, in a map of thousands of lines, and a simulation holds hundreds of
 * transcripts, so the lookups miss the caches. Here a probe compares the stored hashes, which
 * sit side by side, and touches a key only when its hash matches; there is no node object per
 * line to allocate, follow or copy in a collection; a key and its value share a cache line, so
 * an insert misses the cache twice, not three times; and growing rehashes from the hash array
 * instead of visiting every node. (The open-addressing maps of fastutil, HPPC and Eclipse
 * Collections compare the keys themselves on every probe.)
 *
 * <p>Not thread-safe: the transcript's owner thread.
 *
 * @param <V> the values
 */
final class KeyIndex<V> {
    /** A stored hash is never 0: 0 marks an empty slot. */
    private static final int EMPTY = 0;

    private int[] hashes = new int[16];
    /** Per slot i: the key at 2i, its value at 2i+1. */
    private Object[] entries = new Object[32];
    /** 32 minus log2 of the capacity: a home slot is the top bits of the spread hash. */
    private int shift = 32 - 4;
    private int size;

    int size() {
        return size;
    }

    boolean containsKey(String key) {
        return probe(key, hash(key)) >= 0;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        int slot = probe(key, hash(key));
        return slot < 0 ? null : (V) entries[2 * slot + 1];
    }

    /** Maps {@code key} to {@code value}; returns the value it replaced, or {@code null}. */
    @SuppressWarnings("unchecked")
    V put(String key, V value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("key and value are required: " + key + ", " + value);
        }
        int hash = hash(key);
        int slot = probe(key, hash);
        if (slot >= 0) {
            V previous = (V) entries[2 * slot + 1];
            entries[2 * slot + 1] = value;
            return previous;
        }
        slot = -slot - 1;
        hashes[slot] = hash;
        entries[2 * slot] = key;
        entries[2 * slot + 1] = value;
        if (++size > hashes.length / 2) {
            grow();
        }
        return null;
    }

    /** Removes {@code key}; returns its value, or {@code null} when it was absent. */
    @SuppressWarnings("unchecked")
    V remove(String key) {
        int slot = probe(key, hash(key));
        if (slot < 0) {
            return null;
        }
        V removed = (V) entries[2 * slot + 1];
        int mask = hashes.length - 1;
        int hole = slot;
        // Backward shift: an entry after the hole whose home is not between the hole and it
        // (cyclically) would no longer be found past the hole, so it moves into it.
        for (int next = (hole + 1) & mask; hashes[next] != EMPTY; next = (next + 1) & mask) {
            int home = home(hashes[next]);
            boolean staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!staysPut) {
                hashes[hole] = hashes[next];
                entries[2 * hole] = entries[2 * next];
                entries[2 * hole + 1] = entries[2 * next + 1];
                hole = next;
            }
        }
        hashes[hole] = EMPTY;
        entries[2 * hole] = null;
        entries[2 * hole + 1] = null;
        size--;
        return removed;
    }

    /** The slot holding {@code key}, else {@code -(the empty slot where it would go) - 1}. */
    private int probe(String key, int hash) {
        int mask = hashes.length - 1;
        int slot = home(hash);
        for (; hashes[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && (entries[2 * slot] == key || key.equals(entries[2 * slot]))) {
                return slot;
            }
        }
        return -slot - 1;
    }

    private void grow() {
        int[] oldHashes = hashes;
        Object[] oldEntries = entries;
        int capacity = oldHashes.length * 2;
        hashes = new int[capacity];
        entries = new Object[2 * capacity];
        int mask = capacity - 1;
        shift--;
        for (int i = 0; i < oldHashes.length; i++) {
            int hash = oldHashes[i];
            if (hash != EMPTY) {
                int slot = home(hash);
                while (hashes[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = hash;
                entries[2 * slot] = oldEntries[2 * i];
                entries[2 * slot + 1] = oldEntries[2 * i + 1];
            }
        }
    }

    /** The key's hash spread over all bits (Fibonacci hashing), with the lowest bit set so it is never 0. */
    private static int hash(String key) {
        return (key.hashCode() * 0x9E3779B9) | 1;
    }

    /** The first slot to probe for a spread hash. */
    private int home(int hash) {
        return hash >>> shift;
    }
}
