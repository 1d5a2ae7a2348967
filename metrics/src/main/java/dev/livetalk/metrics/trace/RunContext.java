package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the measurement of one room of a run needs to know of the whole run: the run-wide
 * look-aheads that a room's slice ({@link RunTrace#slice}) cannot recompute. Small: a few
 * numbers and, per client, the names of its rooms. Computed once from a whole trace by
 * {@link #of}; a trace spilled to disk computes the same as the run goes.
 *
 * <p>Immutable; any thread.
 *
 * @param finalEpochBegan when the final epoch began ({@link RunTrace#finalEpochBegan()}: over every room's
 *                        commits and every welcome); {@link Long#MIN_VALUE} when the run had one history
 * @param lastEvent       the trace time of the run's last event: the latest change of any client's
 *                        transcripts, commit of the final epoch's log, or end of a fault window;
 *                        {@link Long#MIN_VALUE} for an empty trace
 * @param roomsByClient   per client id, its rooms in the order they are replayed and reported: the rooms
 *                        it joined (in the order of its {@code joinedAt}), then the rooms it showed without
 *                        joining, in the order of its first change there
 */
public record RunContext(long finalEpochBegan, long lastEvent, Map<String, List<String>> roomsByClient) {
    public RunContext {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        roomsByClient.forEach((client, rooms) -> copy.put(client, List.copyOf(rooms)));
        roomsByClient = java.util.Collections.unmodifiableMap(copy);
    }

    /** The context of a whole trace. */
    public static RunContext of(RunTrace trace) {
        Map<String, List<String>> rooms = new LinkedHashMap<>();
        for (ClientTrace client : trace.clients()) {
            rooms.put(client.clientId(), roomsOf(client));
        }
        return new RunContext(trace.finalEpochBegan(), lastEvent(trace), rooms);
    }

    /** The rooms of {@code client} in replay order: those it joined, then those it showed without joining. */
    public static List<String> roomsOf(ClientTrace client) {
        Set<String> rooms = new LinkedHashSet<>(client.joinedAt().keySet());
        for (TranscriptChange change : client.changes()) {
            rooms.add(change.room());
        }
        return new ArrayList<>(rooms);
    }

    /** The position of {@code room} among the rooms of {@code clientId}; -1 when it has none of that name. */
    public int roomIndex(String clientId, String room) {
        return roomsByClient.getOrDefault(clientId, List.of()).indexOf(room);
    }

    /**
     * The trace time of the run's last event (a change of a transcript, a commit, the end of a
     * fault window); {@link Long#MIN_VALUE} for an empty trace.
     */
    public static long lastEvent(RunTrace trace) {
        long last = Long.MIN_VALUE;
        for (ClientTrace client : trace.clients()) {
            if (!client.changes().isEmpty()) {
                last = Math.max(last, client.changes().get(client.changes().size() - 1).at());
            }
        }
        for (RoomLog log : trace.serverLog().values()) {
            for (CommittedMessage commit : log.messages()) {
                last = Math.max(last, commit.committedAt());
            }
        }
        for (TraceWindow window : trace.windows()) {
            last = Math.max(last, window.end());
        }
        return last;
    }
}
