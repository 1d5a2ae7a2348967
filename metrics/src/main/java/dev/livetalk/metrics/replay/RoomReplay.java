package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.SameObjects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * What replaying one client's change log of one room found.
 *
 * <p>Immutable; any thread.
 *
 * @param clientId        the client
 * @param room            the room
 * @param joinedAt        the head seq when it joined
 * @param finalEntries    the lines at the end, in display order (the evicted ones first: every line the
 *                        client showed and did not remove; a replay's own are {@link PlacedLines}, arrays)
 * @param transitions     when the transcript became, or stopped being, a correct prefix of the
 *                        entitled log (alternating, starting from a good empty transcript)
 * @param firstShown      per logical message key, when a line of it first appeared (a replay's own is a
 *                        {@link ShownTimes}: a time per message of the room, unboxed)
 * @param acked           per logical message key of this client's own messages (it sent them), when a
 *                        line of it first showed it committed: its acknowledgement (a peer's message shown
 *                        committed is not kept: nothing reads it, and it was a map entry per message and member;
 *                        a replay's own is an {@link AckTimes}: the own messages' places in the room and times)
 * @param failed          the logical messages a line showed as failed at some point
 * @param missingWhileDue the logical messages that were missing at some point after being
 *                        due: a higher seq was shown first, or their last line was removed
 * @param causalViolations the replies first shown while their parent was not displayed
 * @param moves           the {@code Moved} changes
 * @param overTime        correctness sampled per interval of the replay's {@link SampleGrid}
 *                        (mutable counts: nobody changes them after the replay)
 * @param ownStatus       per logical message this client sent, every status its lines showed, in
 *                        order (see {@link StatusStep}; a replay's own are {@link StatusSteps}, arrays)
 * @param unreachable     the seqs of the room's final log this client could not be shown
 *                        ({@link Unreachable}): not entitled, neither lost nor due
 * @param linesFolded     whether the final lines were handed to a fold as they settled ({@link LineFolds})
 *                        rather than kept: then {@code finalEntries} holds the window's lines alone and its
 *                        accessor refuses to hand them out as the final lines
 */
public record RoomReplay(String clientId, String room, long joinedAt, List<PlacedEntry> finalEntries,
                         List<Transition> transitions, Map<String, Long> firstShown, Map<String, Long> acked,
                         Set<String> failed, Set<String> missingWhileDue, Set<String> causalViolations, long moves,
                         IntervalCounts overTime, Map<String, List<StatusStep>> ownStatus,
                         NavigableSet<Long> unreachable, boolean linesFolded) {
    public RoomReplay {
        unreachable = Collections.unmodifiableNavigableSet(new TreeSet<>(unreachable));
        finalEntries = finalEntries instanceof PlacedLines ? finalEntries : List.copyOf(finalEntries);
        transitions = List.copyOf(transitions);
        firstShown = firstShown instanceof ShownTimes ? firstShown : Map.copyOf(firstShown);
        acked = acked instanceof AckTimes ? acked : Map.copyOf(acked);
        failed = Set.copyOf(failed);
        missingWhileDue = Set.copyOf(missingWhileDue);
        causalViolations = Set.copyOf(causalViolations);
        if (!(ownStatus instanceof StatusSteps)) {
            Map<String, List<StatusStep>> steps = new LinkedHashMap<>();
            ownStatus.forEach((key, list) -> steps.put(key, List.copyOf(list)));
            ownStatus = Collections.unmodifiableMap(steps);
        }
    }

    /** A replay that kept its final lines. */
    public RoomReplay(String clientId, String room, long joinedAt, List<PlacedEntry> finalEntries,
                      List<Transition> transitions, Map<String, Long> firstShown, Map<String, Long> acked,
                      Set<String> failed, Set<String> missingWhileDue, Set<String> causalViolations, long moves,
                      IntervalCounts overTime, Map<String, List<StatusStep>> ownStatus,
                      NavigableSet<Long> unreachable) {
        this(clientId, room, joinedAt, finalEntries, transitions, firstShown, acked, failed, missingWhileDue,
                causalViolations, moves, overTime, ownStatus, unreachable, false);
    }

    /**
     * The lines at the end, in display order, the evicted ones first.
     *
     * @throws IllegalStateException when they were handed to a fold as they settled ({@link #linesFolded()}):
     *                               the replay kept its window's alone ({@link #windowEntries()})
     */
    @Override
    public List<PlacedEntry> finalEntries() {
        if (linesFolded) {
            throw new IllegalStateException("the final lines of client " + clientId + " in room " + room
                    + " were handed to a fold as they settled and not kept (LineFolds); replay with LineFolds.KEEP"
                    + " to read them");
        }
        return finalEntries;
    }

    /** The lines still in the window at the end (not evicted), in display order: kept whether or not the lines were folded. */
    public List<PlacedEntry> windowEntries() {
        return finalEntries.stream().filter(line -> !line.evicted()).toList();
    }

    /** A replay without the status of own messages (replays built by hand). */
    public RoomReplay(String clientId, String room, long joinedAt, List<PlacedEntry> finalEntries,
                      List<Transition> transitions, Map<String, Long> firstShown, Map<String, Long> acked,
                      Set<String> failed, Set<String> missingWhileDue, Set<String> causalViolations, long moves,
                      IntervalCounts overTime) {
        this(clientId, room, joinedAt, finalEntries, transitions, firstShown, acked, failed, missingWhileDue,
                causalViolations, moves, overTime, Map.of());
    }

    /** A replay without unreachable messages. */
    public RoomReplay(String clientId, String room, long joinedAt, List<PlacedEntry> finalEntries,
                      List<Transition> transitions, Map<String, Long> firstShown, Map<String, Long> acked,
                      Set<String> failed, Set<String> missingWhileDue, Set<String> causalViolations, long moves,
                      IntervalCounts overTime, Map<String, List<StatusStep>> ownStatus) {
        this(clientId, room, joinedAt, finalEntries, transitions, firstShown, acked, failed, missingWhileDue,
                causalViolations, moves, overTime, ownStatus, Collections.emptyNavigableSet());
    }

    /**
     * This replay with each final line showing the entry {@code shared} holds equal to its own (put
     * there when none is): one object for a line shown at many members.
     */
    RoomReplay withSharedEntries(SameObjects<TranscriptEntry> shared) {
        PlacedLines lines = finalEntries instanceof PlacedLines placed ? placed : PlacedLines.of(finalEntries);
        return new RoomReplay(clientId, room, joinedAt, lines.withSharedEntries(shared), transitions, firstShown,
                acked, failed, missingWhileDue, causalViolations, moves, overTime, ownStatus, unreachable, linesFolded);
    }

    /** Whether the commit {@code seq} of the room is unreachable for this client ({@link Unreachable}). */
    public boolean isUnreachable(long seq) {
        return !unreachable.isEmpty() && unreachable.contains(seq); // the usual empty set: no boxed seq
    }

    /** The status steps of this client's own message {@code key} in this room; empty when none showed. */
    public List<StatusStep> statusOf(String key) {
        return ownStatus.getOrDefault(key, List.of());
    }

    /**
     * The earliest time in {@code [from, until)} after which the transcript stays a correct
     * prefix until {@code until}; empty when it is not one just before {@code until}.
     */
    public OptionalLong goodFrom(long from, long until) {
        Transition last = null;
        for (Transition t : transitions) {
            if (t.at() >= until) {
                break;
            }
            last = t;
        }
        if (last == null) {
            return OptionalLong.of(from);
        }
        return last.good() ? OptionalLong.of(Math.max(from, last.at())) : OptionalLong.empty();
    }

    /** Whether the transcript ends as a correct prefix of the entitled log. */
    public boolean endsGood() {
        return transitions.isEmpty() || transitions.get(transitions.size() - 1).good();
    }
}
