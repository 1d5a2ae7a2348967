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
     * clients replayed one at a time from their changes read apart ({@link RoomSlices#part}), each
     * client's change log let go once replayed and tallied ({@link #tally}): the replayed trace's
     * clients have no changes.
     */
    public static ReplayedRun of(RoomSlices run, String room) {
        RoomSlices.Part part = run.part(room);
        RunTrace slice = part.slice();
        RunContext context = run.context();
        MessageIndex index = MessageIndex.of(slice);
        SampleGrid grid = SampleGrid.of(slice.measuredFrom(), context.lastEvent(), SampleGrid.DEFAULT_STEP_NANOS);
        Map<String, Map<String, RoomReplay>> replays = new LinkedHashMap<>();
        List<ClientTrace> kept = new ArrayList<>(slice.clients().size());
        Map<String, ChangeTally> tallies = new HashMap<>();
        // each member's change log is read on its own: its final lines are made one object per equal entry
        // across members again, as reading the room's changes together did
        SameObjects<TranscriptEntry> shared = new SameObjects<>();
        for (int place = 0; place < slice.clients().size(); place++) {
            ClientTrace client = slice.clients().get(place);
            Map<String, RoomReplay> rooms;
            ChangeTally tally;
            // only a room it joined can have messages unreachable for it (entitledAfter)
            if (client.joinedAt().keySet().stream().anyMatch(r -> Unreachable.readsChanges(slice, client, r))) {
                // what it could not be shown depends on what it showed before it came back: the log is read whole
                ClientTrace withChanges = client.withChanges(part.changes().list(place));
                rooms = replayClient(index, withChanges, slice, grid, context.finalEpochBegan());
                tally = ChangeTally.of(index, slice, withChanges);
            } else {
                ChangeTally.Builder tallied = new ChangeTally.Builder(index, slice, client);
                int at = place;
                rooms = replayClient(index, client, slice, grid, context.finalEpochBegan(),
                        each -> part.changes().read(at, each), r -> Collections.emptyNavigableSet(), tallied::accept);
                tally = tallied.build();
            }
            rooms.replaceAll((name, replay) -> replay.withSharedEntries(shared));
            replays.put(client.clientId(), rooms);
            tallies.put(client.clientId(), tally);
            kept.add(client.withChanges(List.of()));
        }
        return new ReplayedRun(slice.withClients(kept), index, replays, grid, context, tallies);
    }

    /**
     * Replays {@code client}'s rooms of {@code trace} (those it joined, then those it showed, in the order
     * they come: as {@link RunContext#roomsOf}) from its changes handed over one at a time by {@code changes}
     * (nothing of them is kept here: a member's change log of a long room is as long as the room), the seqs
     * of each room {@code unreachable} for it, each change also handed to {@code alsoEach}.
     */
    private static Map<String, RoomReplay> replayClient(MessageIndex index, ClientTrace client, RunTrace trace,
                                                        SampleGrid grid, long finalEpochBegan,
                                                        Consumer<Consumer<TranscriptChange>> changes,
                                                        Function<String, NavigableSet<Long>> unreachable,
                                                        Consumer<TranscriptChange> alsoEach) {
        Map<String, TranscriptReplayer> replayers = new LinkedHashMap<>();
        Function<String, TranscriptReplayer> start = room -> {
            Long entitledAfter = trace.entitledAfter(client, room);
            return TranscriptReplayer.of(index, client.clientId(), room, entitledAfter == null ? 0L : entitledAfter,
                    grid, trace.log(room).messages(), finalEpochBegan, unreachable.apply(room));
        };
        client.joinedAt().keySet().forEach(room -> replayers.put(room, start.apply(room)));
        changes.accept(change -> {
            replayers.computeIfAbsent(change.room(), start).accept(change);
            alsoEach.accept(change);
        });
        Map<String, RoomReplay> rooms = new LinkedHashMap<>();
        replayers.forEach((room, replayer) -> {
            RoomReplay replay = replayer.finish();
            checkFinal(client, room, replay);
            rooms.put(room, replay);
        });
        return rooms;
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
            replays.put(client.clientId(), replayClient(index, client, trace, grid, context.finalEpochBegan()));
        }
        return new ReplayedRun(trace, index, replays, grid, context, Map.of());
    }

    /**
     * What the ledger reads of {@code client}'s change log ({@link ChangeTally}): the tally kept
     * when the room was replayed one member at a time, else tallied from the trace's changes.
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
                                                        SampleGrid grid, long finalEpochBegan) {
        // what is unreachable for the client in a room depends on its changes there before it came back
        Map<String, List<TranscriptChange>> byRoom = new HashMap<>();
        client.changes().forEach(change -> byRoom.computeIfAbsent(change.room(), r -> new ArrayList<>()).add(change));
        return replayClient(index, client, trace, grid, finalEpochBegan, client.changes()::forEach,
                room -> Unreachable.seqs(trace, index, client, room, byRoom.getOrDefault(room, List.of())), change -> { });
    }

    private static void checkFinal(ClientTrace client, String room, RoomReplay replay) {
        List<TranscriptEntry> recorded = client.finalTranscripts().get(room);
        if (recorded == null) {
            return;
        }
        List<TranscriptEntry> replayed = replay.finalEntries().stream().filter(line -> !line.evicted())
                .map(PlacedEntry::entry).toList();
        if (!recorded.equals(replayed)) {
            throw new IllegalArgumentException("client " + client.clientId() + " room " + room
                    + ": the recorded final transcript (" + recorded.size() + " lines) differs from its replayed"
                    + " change log (" + replayed.size() + " lines); was a change missed?");
        }
    }
}
