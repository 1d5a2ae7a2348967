package dev.livetalk.metrics.correctness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The correctness figures of one room (one conversation), summed over the clients that are
 * members of it: the same figures as a strategy's, where {@code clients} counts the room's
 * member clients and {@code convergedClients} those whose transcript of this room ends exactly
 * as its entitled server log. The rooms' counts add up to the strategy's; the converged clients
 * do not (a client converges only when all its rooms do).
 *
 * <p>Convergence times are per fault window and targeted member client, until this room of the
 * client stayed a complete, correctly ordered prefix of its entitled log (the strategy's wait for
 * every room of the client, so they are the maximum over its rooms).
 *
 * <p>Immutable; any thread.
 *
 * @param room        the room
 * @param figures     the room's figures, summed over its member clients
 * @param convergence the room's convergence samples (for budgets with any percentile)
 */
public record RoomCorrectness(String room, CorrectnessFigures figures, ConvergenceTimes convergence) {

    /** Per room, sorted by name: the figures of every client in it summed, with the room's status truth. */
    static List<RoomCorrectness> of(List<RoomFigures> figures, Map<String, ConvergenceTimes> convergence,
                                    Map<String, StatusTruth> truth) {
        Map<String, List<RoomFigures>> byRoom = new TreeMap<>();
        figures.forEach(f -> byRoom.computeIfAbsent(f.room(), r -> new ArrayList<>()).add(f));
        return byRoom.entrySet().stream().map(e -> {
            List<RoomFigures> members = e.getValue();
            ConvergenceTimes times = convergence.getOrDefault(e.getKey(), ConvergenceTimes.of(List.of(), 0));
            long converged = members.stream().filter(RoomFigures::converged).count();
            return new RoomCorrectness(e.getKey(), CorrectnessFigures.sum(members.size(), converged, members, times)
                    .with(truth.getOrDefault(e.getKey(), StatusTruth.NONE)), times);
        }).toList();
    }
}
