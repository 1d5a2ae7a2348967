package dev.livetalk.metrics.ledger;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.latency.FinalPlacement;
import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.PlacedEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * What the ledger reads of a member's final lines of a room, handed over one at a time in display
 * order ({@link #accept}): as a replay hands them over while they settle
 * ({@link dev.livetalk.metrics.replay.LineFolds}), or from a replay that kept them. Each line goes on
 * to the member's transcript row as it comes ({@link TranscriptLines}: a ledger being written streams
 * it to disk); of the lines this keeps per message of the room where its first line is and how many
 * show it (lines of lost epochs apart), the status of its first line, and each seq's final placement
 * ({@link FinalPlacement}): about 17 bytes a message of the room, where a replay that kept the lines
 * held about 30 bytes a line, a line per message of the room per member, and the ledger looked them up
 * by key.
 *
 * <p>Single use, single thread.
 */
final class LedgerLines implements Consumer<PlacedEntry> {
    private static final MessageStatus[] STATUSES = MessageStatus.values();
    /** A count of lines that reaches it is kept in {@link #manyFinal}. */
    private static final int MANY = 255;

    private final MessageIndex index;
    private final String room;
    private final TranscriptLines transcript;
    private final FinalPlacement.Builder placements;
    /** Per message, by its place in the room ({@link MessageIndex#placeInRoom}): its first final-epoch line's place. */
    private final int[] firstFinal;
    /** Per message: how many lines of the final epoch show it, a count past {@link #MANY} in {@link #manyFinal}. */
    private final byte[] countFinal;
    private final Map<Integer, Integer> manyFinal = new HashMap<>();
    /** Per message: the status of its first line (of any epoch) as its ordinal plus one; 0: no line shows it. */
    private final byte[] firstStatus;
    private int lines;
    private int evicted;
    private FinalPlacement placed;

    /**
     * The lines of a member of {@code room} that joined at head {@code joinedAt}, the seqs
     * {@code unreachable} for it, each line handed on to {@code transcript}.
     */
    LedgerLines(MessageIndex index, String room, long joinedAt, NavigableSet<Long> unreachable,
                TranscriptLines transcript) {
        this.index = index;
        this.room = room;
        this.transcript = transcript;
        this.placements = new FinalPlacement.Builder(room, joinedAt, unreachable, index);
        int size = index.roomSize(room);
        this.firstFinal = new int[size];
        this.countFinal = new byte[size];
        this.firstStatus = new byte[size];
    }

    @Override
    public void accept(PlacedEntry placed) {
        TranscriptEntry entry = placed.entry();
        int at = lines++;
        if (placed.evicted()) {
            evicted++;
        }
        LogicalMessage shown = index.of(room, entry);
        transcript.line(new TranscriptRow.Line(shown == null ? null : shown.key(), entry.seq(), entry.id(),
                entry.clientMsgId(), entry.from(), LedgerBuilder.status(entry)));
        placements.accept(placed);
        if (shown == null) {
            return;
        }
        int place = index.placeInRoom(room, shown.key());
        if (firstStatus[place] == 0) {
            firstStatus[place] = (byte) (entry.status().ordinal() + 1);
        }
        if (index.isLostLine(room, entry)) {
            return; // a line of a lost epoch is a phantom, not a line of the message
        }
        int count = countFinal(place);
        if (count == 0) {
            firstFinal[place] = at;
        }
        if (count + 1 < MANY) {
            countFinal[place] = (byte) (count + 1);
        } else {
            countFinal[place] = (byte) MANY;
            manyFinal.put(place, count + 1);
        }
    }

    private int countFinal(int place) {
        int count = countFinal[place] & 0xff;
        return count < MANY ? count : manyFinal.get(place);
    }

    /** How many of them the member's transcript evicted (they come first). */
    int evicted() {
        return evicted;
    }

    /** The transcript row the lines went on to. */
    TranscriptLines transcript() {
        return transcript;
    }

    /** The status of the first line (of any epoch) showing the message with key {@code key}, or {@code null}. */
    MessageStatus firstStatus(String key) {
        int place = index.placeInRoom(room, key);
        return place < 0 || firstStatus[place] == 0 ? null : STATUSES[firstStatus[place] - 1];
    }

    /**
     * Where the first line of the final epoch showing the message with key {@code key} is among the lines,
     * and how many show it; {@code null} when none does.
     */
    int[] finalLines(String key) {
        int place = index.placeInRoom(room, key);
        int count = place < 0 ? 0 : countFinal(place);
        return count == 0 ? null : new int[] {firstFinal[place], count};
    }

    /** When {@code seq} took its final place with every lower seq present ({@link FinalPlacement#at}), or {@code null}. */
    Long placedAt(long seq) {
        if (placed == null) {
            placed = placements.build();
        }
        return placed.at(seq);
    }

    /**
     * Where a member's transcript row's lines go as they come, and its end ({@link TranscriptRow}).
     *
     * <p>Single thread.
     */
    interface TranscriptLines {
        /** The row's next line. */
        void line(TranscriptRow.Line line);

        /**
         * The row's end: its other fields ({@code evicted}: how many of its first lines the member's transcript
         * evicted), and its sort key (the client's place in the trace, the room's among the client's rooms).
         */
        void end(Long joinedAtSeq, java.util.List<TranscriptRow.Transition> transitions, int evicted, long[] key);
    }
}
