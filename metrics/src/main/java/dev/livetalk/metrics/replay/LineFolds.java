package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;

import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * What takes a member's final lines of a room as they settle, instead of its replay keeping them
 * ({@link RoomReplay#finalEntries()}). A line settles when its member's transcript evicts it (it
 * never changes again: {@link DisplayOrder}); the lines still in the window settle at the end of the
 * replay. A fold is handed every final line of its member in display order, the evicted ones first,
 * as the replay goes, so a room's measurement need not keep every line each member ever showed
 * (about 30 bytes a line, a line per message of the room per member, and growing with the run):
 * what the checks read of the lines is folded into what they keep.
 *
 * <p>A replay whose lines went to a fold keeps its window's lines alone ({@link RoomReplay#windowEntries()})
 * and refuses to hand out its final lines ({@link RoomReplay#finalEntries()} throws): every reader of
 * them reads them as they come (the checks, the latency's final placements, the ledger), or the replay
 * keeps them ({@link #KEEP}).
 *
 * <p>Called on the replaying thread only.
 */
@FunctionalInterface
public interface LineFolds {
    /** No fold: every replay keeps its final lines (beside other folds, {@link #both}, it adds none). */
    LineFolds KEEP = (index, slice, client, room, joinedAt, unreachable) -> null;

    /**
     * The fold of {@code client}'s final lines of {@code room}, or {@code null} to keep them in the replay.
     *
     * @param index       the room's messages
     * @param slice       the trace replayed (the room's slice)
     * @param client      the member
     * @param room        the room
     * @param joinedAt    the head seq when it joined (as {@link RoomReplay#joinedAt()})
     * @param unreachable the seqs unreachable for it (as {@link RoomReplay#unreachable()})
     */
    Consumer<PlacedEntry> of(MessageIndex index, RunTrace slice, ClientTrace client, String room, long joinedAt,
                             NavigableSet<Long> unreachable);

    /** The folds of {@code first} and of {@code second}, each line handed to both; kept when neither folds. */
    static LineFolds both(LineFolds first, LineFolds second) {
        return (index, slice, client, room, joinedAt, unreachable) -> {
            Consumer<PlacedEntry> a = first.of(index, slice, client, room, joinedAt, unreachable);
            Consumer<PlacedEntry> b = second.of(index, slice, client, room, joinedAt, unreachable);
            return a == null ? b : b == null ? a : a.andThen(b);
        };
    }
}
