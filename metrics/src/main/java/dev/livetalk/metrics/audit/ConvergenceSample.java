package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When one client converged after one fault window that targeted it, from the ledger's
 * transcript transitions (docs/METRICS.md, {@code convergence}): the latest, over the client's
 * rooms, of the moment from which the room stayed a correct prefix until the next window starts;
 * never when a room was not one just before then. Microseconds after the window's end.
 *
 * <p>The checkers compare each transition with the next window's start in nanoseconds; the ledger
 * floors both to their microsecond, so a transition in that microsecond may have come before it or
 * not. Each is kept: every time the client may have converged after ({@code convergedAfterUs}),
 * and whether it may never have ({@code mayBeNever}); one of the two when no transition shares
 * the microsecond.
 *
 * <p>Immutable; any thread.
 */
record ConvergenceSample(String client, String fault, int occurrence, long windowEndUs,
                         SortedSet<Long> convergedAfterUs, boolean mayBeNever) {
    ConvergenceSample {
        convergedAfterUs = Collections.unmodifiableSortedSet(new TreeSet<>(convergedAfterUs));
        if (convergedAfterUs.isEmpty() && !mayBeNever) {
            throw new IllegalArgumentException("a sample converged at some time or may never have: none given");
        }
    }

    /** A sample the ledger places exactly: converged {@code convergedAfterUs} after the window's end, or never (null). */
    ConvergenceSample(String client, String fault, int occurrence, long windowEndUs, Long convergedAfterUs) {
        this(client, fault, occurrence, windowEndUs,
                convergedAfterUs == null ? new TreeSet<>() : new TreeSet<>(List.of(convergedAfterUs)),
                convergedAfterUs == null);
    }

    /** Every time after the window's end it may have converged, then {@code null} when it may never have. */
    List<Long> admitted() {
        List<Long> admitted = new ArrayList<>(convergedAfterUs);
        if (mayBeNever) {
            admitted.add(null);
        }
        return admitted;
    }

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
                    samples.add(of(client.getKey(), client.getValue(), window, until));
                }
            }
        }
        return samples;
    }

    /** The sample of one client: converged when the last of its rooms did, never when one may never have. */
    private static ConvergenceSample of(String client, List<TranscriptRow> rooms, FaultRow window, long until) {
        List<SortedSet<Long>> converged = new ArrayList<>();
        converged.add(new TreeSet<>(List.of(window.endUs()))); // at the window's end at the earliest
        boolean mayBeNever = false;
        for (TranscriptRow room : rooms) {
            List<TranscriptRow.Transition> transitions = new ArrayList<>(room.transitions());
            transitions.sort(Comparator.comparingLong(TranscriptRow.Transition::atUs));
            int before = 0;
            while (before < transitions.size() && transitions.get(before).atUs() < until) {
                before++;
            }
            int atOrBefore = before;
            while (atOrBefore < transitions.size() && transitions.get(atOrBefore).atUs() == until) {
                atOrBefore++;
            }
            TreeSet<Long> times = new TreeSet<>();
            for (int cut = before; cut <= atOrBefore; cut++) { // how many came before the next window's start
                TranscriptRow.Transition last = cut == 0 ? null : transitions.get(cut - 1);
                if (last != null && !last.good()) {
                    mayBeNever = true;
                } else {
                    times.add(last == null ? window.endUs() : Math.max(window.endUs(), last.atUs()));
                }
            }
            converged.add(times);
        }
        TreeSet<Long> after = new TreeSet<>();
        if (converged.stream().noneMatch(SortedSet::isEmpty)) {
            LatestOf.of(converged).forEach(at -> after.add(at - window.endUs()));
        }
        return new ConvergenceSample(client, window.fault(), window.occurrence(), window.endUs(), after, mayBeNever);
    }
}
