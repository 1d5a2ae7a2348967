package dev.livetalk.metrics.replay;

import java.util.Objects;

/**
 * A map from a key of one to three strings (any of them {@code null}) to an ordinal (a message's
 * place in a {@link MessageIndex}), held as arrays with open addressing, at most half full: per
 * entry its strings' references and an int, 16 to 32 bytes, where a {@link java.util.HashMap}
 * took a 32-byte node, a boxed ordinal and, for a key of several strings, a record of them
 * (about 55 to 80 bytes). Keys are compared as {@link java.util.Objects#equals} compares each
 * string, as a record of them would be; the strings are the caller's, never copied.
 *
 * <p>Single thread while filled; any thread once no longer changed.
 */
final class OrdinalTable {
    /** No ordinal: what {@link #get} answers for a key it does not hold. */
    static final int NONE = -1;

    private final int arity;
    /** Per slot, its key's strings, {@link #arity} of them. */
    private String[] parts;
    /** Per slot, its ordinal + 1; 0 for an empty slot. */
    private int[] ordinals;
    private int size;

    /** An empty table of keys of {@code arity} strings (1 to 3). */
    OrdinalTable(int arity) {
        if (arity < 1 || arity > 3) {
            throw new IllegalArgumentException("a key has 1 to 3 strings: " + arity);
        }
        this.arity = arity;
        this.parts = new String[16 * arity];
        this.ordinals = new int[16];
    }

    /** The ordinal of the key of one string, or {@link #NONE}. */
    int get(String a) {
        return get(a, null, null);
    }

    /** The ordinal of the key of {@code a}, {@code b} and {@code c} (unused strings {@code null}), or {@link #NONE}. */
    int get(String a, String b, String c) {
        int mask = ordinals.length - 1;
        for (int slot = hash(a, b, c) & mask; ordinals[slot] != 0; slot = (slot + 1) & mask) {
            if (matches(slot, a, b, c)) {
                return ordinals[slot] - 1;
            }
        }
        return NONE;
    }

    /**
     * Maps the key to {@code ordinal} when it has none, or always when {@code replace}; the
     * ordinal the key had before, or {@link #NONE}.
     */
    int put(String a, String b, String c, int ordinal, boolean replace) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("an ordinal is >= 0: " + ordinal);
        }
        int mask = ordinals.length - 1;
        int slot = hash(a, b, c) & mask;
        for (; ordinals[slot] != 0; slot = (slot + 1) & mask) {
            if (matches(slot, a, b, c)) {
                int before = ordinals[slot] - 1;
                if (replace) {
                    ordinals[slot] = ordinal + 1;
                }
                return before;
            }
        }
        ordinals[slot] = ordinal + 1;
        int at = slot * arity;
        parts[at] = a;
        if (arity > 1) {
            parts[at + 1] = b;
        }
        if (arity > 2) {
            parts[at + 2] = c;
        }
        if (++size * 2 > ordinals.length) {
            grow();
        }
        return NONE;
    }

    /** How many keys it holds. */
    int size() {
        return size;
    }

    private boolean matches(int slot, String a, String b, String c) {
        int at = slot * arity;
        return Objects.equals(parts[at], a) && (arity < 2 || Objects.equals(parts[at + 1], b))
                && (arity < 3 || Objects.equals(parts[at + 2], c));
    }

    private int hash(String a, String b, String c) {
        int h = Objects.hashCode(a);
        if (arity > 1) {
            h = h * 31 + Objects.hashCode(b);
        }
        if (arity > 2) {
            h = h * 31 + Objects.hashCode(c);
        }
        h *= 0x9E3779B9; // spreads keys that differ in their low bits only over the whole table
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] oldParts = parts;
        int[] oldOrdinals = ordinals;
        parts = new String[oldParts.length * 2];
        ordinals = new int[oldOrdinals.length * 2];
        int mask = ordinals.length - 1;
        for (int old = 0; old < oldOrdinals.length; old++) {
            if (oldOrdinals[old] == 0) {
                continue;
            }
            int from = old * arity;
            String a = oldParts[from];
            String b = arity > 1 ? oldParts[from + 1] : null;
            String c = arity > 2 ? oldParts[from + 2] : null;
            int slot = hash(a, b, c) & mask;
            while (ordinals[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            ordinals[slot] = oldOrdinals[old];
            System.arraycopy(oldParts, from, parts, slot * arity, arity);
        }
    }
}
