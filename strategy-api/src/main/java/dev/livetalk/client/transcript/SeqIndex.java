package dev.livetalk.client.transcript;

import java.util.Arrays;

/**
 * The anchored lines of a transcript by seq: two parallel arrays kept sorted by seq.
 *
 * <p>Messages mostly arrive in seq order, so the usual insert is an append (O(1) amortized,
 * no allocation besides growth); a gap filled later shifts only the lines after it, which are
 * few, by one {@code System.arraycopy} (removing an old line shifts all later ones: rare).
 * Lookups are binary searches over a {@code long[]}. Replaced a {@code TreeMap<Long, Line>},
 * whose node allocation and rebalancing were about a fifth of the samples of a 200-client
 * simulation.
 *
 * @param <L> the line type
 */
final class SeqIndex<L> {
    private long[] seqs = new long[16];
    private Object[] lines = new Object[16];
    private int size;

    /** The line at {@code seq}, or {@code null}. */
    L get(long seq) {
        int i = find(seq);
        return i >= 0 ? line(i) : null;
    }

    /** Places {@code line} at {@code seq} unless one is there already; returns that one, or null. */
    L putIfAbsent(long seq, L line) {
        if (size == 0 || seq > seqs[size - 1]) {
            ensureRoom();
            seqs[size] = seq;
            lines[size] = line;
            size++;
            return null;
        }
        int i = find(seq);
        if (i >= 0) {
            return line(i);
        }
        int at = -i - 1;
        ensureRoom();
        System.arraycopy(seqs, at, seqs, at + 1, size - at);
        System.arraycopy(lines, at, lines, at + 1, size - at);
        seqs[at] = seq;
        lines[at] = line;
        size++;
        return null;
    }

    /** Removes the line at {@code seq}, if any. */
    void remove(long seq) {
        int i = find(seq);
        if (i < 0) {
            return;
        }
        System.arraycopy(seqs, i + 1, seqs, i, size - i - 1);
        System.arraycopy(lines, i + 1, lines, i, size - i - 1);
        size--;
        lines[size] = null;
    }

    /** The line with the lowest seq above {@code seq}, or {@code null}. */
    L higher(long seq) {
        int i = find(seq);
        int at = i >= 0 ? i + 1 : -i - 1;
        return at < size ? line(at) : null;
    }

    /** The line with the highest seq below {@code seq}, or {@code null}. */
    L lower(long seq) {
        int i = find(seq);
        int at = (i >= 0 ? i : -i - 1) - 1;
        return at >= 0 ? line(at) : null;
    }

    /** The line with the highest seq, or {@code null}. */
    L last() {
        return size == 0 ? null : line(size - 1);
    }

    /** The number of lines. */
    int size() {
        return size;
    }

    private int find(long seq) {
        return Arrays.binarySearch(seqs, 0, size, seq);
    }

    private void ensureRoom() {
        if (size == seqs.length) {
            seqs = Arrays.copyOf(seqs, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
    }

    @SuppressWarnings("unchecked")
    private L line(int i) {
        return (L) lines[i];
    }
}
