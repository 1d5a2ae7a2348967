package dev.livetalk.client.transcript;

import java.util.Arrays;

/**
 * The anchored lines of a transcript by seq: two parallel arrays kept sorted by seq.
 *
 * <p>Messages mostly arrive in seq order, so the usual insert is an append (O(1) amortized,
 * no allocation besides growth); a gap filled later shifts only the lines after it, which are
 * few, by one {@code System.arraycopy}. Removing the lowest seq, as a transcript evicting its
 * top line does, only moves the start of the live range ({@code head}): O(1), the dead slots
 * before it are reclaimed when the arrays would grow (amortized O(1)); removing another old
 * line shifts the later ones (rare). Lookups are binary searches over a {@code long[]}. Replaced a {@code TreeMap<Long, Line>},
 * whose node allocation and rebalancing were about a fifth of the samples of a 200-client
 * simulation.
 *
 * @param <L> the line type
 */
final class SeqIndex<L> {
    private long[] seqs = new long[16];
    private Object[] lines = new Object[16];
    /** The live range is {@code [head, head + size)}. */
    private int head;
    private int size;
    /** Array slots copied by shifts, slides and growth: the cost {@code TranscriptTest} bounds. */
    private long copied;

    /** The line at {@code seq}, or {@code null}. */
    L get(long seq) {
        int i = find(seq);
        return i >= 0 ? line(i) : null;
    }

    /** Places {@code line} at {@code seq} unless one is there already; returns that one, or null. */
    L putIfAbsent(long seq, L line) {
        if (size == 0 || seq > seqs[head + size - 1]) {
            ensureRoom();
            seqs[head + size] = seq;
            lines[head + size] = line;
            size++;
            return null;
        }
        int i = find(seq);
        if (i >= 0) {
            return line(i);
        }
        int at = -i - 1;
        ensureRoom();
        at = -find(seq) - 1; // ensureRoom may have moved the live range
        copied += head + size - at;
        System.arraycopy(seqs, at, seqs, at + 1, head + size - at);
        System.arraycopy(lines, at, lines, at + 1, head + size - at);
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
        if (i == head) { // the lowest seq (a transcript evicting its top line): no shift
            lines[head] = null;
            head++;
            size--;
            if (size == 0) {
                head = 0;
            }
            return;
        }
        int end = head + size;
        copied += end - i - 1;
        System.arraycopy(seqs, i + 1, seqs, i, end - i - 1);
        System.arraycopy(lines, i + 1, lines, i, end - i - 1);
        size--;
        lines[end - 1] = null;
    }

    /**
     * Removes every line at or below {@code seq}: they are the lowest, so only the start of
     * the live range moves (no shift).
     */
    void removeThrough(long seq) {
        while (size > 0 && seqs[head] <= seq) {
            lines[head] = null;
            head++;
            size--;
        }
        if (size == 0) {
            head = 0;
        }
    }

    /** Removes every line. */
    void clear() {
        removeThrough(Long.MAX_VALUE);
    }

    /** The lowest seq, or 0 when empty. */
    long lowestSeq() {
        return size == 0 ? 0 : seqs[head];
    }

    /** The line with the lowest seq above {@code seq}, or {@code null}. */
    L higher(long seq) {
        int i = find(seq);
        int at = i >= 0 ? i + 1 : -i - 1;
        return at < head + size ? line(at) : null;
    }

    /** The line with the highest seq below {@code seq}, or {@code null}. */
    L lower(long seq) {
        int i = find(seq);
        int at = (i >= 0 ? i : -i - 1) - 1;
        return at >= head ? line(at) : null;
    }

    /** The line with the highest seq, or {@code null}. */
    L last() {
        return size == 0 ? null : line(head + size - 1);
    }

    /** Array slots copied so far (shifts, slides, growth): a count of the work, for tests. */
    long copied() {
        return copied;
    }

    /** The number of lines. */
    int size() {
        return size;
    }

    /** As {@link Arrays#binarySearch}: the array index, else {@code -(insertion index) - 1}. */
    private int find(long seq) {
        return Arrays.binarySearch(seqs, head, head + size, seq);
    }

    /**
     * Makes room for one more at the end: slides the live range to the start when at least
     * half the arrays are dead slots before it (each slid line was paid for by a removal),
     * else doubles the arrays.
     */
    private void ensureRoom() {
        if (head + size < seqs.length) {
            return;
        }
        copied += size;
        if (head >= seqs.length / 2) {
            System.arraycopy(seqs, head, seqs, 0, size);
            System.arraycopy(lines, head, lines, 0, size);
            Arrays.fill(lines, size, head + size, null);
            head = 0;
            return;
        }
        long[] newSeqs = new long[seqs.length * 2];
        Object[] newLines = new Object[seqs.length * 2];
        System.arraycopy(seqs, head, newSeqs, 0, size);
        System.arraycopy(lines, head, newLines, 0, size);
        seqs = newSeqs;
        lines = newLines;
        head = 0;
    }

    @SuppressWarnings("unchecked")
    private L line(int i) {
        return (L) lines[i];
    }
}
