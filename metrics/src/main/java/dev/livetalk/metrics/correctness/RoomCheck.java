package dev.livetalk.metrics.correctness;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.PlacedEntry;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.SendRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * Checks one client's final transcript of one room against the entitled part of the server
 * log (docs/METRICS.md, "Ordering correctness"). Lines of the client's own sends marked {@code FAILED} and never
 * committed are honest and skipped; a pending echo counts for its message when the server
 * committed it, else it is a phantom. Lines of messages older than the join are allowed. After a
 * restart without durable history, the log is the final epoch's and a line showing the id of a
 * lost epoch's commit is a phantom (the server no longer has it), even when the same message
 * was committed again in the final epoch.
 *
 * <p>The final lines are read once, in display order, by {@link Lines}: as a replay hands them over while
 * they settle ({@link dev.livetalk.metrics.replay.LineFolds}), or from a replay that kept them. What it
 * keeps is a few bytes a message of the room (how many lines show each, where the first is), the
 * counted seqs in runs of consecutive ones (one run for a transcript in order), and the first few
 * examples; not the lines (a byte and an int a message of the room, where the lines took about 29 bytes).
 *
 * <p>Single use, single thread.
 */
final class RoomCheck {
    private final MessageIndex index;
    private final ClientTrace client;
    private final RoomReplay replay;
    private final List<CommittedMessage> entitled;
    private final Examples examples;
    private final Lines lines;
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

    private RoomCheck(MessageIndex index, ClientTrace client, RoomReplay replay, List<CommittedMessage> entitled,
                      Examples examples, Lines lines) {
        this.index = index;
        this.client = client;
        this.replay = replay;
        this.entitled = entitled;
        this.examples = examples;
        this.lines = lines;
    }

    /** Checks {@code replay}, reading its final lines (a replay that kept them). */
    static RoomFigures check(MessageIndex index, ClientTrace client, RoomReplay replay,
                             List<CommittedMessage> entitled, Examples examples) {
        Lines lines = new Lines(index, client.clientId(), replay.room(), replay.joinedAt(), replay.unreachable(),
                entitled, examples.perKind());
        replay.finalEntries().forEach(lines);
        return check(index, client, replay, entitled, examples, lines);
    }

    /** Checks {@code replay}, its final lines read by {@code lines} (every one of them, in display order). */
    static RoomFigures check(MessageIndex index, ClientTrace client, RoomReplay replay,
                             List<CommittedMessage> entitled, Examples examples, Lines lines) {
        return new RoomCheck(index, client, replay, entitled, examples, lines).run();
    }

    private RoomFigures run() {
        lines.phantomExamples.forEach(examples::offer);
        if (lines.phantoms > 0) {
            outcomes.merge(Outcome.UNEXPECTED, lines.phantoms, Long::sum);
        }
        long duplicates = duplicates();
        long lost = lostAndOutcomes();
        long[] order = lines.seqs.toArray();
        long inversions = Inversions.count(order);
        lines.misorderedExamples.forEach(examples::offer);
        boolean converged = lines.phantoms == 0 && lines.shownIdsAreEntitled();
        return new RoomFigures(client.clientId(), replay.room(), lost, duplicates, lines.phantoms, inversions,
                Inversions.pairs(order.length), Inversions.notInLongestRun(order), replay.moves(),
                causalViolations(), stuckPending(), converged, outcomes);
    }

    /**
     * What the check reads of a member's final lines of a room, handed over one at a time in display
     * order ({@link #accept}; the evicted lines first, as a replay hands them over when they settle).
     * The phantoms and out-of-order lines are noted as examples here, the first few of each (no more can
     * be kept: {@link Examples}), and offered when the room is checked, where the whole check offered them.
     *
     * <p>Single use, single thread.
     */
    static final class Lines implements Consumer<PlacedEntry> {
        private final MessageIndex index;
        private final String clientId;
        private final String room;
        private final long joinedAt;
        private final NavigableSet<Long> unreachable;
        private final List<CommittedMessage> entitled;
        private final int examplesPerKind;
        /**
         * Per message, by its place in the index ({@link MessageIndex#ordinalOf}), how many counted lines
         * show it: a byte a message of the room (a member's final lines hold about every message of the
         * room once), a count past {@link #MANY} in {@link #manyShown}.
         */
        private final byte[] shownCount;
        private final Map<Integer, Integer> manyShown = new HashMap<>();
        private static final int MANY = 255;
        /** Per message shown, the place among the counted lines of its first line. */
        private final int[] firstPosition;
        /** The seqs of the counted lines, in display order. */
        private final SeqRuns seqs = new SeqRuns();
        /** The highest counted seq so far: a lower one is out of order. */
        private long highest = Long.MIN_VALUE;
        /**
         * The ids shown (of counted lines above the join, not unreachable) against the entitled log's ids
         * (without the unreachable): how many matched so far, and whether one did not.
         */
        private int matched;
        private boolean mismatched;
        private long phantoms;
        private final List<Example> phantomExamples = new ArrayList<>();
        private final List<Example> misorderedExamples = new ArrayList<>();

        /**
         * The lines of {@code clientId} in {@code room}, which it joined at head {@code joinedAt}, the seqs
         * {@code unreachable} for it, {@code entitled} the room's log after its join; at most
         * {@code examplesPerKind} examples of each kind kept.
         */
        Lines(MessageIndex index, String clientId, String room, long joinedAt, NavigableSet<Long> unreachable,
              List<CommittedMessage> entitled, int examplesPerKind) {
            this.index = index;
            this.clientId = clientId;
            this.room = room;
            this.joinedAt = joinedAt;
            this.unreachable = unreachable;
            this.entitled = entitled;
            this.examplesPerKind = examplesPerKind;
            this.shownCount = new byte[index.all().size()];
            this.firstPosition = new int[index.all().size()];
        }

        @Override
        public void accept(PlacedEntry placed) {
            TranscriptEntry entry = placed.entry();
            if (skipped(entry)) {
                return;
            }
            if (placed.evicted() && index.isLostLine(room, entry)) {
                return; // scrolled away before its epoch was lost: history the client could no longer remove
            }
            LogicalMessage message = index.of(room, entry);
            if (message == null || !message.isCommitted() || index.isLostLine(room, entry)) {
                phantoms++;
                note(phantomExamples, ExampleKind.PHANTOM, entry.seq(), entry.key(), placed.placedAt());
                return;
            }
            int ordinal = index.ordinalOf(message.key());
            if (countUp(ordinal) == 0) {
                firstPosition[ordinal] = seqs.size();
            }
            long seq = entry.seq() > 0 ? entry.seq() : message.firstSeq();
            seqs.add(seq);
            if (seq < highest) {
                note(misorderedExamples, ExampleKind.MISORDERED, seq, message.commits().get(0).id(),
                        placed.placedAt());
            }
            highest = Math.max(highest, seq);
            if ((entry.seq() == 0 || entry.seq() > joinedAt) && !isUnreachable(entry.seq())) {
                matchShown(entry.id());
            }
        }

        private boolean isUnreachable(long seq) {
            return !unreachable.isEmpty() && unreachable.contains(seq);
        }

        /** The next id shown, against the next entitled id that is reachable. */
        private void matchShown(String id) {
            if (mismatched) {
                return;
            }
            int next = nextReachable(matched);
            if (next == entitled.size() || !entitled.get(next).id().equals(id)) {
                mismatched = true;
            } else {
                matched = next + 1;
            }
        }

        private int nextReachable(int from) {
            int at = from;
            while (at < entitled.size() && isUnreachable(entitled.get(at).seq())) {
                at++;
            }
            return at;
        }

        /** Adds a line of the message at {@code ordinal}; the count before. */
        private int countUp(int ordinal) {
            int count = shown(ordinal);
            if (count + 1 < MANY) {
                shownCount[ordinal] = (byte) (count + 1);
            } else {
                shownCount[ordinal] = (byte) MANY;
                manyShown.put(ordinal, count + 1);
            }
            return count;
        }

        /** How many counted lines show the message at {@code ordinal}. */
        int shown(int ordinal) {
            int count = shownCount[ordinal] & 0xff;
            return count == MANY ? manyShown.get(ordinal) : count;
        }

        /**
         * The messages shown that {@code which} accepts (by place in the index), in the order of their first
         * line (the order the check offers their examples in).
         */
        List<LogicalMessage> shownInOrder(java.util.function.IntPredicate which) {
            long[] byFirst = new long[16];
            int size = 0;
            for (int ordinal = 0; ordinal < shownCount.length; ordinal++) {
                if (shownCount[ordinal] != 0 && which.test(ordinal)) {
                    if (size == byFirst.length) {
                        byFirst = Arrays.copyOf(byFirst, size * 2);
                    }
                    byFirst[size++] = ((long) firstPosition[ordinal] << 32) | ordinal;
                }
            }
            Arrays.sort(byFirst, 0, size);
            List<LogicalMessage> inOrder = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                inOrder.add(index.all().get((int) byFirst[i]));
            }
            return inOrder;
        }

        /** Whether the ids shown were the entitled log's, reachable ones, all and in order. */
        boolean shownIdsAreEntitled() {
            return !mismatched && nextReachable(matched) == entitled.size();
        }

        private void note(List<Example> kept, ExampleKind kind, long seq, String id, long at) {
            if (kept.size() < examplesPerKind) {
                kept.add(new Example(kind, clientId, room, seq, id, at));
            }
        }
    }

    private long duplicates() {
        long duplicates = 0;
        for (LogicalMessage message : lines.shownInOrder(ordinal -> lines.shown(ordinal) > 1)) {
            duplicates += lines.shown(ordinalOf(message)) - 1;
            offer(ExampleKind.DUPLICATED, message.firstSeq(), message.commits().get(0).id(),
                    replay.firstShown().getOrDefault(message.key(), 0L));
        }
        return duplicates;
    }

    /**
     * Classifies every entitled message (once per logical message, by its first entitled commit)
     * and returns the lost ones; an unreachable one is not lost.
     */
    private long lostAndOutcomes() {
        long lost = 0;
        BitSet seen = new BitSet(index.all().size());
        for (CommittedMessage commit : entitled) {
            LogicalMessage message = index.byId(replay.room(), commit.id());
            int ordinal = ordinalOf(message);
            if (seen.get(ordinal)) {
                continue;
            }
            seen.set(ordinal);
            if (replay.isUnreachable(commit.seq())) {
                outcomes.merge(Outcome.UNREACHABLE, 1L, Long::sum);
                continue;
            }
            int count = lines.shown(ordinal);
            Outcome outcome = count == 0 ? Outcome.LOST : count > 1 ? Outcome.DUPLICATED
                    : replay.missingWhileDue().contains(message.key()) ? Outcome.RECOVERED : Outcome.OK;
            outcomes.merge(outcome, 1L, Long::sum);
            if (count == 0) {
                lost++;
                offer(ExampleKind.LOST, commit.seq(), commit.id(), commit.committedAt());
            }
        }
        return lost;
    }

    private static boolean skipped(TranscriptEntry entry) {
        return entry.status() == MessageStatus.FAILED && !entry.isCommitted();
    }

    /** Replies first shown without their parent, plus replies that end above their parent. */
    private long causalViolations() {
        long violations = replay.causalViolations().size();
        for (String key : replay.causalViolations()) {
            LogicalMessage reply = index.byKey(key);
            offer(ExampleKind.CAUSAL_VIOLATION, reply.firstSeq(), idOf(reply), replay.firstShown().get(key));
        }
        for (LogicalMessage reply : lines.shownInOrder(ordinal ->
                index.all().get(ordinal).commits().get(0).message().replyTo() != null)) {
            String parentId = reply.commits().get(0).message().replyTo();
            LogicalMessage parent = index.byId(replay.room(), parentId);
            int parentOrdinal = parent == null ? -1 : ordinalOf(parent);
            if (parentOrdinal >= 0 && lines.shown(parentOrdinal) > 0
                    && lines.firstPosition[parentOrdinal] > lines.firstPosition[ordinalOf(reply)]
                    && !replay.causalViolations().contains(reply.key())) {
                violations++;
                offer(ExampleKind.CAUSAL_VIOLATION, reply.firstSeq(), idOf(reply),
                        replay.firstShown().getOrDefault(reply.key(), 0L));
            }
        }
        return violations;
    }

    private long stuckPending() {
        long stuck = 0;
        for (SendRecord send : client.sends()) {
            if (!send.room().equals(replay.room())) {
                continue;
            }
            String key = MessageIndex.sendKey(client.clientId(), send.clientMsgId());
            if (!replay.acked().containsKey(key) && !replay.failed().contains(key)) {
                stuck++;
                offer(ExampleKind.STUCK_PENDING, 0, send.clientMsgId(), send.intendedAt());
            }
        }
        return stuck;
    }

    /** {@code message}'s place in the index: every message a line or a commit is looked up to is one of it. */
    private int ordinalOf(LogicalMessage message) {
        return index.ordinalOf(message.key());
    }

    private static String idOf(LogicalMessage message) {
        return message.isCommitted() ? message.commits().get(0).id() : message.send().clientMsgId();
    }

    private void offer(ExampleKind kind, long seq, String id, long at) {
        examples.offer(new Example(kind, client.clientId(), replay.room(), seq, id, at));
    }
}
