package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When one client converged after one fault window that targeted it, from the ledger's
 * transcript transitions (docs/METRICS.md, {@code convergence}): the latest, over the client's
 * rooms, of the moment from which the room stayed a correct prefix until the next window starts;
 * never ({@code null}) when a room was not one just before then. Microseconds.
 *
 * <p>Immutable; any thread.
 */
record ConvergenceSample(String client, String fault, int occurrence, long windowEndUs, Long convergedAfterUs) {

    /**
     * One sample per window (in the ledger's order) and client it targeted that shows a room, from
     * {@code transcripts} (in ledger order; their transitions are read, not their lines).
     */
    static List<ConvergenceSample> of(List<TranscriptRow> transcripts, List<FaultRow> faults) {
        Map<String, List<TranscriptRow>> roomsByClient = new LinkedHashMap<>();
        transcripts.forEach(t -> roomsByClient.computeIfAbsent(t.client(), c -> new ArrayList<>()).add(t));
        List<ConvergenceSample> samples = new ArrayList<>();
        for (FaultRow window : faults) {
            long until = Long.MAX_VALUE;
            for (FaultRow other : faults) {
                if (other.startUs() >= window.endUs()) {
                    until = Math.min(until, other.startUs());
                }
            }
            for (Map.Entry<String, List<TranscriptRow>> client : roomsByClient.entrySet()) {
                if (window.serverSide() || window.clients().isEmpty() || window.clients().contains(client.getKey())) {
                    Long at = convergedAt(client.getValue(), window.endUs(), until);
                    samples.add(new ConvergenceSample(client.getKey(), window.fault(), window.occurrence(),
                            window.endUs(), at == null ? null : at - window.endUs()));
                }
            }
        }
        return samples;
    }

    private static Long convergedAt(List<TranscriptRow> rooms, long from, long until) {
        long latest = from;
        for (TranscriptRow room : rooms) {
            TranscriptRow.Transition last = null;
            for (TranscriptRow.Transition t : room.transitions()) {
                if (t.atUs() < until) {
                    last = t;
                }
            }
            if (last != null && !last.good()) {
                return null;
            }
            if (last != null) {
                latest = Math.max(latest, last.atUs());
            }
        }
        return latest;
    }
}
