package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunContext;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.SameObjects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A trace (a whole run, or one room's slice of it: {@link RunTrace#slice}) with its
 * {@link MessageIndex} and every client's rooms replayed once, shared by the correctness
 * checkers, the latency recorders and the ledger. A room replayed from {@link RoomSlices}
 * ({@link #of(RoomSlices, String)}) keeps none of its clients' change logs: of each, what the
 * ledger reads beyond the replays, tallied ({@link ChangeTally}); the replays hold what else the
 * figures need. A recorded final transcript that differs
 * from the replayed one, less the lines the client evicted (they head the replayed lines), is
 * a broken trace and is refused.
 *
 * <p>Immutable once built; any thread.
 */
public record ReplayedRun(RunTrace trace, MessageIndex index, Map<String, Map<String, RoomReplay>> replays,
                          SampleGrid grid, RunContext context, Map<String, ChangeTally> tallies) {

    /** Replays every client of {@code trace}, sampling correctness over time every second from the end of the warm-up. */
    public static ReplayedRun of(RunTrace trace) {
        return of(trace, SampleGrid.DEFAULT_STEP_NANOS);
    }

    /** As {@link #of(RunTrace)}, sampling every {@code stepNanos}. */
    public static ReplayedRun of(RunTrace trace, long stepNanos) {
        return of(trace, RunContext.of(trace), stepNanos);
    }

    /**
     * The replay of the slice of {@code room} of {@code run}, sampling every second from the end of
     * the warm-up: the same replays as {@code of(run.slice(room), run.context(), ...)}, the room's
     * clients' changes read apart ({@link RoomSlices#part}) in one pass, every member's replay fed
     * each change as it is read ({@link RoomSlices.Changes#readAll}) and tallied ({@link #tally}):
     * no member's change log is held, and the replayed trace's clients have no changes. A member
     * whose unreachable messages depend on what it showed before it came back
     * ({@link Unreachable#readsChanges}) has its log read whole, on its own, after the pass.
     */
    public static ReplayedRun of(RoomSlices run, String room) {
        return of(run, room, LineFolds.KEEP);
    }

    /**
     * As {@link #of(RoomSlices, String)}, each member's final lines handed to the fold {@code folds} gives
     * for it as they settle, in display order, and not kept in its replay ({@link LineFolds}).
     */
    public static ReplayedRun of(RoomSlices run, String room, LineFolds folds) {
        RoomSlices.Part part = run.part(room);
        RunTrace slice = part.slice();
        RunContext context = run.context();
        MessageIndex index = MessageIndex.of(slice);
        SampleGrid grid = SampleGrid.of(slice.measuredFrom(), context.lastEvent(), SampleGrid.DEFAULT_STEP_NANOS);
        int count = slice.clients().size();
        MemberReplay[] streamed = new MemberReplay[count];
        ChangeTally.Builder[] tallied = new ChangeTally.Builder[count];
        for (int place = 0; place < count; place++) {
            ClientTrace client = slice.clients().get(place);
            // only a room it joined can have messages unreachable for it (entitledAfter)
            if (client.joinedAt().keySet().stream().noneMatch(r -> Unreachable.readsChanges(slice, client, r))) {
                tallied[place] = new ChangeTally.Builder(index, slice, client);
                streamed[place] = new MemberReplay(index, client, slice, grid, context.finalEpochBegan(),
                        r -> Collections.emptyNavigableSet(), tallied[place]::accept, folds);
            }
        }
        part.changes().readAll(count, (change, place) -> {
            if (streamed[place] != null) {
                streamed[place].accept(change);
            }
        });
        Map<String, Map<String, RoomReplay>> replays = new LinkedHashMap<>();
        List<ClientTrace> kept = new ArrayList<>(count);
        Map<String, ChangeTally> tallies = new HashMap<>();
        // each member's final lines are made one object per equal entry across members
        SameObjects<TranscriptEntry> shared = new SameObjects<>();
        for (int place = 0; place < count; place++) {
            ClientTrace client = slice.clients().get(place);
            Map<String, RoomReplay> rooms;
            ChangeTally tally;
            if (streamed[place] == null) {
                // what it could not be shown depends on what it showed before it came back: the log is read whole
                ClientTrace withChanges = client.withChanges(part.changes().list(place));
                rooms = replayClient(index, withChanges, slice, grid, context.finalEpochBegan(), folds);
                tally = ChangeTally.of(index, slice, withChanges);
            } else {
                rooms = streamed[place].finish();
                tally = tallied[place].build();
                streamed[place] = null;
                tallied[place] = null;
            }
            rooms.replaceAll((name, replay) -> replay.withSharedEntries(shared));
            replays.put(client.clientId(), rooms);
            tallies.put(client.clientId(), tally);
            kept.add(client.withChanges(List.of()));
        }
        return new ReplayedRun(slice.withClients(kept), index, replays, grid, context, tallies);
    }

    /**
     * One client's rooms of a trace being replayed (those it joined, then those it showed, in the order
     * they come: as {@link RunContext#roomsOf}) from its changes handed over one at a time
     * ({@link #accept}; nothing of them is kept here: a member's change log of a long room is as long
     * as the room), with the seqs of each room {@code unreachable} for it, each change also handed to
     * {@code alsoEach}.
     */
    private static final class MemberReplay {
        private final ClientTrace client;
        private final Function<String, TranscriptReplayer> start;
        private final Consumer<TranscriptChange> alsoEach;
        private final Map<String, TranscriptReplayer> replayers = new LinkedHashMap<>();

        MemberReplay(MessageIndex index, ClientTrace client, RunTrace trace, SampleGrid grid, long finalEpochBegan,
                     Function<String, NavigableSet<Long>> unreachable, Consumer<TranscriptChange> alsoEach,
                     LineFolds folds) {
            this.client = client;
            this.alsoEach = alsoEach;
            this.start = room -> {
                Long entitledAfter = trace.entitledAfter(client, room);
                long joinedAt = entitledAfter == null ? 0L : entitledAfter;
                NavigableSet<Long> unreachableSeqs = unreachable.apply(room);
                return TranscriptReplayer.of(index, client.clientId(), room, joinedAt, grid, trace.log(room).messages(),
                        finalEpochBegan, unreachableSeqs,
                        folds.of(index, trace, client, room, joinedAt, unreachableSeqs));
            };
            client.joinedAt().keySet().forEach(room -> replayers.put(room, start.apply(room)));
        }

        /** The client's next change. */
        void accept(TranscriptChange change) {
            replayers.computeIfAbsent(change.room(), start).accept(change);
            alsoEach.accept(change);
        }

        /** Each room's replay, its final lines checked against the recorded ones. */
        Map<String, RoomReplay> finish() {
            Map<String, RoomReplay> rooms = new LinkedHashMap<>();
            replayers.forEach((room, replayer) -> {
                RoomReplay replay = replayer.finish();
                checkFinal(client, room, replay);
                rooms.put(room, replay);
            });
            return rooms;
        }
    }

    /**
     * Replays every client of {@code trace}, a whole trace or a part of one (one room's
     * {@link RunTrace#slice}), with what only the whole run knows taken from {@code context}.
     */
    public static ReplayedRun of(RunTrace trace, RunContext context, long stepNanos) {
        MessageIndex index = MessageIndex.of(trace);
        SampleGrid grid = SampleGrid.of(trace.measuredFrom(), context.lastEvent(), stepNanos);
        Map<String, Map<String, RoomReplay>> replays = new LinkedHashMap<>();
        for (ClientTrace client : trace.clients()) {
            replays.put(client.clientId(), replayClient(index, client, trace, grid, context.finalEpochBegan(),
                    LineFolds.KEEP));
        }
        return new ReplayedRun(trace, index, replays, grid, context, Map.of());
    }

    /**
     * What the ledger reads of {@code client}'s change log ({@link ChangeTally}): the tally kept
     * when the room was replayed from its parts, else tallied from the trace's changes.
     */
    public ChangeTally tally(ClientTrace client) {
        ChangeTally kept = tallies.get(client.clientId());
        return kept != null ? kept : ChangeTally.of(index, trace, client);
    }

    /** The replay of {@code room} at client {@code clientId}, or {@code null} when it never joined nor showed it. */
    public RoomReplay of(String clientId, String room) {
        Map<String, RoomReplay> rooms = replays.get(clientId);
        return rooms == null ? null : rooms.get(room);
    }

    /**
     * The messages the server lost after their sender saw them acknowledged: committed only in
     * lost epochs (docs/METRICS.md, "Server restarts"), a line of theirs shown committed at their
     * sender. A server figure, not a strategy's flaw: they are neither lost nor a latency sample.
     */
    public List<LogicalMessage> acknowledgedLost() {
        return index.all().stream().filter(this::isAcknowledgedLost).toList();
    }

    /** Whether the server lost {@code message} after its sender saw it acknowledged. */
    public boolean isAcknowledgedLost(LogicalMessage message) {
        if (!message.isLostByServer() || message.senderClientId() == null) {
            return false;
        }
        RoomReplay sender = of(message.senderClientId(), message.room());
        return sender != null && sender.acked().containsKey(message.key());
    }

    private static Map<String, RoomReplay> replayClient(MessageIndex index, ClientTrace client, RunTrace trace,
                                                        SampleGrid grid, long finalEpochBegan, LineFolds folds) {
        // what is unreachable for the client in a room depends on its changes there before it came back
        Map<String, List<TranscriptChange>> byRoom = new HashMap<>();
        client.changes().forEach(change -> byRoom.computeIfAbsent(change.room(), r -> new ArrayList<>()).add(change));
        MemberReplay replay = new MemberReplay(index, client, trace, grid, finalEpochBegan,
                room -> Unreachable.seqs(trace, index, client, room, byRoom.getOrDefault(room, List.of())), change -> { },
                folds);
        client.changes().forEach(replay::accept);
        return replay.finish();
    }

    private static void checkFinal(ClientTrace client, String room, RoomReplay replay) {
        List<TranscriptEntry> recorded = client.finalTranscripts().get(room);
        if (recorded == null) {
            return;
        }
        List<TranscriptEntry> replayed = replay.windowEntries().stream().map(PlacedEntry::entry).toList();
        if (!recorded.equals(replayed)) {
            throw new IllegalArgumentException("client " + client.clientId() + " room " + room
                    + ": the recorded final transcript (" + recorded.size() + " lines) differs from its replayed"
                    + " change log (" + replayed.size() + " lines); was a change missed?");
        }
    }
}
