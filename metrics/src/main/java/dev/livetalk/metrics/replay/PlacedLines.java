package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.SameObjects;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.RandomAccess;

/**
 * The lines of a replayed transcript in display order ({@link RoomReplay#finalEntries()}), held
 * as arrays: about 20 bytes a line where a list of {@link PlacedEntry} took 44. A replay keeps
 * every line its member ever showed (the evicted ones above the window), so a room's replay holds
 * about as many lines per member as the room has messages. Each {@link #get} makes the
 * {@link PlacedEntry} of its line.
 *
 * <p>Immutable once built; any thread.
 */
final class PlacedLines extends AbstractList<PlacedEntry> implements RandomAccess {
    private final long[] entryNos;
    private final TranscriptEntry[] entries;
    private final long[] placedAts;
    private final BitSet evicted;

    private PlacedLines(long[] entryNos, TranscriptEntry[] entries, long[] placedAts, BitSet evicted) {
        this.entryNos = entryNos;
        this.entries = entries;
        this.placedAts = placedAts;
        this.evicted = evicted;
    }

    /** These lines as arrays. */
    static PlacedLines of(java.util.List<PlacedEntry> lines) {
        Builder built = new Builder(lines.size());
        lines.forEach(line -> built.add(line.entryNo(), line.entry(), line.placedAt(), line.evicted()));
        return built.build();
    }

    @Override
    public PlacedEntry get(int index) {
        return new PlacedEntry(entryNos[index], entries[index], placedAts[index], evicted.get(index));
    }

    @Override
    public int size() {
        return entries.length;
    }

    /**
     * These lines, each showing the entry {@code shared} holds equal to its own (put there when
     * none is): one object for a line shown at many members.
     */
    PlacedLines withSharedEntries(SameObjects<TranscriptEntry> shared) {
        TranscriptEntry[] same = new TranscriptEntry[entries.length];
        for (int i = 0; i < same.length; i++) {
            TranscriptEntry entry = entries[i];
            same[i] = shared.same(entry);
        }
        return new PlacedLines(entryNos, same, placedAts, evicted);
    }

    /**
     * Lines added in display order.
     *
     * <p>Single use, single thread.
     */
    static final class Builder {
        private long[] entryNos;
        private TranscriptEntry[] entries;
        private long[] placedAts;
        private final BitSet evicted = new BitSet();
        private int size;

        /** A builder for about {@code expected} lines. */
        Builder(int expected) {
            int capacity = Math.max(expected, 1);
            entryNos = new long[capacity];
            entries = new TranscriptEntry[capacity];
            placedAts = new long[capacity];
        }

        void add(long entryNo, TranscriptEntry entry, long placedAt, boolean isEvicted) {
            if (size == entries.length) {
                int grown = size * 2;
                entryNos = Arrays.copyOf(entryNos, grown);
                entries = Arrays.copyOf(entries, grown);
                placedAts = Arrays.copyOf(placedAts, grown);
            }
            entryNos[size] = entryNo;
            entries[size] = entry;
            placedAts[size] = placedAt;
            evicted.set(size, isEvicted);
            size++;
        }

        PlacedLines build() {
            if (size < entries.length) {
                entryNos = Arrays.copyOf(entryNos, size);
                entries = Arrays.copyOf(entries, size);
                placedAts = Arrays.copyOf(placedAts, size);
            }
            return new PlacedLines(entryNos, entries, placedAts, evicted);
        }
    }
}
