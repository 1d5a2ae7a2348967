package dev.livetalk.metrics.correctness;

import java.util.Map;

/**
 * The correctness figures of one client in one room, from its final transcript and its
 * change log.
 *
 * <p>Immutable; any thread.
 *
 * @param clientId         the client
 * @param room             the room
 * @param lost             entitled messages never in the final transcript
 * @param duplicates       lines beyond the first for one message
 * @param phantoms         lines the server never committed, not marked failed
 * @param inversions       pairs of lines shown in the opposite order to their seq
 * @param pairs            comparable pairs, C(n, 2), n the lines with a seq
 * @param notInLongestRun  n - LIS: the fewest lines that must move to sort the transcript
 * @param moves            lines that jumped to another place
 * @param causalViolations replies shown before their parent
 * @param stuckPending     this client's sends never acknowledged nor failed
 * @param converged        whether the final transcript is exactly the entitled server log
 * @param outcomes         per outcome, the entitled messages (and phantom lines) with it
 */
public record RoomFigures(String clientId, String room, long lost, long duplicates, long phantoms, long inversions,
                          long pairs, long notInLongestRun, long moves, long causalViolations, long stuckPending,
                          boolean converged, Map<Outcome, Long> outcomes) {
    public RoomFigures {
        outcomes = Map.copyOf(outcomes);
    }
}
