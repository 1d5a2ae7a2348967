package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.PlacedEntry;
import dev.livetalk.metrics.replay.RoomReplay;

import java.util.NavigableSet;
import java.util.function.Consumer;


/**
 * When each seq of a client's final transcript reached its final place with every lower
 * entitled seq present before it: walking the final lines, the counted seqs run
 * {@code join+1, join+2, ...} for a while; for seq s of that run the time is the latest
 * placement of any seq {@code <= s}. A seq after the first line out of step has no such time
 * (it counts as lost or misordered instead). Unreachable seqs ({@link RoomReplay#isUnreachable})
 * are neither expected nor counted.
 *
 * <p>The final lines are read once, in display order ({@link Builder}): as a replay hands them over while
 * they settle ({@link dev.livetalk.metrics.replay.LineFolds}), or from a replay that kept them. The seqs
 * with a time are the reachable ones from the join up, one after the other, so only their times are kept:
 * 8 bytes a seq.
 *
 * <p>Immutable once built; any thread.
 */
public final class FinalPlacement {
    private final long joinedAt;
    /** The unreachable seqs above the join, ascending. */
    private final long[] unreachable;
    /** The time of each seq with one: the reachable seqs above the join, in order. */
    private final long[] times;

    public FinalPlacement(RoomReplay replay) {
        this(replay, null);
    }

    /** As {@link #FinalPlacement(RoomReplay)}, skipping the lines of lost epochs ({@link MessageIndex#isLostLine}). */
    public FinalPlacement(RoomReplay replay, MessageIndex index) {
        this(fed(new Builder(replay.room(), replay.joinedAt(), replay.unreachable(), index), replay));
    }

    private static Builder fed(Builder builder, RoomReplay replay) {
        replay.finalEntries().forEach(builder);
        return builder;
    }

    private FinalPlacement(Builder built) {
        this.joinedAt = built.joinedAt;
        this.unreachable = built.unreachable.tailSet(built.joinedAt, false).stream().mapToLong(Long::longValue)
                .toArray();
        this.times = java.util.Arrays.copyOf(built.times, built.size); // final: safely published to any thread
    }

    /** When {@code seq} took its final place with every lower seq present, or {@code null}. */
    public Long at(long seq) {
        if (seq <= joinedAt) {
            return null;
        }
        int below = java.util.Arrays.binarySearch(unreachable, seq);
        if (below >= 0) {
            return null; // unreachable: never expected
        }
        long place = seq - joinedAt - 1 - (-below - 1); // its place among the reachable seqs above the join
        return place < times.length ? times[(int) place] : null;
    }

    /**
     * The final placements of a member's lines of a room, its final lines handed over one at a time in
     * display order ({@link #accept}), then {@link #build}.
     *
     * <p>Single use, single thread.
     */
    public static final class Builder implements Consumer<PlacedEntry> {
        private final String room;
        private final long joinedAt;
        private final NavigableSet<Long> unreachable;
        private final MessageIndex index;
        /** The times so far (kept only when no one is told them as they come: a replay that kept its lines). */
        private long[] times = new long[16];
        private int size;
        /** Told each seq as it takes its time, or {@code null}; with it, the times are not kept. */
        private final Placed placed;
        private long expected;
        private long latest = Long.MIN_VALUE;
        /** Whether a counted line came out of step: no later seq has a time. */
        private boolean broken;

        /**
         * The placements of a member of {@code room} that joined at head {@code joinedAt}, the seqs
         * {@code unreachable} for it, the lines of lost epochs told by {@code index} (or none, {@code null}).
         */
        public Builder(String room, long joinedAt, NavigableSet<Long> unreachable, MessageIndex index) {
            this(room, joinedAt, unreachable, index, null);
        }

        /**
         * As {@link #Builder(String, long, NavigableSet, MessageIndex)}, each seq told to {@code placed} as it
         * takes its time, and no time kept: {@link #hasTime} says which seqs had one.
         */
        Builder(String room, long joinedAt, NavigableSet<Long> unreachable, MessageIndex index, Placed placed) {
            this.room = room;
            this.joinedAt = joinedAt;
            this.unreachable = unreachable;
            this.index = index;
            this.placed = placed;
            this.expected = joinedAt + 1;
        }

        /** Told a seq and its time as it takes it: the time it took its final place with every lower seq present. */
        @FunctionalInterface
        interface Placed {
            void placed(long seq, long at);
        }

        /**
         * Whether {@code seq} took a time among the lines handed over so far: above the join, reachable, and
         * not above the last seq that took one.
         */
        boolean hasTime(long seq) {
            return seq > joinedAt && seq < expected && !isUnreachable(seq);
        }

        @Override
        public void accept(PlacedEntry placed) {
            long seq = placed.entry().seq();
            if (broken || seq == 0 || seq <= joinedAt || isUnreachable(seq)
                    || (index != null && index.isLostLine(room, placed.entry()))) {
                return;
            }
            while (isUnreachable(expected)) {
                expected++;
            }
            if (seq != expected) {
                broken = true;
                return;
            }
            latest = Math.max(latest, placed.placedAt());
            if (this.placed != null) {
                this.placed.placed(seq, latest);
                expected++;
                return;
            }
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
            }
            times[size] = latest;
            size++;
            expected++;
        }

        private boolean isUnreachable(long seq) {
            return !unreachable.isEmpty() && unreachable.contains(seq);
        }

        /** The placements of the lines handed over. */
        public FinalPlacement build() {
            if (placed != null) {
                throw new IllegalStateException("the placements of room " + room + " were told as they came, not kept");
            }
            return new FinalPlacement(this);
        }
    }
}
