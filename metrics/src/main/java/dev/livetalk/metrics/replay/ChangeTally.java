package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ledger reads of one client's change log beyond the replays, tallied in one pass as the
 * changes go by ({@link Builder}: a change log read from the spill is never held whole): per message (by {@link LogicalMessage#key()}) how many times a line of it
 * moved at the client, and the statuses the client's lines of its own messages showed, in order,
 * a step only where the status or the epoch (lost or final) changed. Removals and evictions give
 * a line no new place nor status and are not tallied; nor are lines of no known message.
 *
 * <p>A room replayed from its parts ({@link ReplayedRun#of(dev.livetalk.metrics.trace.RoomSlices, String)})
 * keeps this of each member instead of its change log (which held a line of every message of
 * the room, each with its entry before and after every change): each change is let go once
 * replayed and tallied. Its statuses are arrays ({@link OwnSteps}).
 *
 * <p>Immutable once built; any thread.
 */
public record ChangeTally(Map<String, Integer> moves, Map<String, List<Step>> ownStatuses) {

    /** A status a client's line of its own message showed from {@code at} (trace nanoseconds). */
    public record Step(MessageStatus status, long at, boolean lostEpoch) {
    }

    /** Tallies {@code client}'s change log ({@link ClientTrace#changes()}) as seen in {@code trace}. */
    public static ChangeTally of(MessageIndex index, RunTrace trace, ClientTrace client) {
        Builder tally = new Builder(index, trace, client);
        client.changes().forEach(tally::accept);
        return tally.build();
    }

    /**
     * Tallies a client's changes handed over one at a time, in its order: the same tally as {@link #of}
     * of the same changes, for a reader that does not hold them.
     *
     * <p>Single use, single thread.
     */
    public static final class Builder {
        private final MessageIndex index;
        private final RunTrace trace;
        private final ClientTrace client;
        private final Map<String, Integer> moves = new HashMap<>();
        private final OwnSteps.Builder statuses;

        /** A tally of {@code client}'s changes as seen in {@code trace} (its changes need not be in it). */
        public Builder(MessageIndex index, RunTrace trace, ClientTrace client) {
            this.index = index;
            this.trace = trace;
            this.client = client;
            this.statuses = new OwnSteps.Builder(index);
        }

        /** Tallies the client's next change. */
        public void accept(TranscriptChange change) {
            if (change instanceof TranscriptChange.Removed || change instanceof TranscriptChange.Evicted) {
                return; // no new place nor status: an evicted line keeps its last status
            }
            LogicalMessage message = index.of(change.room(), change.entry());
            if (message == null) {
                return;
            }
            if (change instanceof TranscriptChange.Moved) {
                moves.merge(message.key(), 1, Integer::sum); // of change.room(): the index looks it up there
            } else if (client.clientId().equals(message.senderClientId())) {
                statuses.note(message, change.entry().status(), change.at(),
                        !trace.inFinalEpochAt(client, change.at()));
            }
        }

        /** The tally; the builder is not used after. */
        public ChangeTally build() {
            return new ChangeTally(moves, statuses.build());
        }
    }

    /** How many times a line of the message with {@code key} moved at the client. */
    public int movesOf(String key) {
        return moves.getOrDefault(key, 0);
    }

    /** The statuses the client's lines of its own message {@code key} showed, in order; empty for another's. */
    public List<Step> statusesOf(String key) {
        return ownStatuses.getOrDefault(key, List.of());
    }
}
