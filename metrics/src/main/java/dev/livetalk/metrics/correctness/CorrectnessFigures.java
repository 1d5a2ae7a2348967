package dev.livetalk.metrics.correctness;

import com.fasterxml.jackson.annotation.JsonCreator;

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
 * @param unfoundedDelivered (client, message) pairs a delivered marker covered before the client
 *                         showed the message (docs/METRICS.md, "Status truth"; 0 in documents
 *                         written before it was checked, as the four that follow)
 * @param unfoundedRead    the same for read markers
 * @param statusAhead      own sends whose line showed DELIVERED or READ before another member
 *                         showed or read it
 * @param statusBackwards  own sends whose line went back to an earlier status
 * @param missingEchoes    sends without their local echo at the instant of the send
 */
public record CorrectnessFigures(long clients, long convergedClients, double convergedShare, long lost,
                                 long duplicates, long phantoms, long inversions, double kendallTau,
                                 long notInLongestRun, long moves, long causalViolations, long stuckPending,
                                 Map<Outcome, Long> outcomes, ConvergenceFigures convergence,
                                 long unfoundedDelivered, long unfoundedRead, long statusAhead,
                                 long statusBackwards, long missingEchoes) {
    @JsonCreator
    public CorrectnessFigures {
        outcomes = Map.copyOf(outcomes);
    }

    /** Figures without the status-truth counts (all 0). */
    public CorrectnessFigures(long clients, long convergedClients, double convergedShare, long lost,
                              long duplicates, long phantoms, long inversions, double kendallTau,
                              long notInLongestRun, long moves, long causalViolations, long stuckPending,
                              Map<Outcome, Long> outcomes, ConvergenceFigures convergence) {
        this(clients, convergedClients, convergedShare, lost, duplicates, phantoms, inversions, kendallTau,
                notInLongestRun, moves, causalViolations, stuckPending, outcomes, convergence, 0, 0, 0, 0, 0);
    }

    /** These figures with the status-truth counts of {@code truth}. */
    CorrectnessFigures with(StatusTruth truth) {
        return new CorrectnessFigures(clients, convergedClients, convergedShare, lost, duplicates, phantoms,
                inversions, kendallTau, notInLongestRun, moves, causalViolations, stuckPending, outcomes, convergence,
                truth.unfoundedDelivered(), truth.unfoundedRead(), truth.statusAhead(), truth.statusBackwards(),
                truth.missingEchoes());
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
