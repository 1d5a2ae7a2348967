package dev.livetalk.metrics.correctness;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy's ordering-correctness figures, summed over rooms and clients.
 *
 * <p>Immutable; any thread.
 *
 * @param clients          clients in the run
 * @param convergedClients clients whose every room ends exactly as its entitled server log
 * @param convergedShare   convergedClients / clients in percent (100 without clients)
 * @param lost             see {@link RoomFigures}
 * @param duplicates       see {@link RoomFigures}
 * @param phantoms         see {@link RoomFigures}
 * @param inversions       see {@link RoomFigures}
 * @param kendallTau       1 - 2 I / P over the summed inversions I and comparable pairs P
 * @param notInLongestRun  summed n - LIS
 * @param moves            see {@link RoomFigures}
 * @param causalViolations see {@link RoomFigures}
 * @param stuckPending     see {@link RoomFigures}
 * @param outcomes         per outcome name, the entitled messages x clients (and phantom lines)
 * @param convergence      times to converge after fault windows
 */
public record CorrectnessFigures(long clients, long convergedClients, double convergedShare, long lost,
                                 long duplicates, long phantoms, long inversions, double kendallTau,
                                 long notInLongestRun, long moves, long causalViolations, long stuckPending,
                                 Map<Outcome, Long> outcomes, ConvergenceFigures convergence) {
    public CorrectnessFigures {
        outcomes = Map.copyOf(outcomes);
    }

    static CorrectnessFigures sum(long clients, long convergedClients, List<RoomFigures> rooms,
                                  ConvergenceTimes convergence) {
        EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        rooms.forEach(r -> r.outcomes().forEach((o, n) -> outcomes.merge(o, n, Long::sum)));
        long inversions = rooms.stream().mapToLong(RoomFigures::inversions).sum();
        long pairs = rooms.stream().mapToLong(RoomFigures::pairs).sum();
        return new CorrectnessFigures(clients, convergedClients,
                clients == 0 ? 100.0 : 100.0 * convergedClients / clients,
                rooms.stream().mapToLong(RoomFigures::lost).sum(),
                rooms.stream().mapToLong(RoomFigures::duplicates).sum(),
                rooms.stream().mapToLong(RoomFigures::phantoms).sum(),
                inversions, Inversions.kendallTau(inversions, pairs),
                rooms.stream().mapToLong(RoomFigures::notInLongestRun).sum(),
                rooms.stream().mapToLong(RoomFigures::moves).sum(),
                rooms.stream().mapToLong(RoomFigures::causalViolations).sum(),
                rooms.stream().mapToLong(RoomFigures::stuckPending).sum(),
                outcomes, ConvergenceFigures.of(convergence));
    }
}
