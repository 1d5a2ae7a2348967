package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.PlacedEntry;
import dev.livetalk.metrics.replay.RoomReplay;


/**
 * When each seq of a client's final transcript reached its final place with every lower
 * entitled seq present before it: walking the final lines, the counted seqs run
 * {@code join+1, join+2, ...} for a while; for seq s of that run the time is the latest
 * placement of any seq {@code <= s}. A seq after the first line out of step has no such time
 * (it counts as lost or misordered instead). Unreachable seqs ({@link RoomReplay#isUnreachable})
 * are neither expected nor counted.
 *
 * <p>Immutable once built; any thread.
 */
public final class FinalPlacement {
    /** The seqs with a time, ascending (a run of the final lines), and their times: 16 bytes a seq, not a map's 70. */
    private final long[] seqs;
    private final long[] times;

    public FinalPlacement(RoomReplay replay) {
        this(replay, null);
    }

    /** As {@link #FinalPlacement(RoomReplay)}, skipping the lines of lost epochs ({@link MessageIndex#isLostLine}). */
    public FinalPlacement(RoomReplay replay, MessageIndex index) {
        long[] seqs = new long[16];
        long[] times = new long[16];
        int size = 0;
        long expected = replay.joinedAt() + 1;
        long latest = Long.MIN_VALUE;
        for (PlacedEntry placed : replay.finalEntries()) {
            long seq = placed.entry().seq();
            if (seq == 0 || seq <= replay.joinedAt() || replay.isUnreachable(seq)
                    || (index != null && index.isLostLine(replay.room(), placed.entry()))) {
                continue;
            }
            while (replay.isUnreachable(expected)) {
                expected++;
            }
            if (seq != expected) {
                break;
            }
            latest = Math.max(latest, placed.placedAt());
            if (size == seqs.length) {
                seqs = java.util.Arrays.copyOf(seqs, size * 2);
                times = java.util.Arrays.copyOf(times, size * 2);
            }
            seqs[size] = seq;
            times[size] = latest;
            size++;
            expected++;
        }
        this.seqs = java.util.Arrays.copyOf(seqs, size); // final: safely published to any thread
        this.times = java.util.Arrays.copyOf(times, size);
    }

    /** When {@code seq} took its final place with every lower seq present, or {@code null}. */
    public Long at(long seq) {
        int at = java.util.Arrays.binarySearch(seqs, seq);
        return at < 0 ? null : times[at];
    }
}
