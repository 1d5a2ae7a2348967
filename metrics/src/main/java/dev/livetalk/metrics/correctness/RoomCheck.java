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
import java.util.List;
import java.util.Map;

/**
 * Checks one client's final transcript of one room against the entitled part of the server
 * log (docs/METRICS.md, "Ordering correctness"). Lines of the client's own sends marked {@code FAILED} and never
 * committed are honest and skipped; a pending echo counts for its message when the server
 * committed it, else it is a phantom. Lines of messages older than the join are allowed. After a
 * restart without durable history, the log is the final epoch's and a line showing the id of a
 * lost epoch's commit is a phantom (the server no longer has it), even when the same message
 * was committed again in the final epoch.
 *
 * <p>Single use, single thread.
 */
final class RoomCheck {
    private final MessageIndex index;
    private final ClientTrace client;
    private final RoomReplay replay;
    private final List<CommittedMessage> entitled;
    private final Examples examples;
    /**
     * Per message, by its place in the index ({@link MessageIndex#ordinalOf}), how many counted lines
     * show it. What the final lines show is kept by place, a few bytes a message of the room, where
     * maps by key and a list of boxed seqs took about 120 bytes a line (a member's final lines hold
     * about every message of the room).
     */
    private final int[] shownCount;
    /** Per message shown, the place among {@link #seqs} of its first line. */
    private final int[] firstPosition;
    /** The messages shown, in the order of their first line. */
    private LogicalMessage[] shown = new LogicalMessage[16];
    private int shownSize;
    /** The seqs of the counted lines, in display order. */
    private long[] seqs = new long[16];
    private int seqsSize;
    private final List<String> shownIds = new ArrayList<>();
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private long phantoms;

    private RoomCheck(MessageIndex index, ClientTrace client, RoomReplay replay, List<CommittedMessage> entitled,
                      Examples examples) {
        this.index = index;
        this.client = client;
        this.replay = replay;
        this.entitled = entitled;
        this.examples = examples;
        this.shownCount = new int[index.all().size()];
        this.firstPosition = new int[index.all().size()];
    }

    static RoomFigures check(MessageIndex index, ClientTrace client, RoomReplay replay,
                             List<CommittedMessage> entitled, Examples examples) {
        return new RoomCheck(index, client, replay, entitled, examples).run();
    }

    private RoomFigures run() {
        scanFinal();
        long duplicates = duplicates();
        long lost = lostAndOutcomes();
        long[] order = Arrays.copyOf(seqs, seqsSize);
        long inversions = Inversions.count(order);
        noteMisordered();
        boolean converged = phantoms == 0 && shownIds.equals(entitled.stream()
                .filter(c -> !replay.isUnreachable(c.seq())).map(CommittedMessage::id).toList());
        return new RoomFigures(client.clientId(), replay.room(), lost, duplicates, phantoms, inversions,
                Inversions.pairs(order.length), Inversions.notInLongestRun(order), replay.moves(),
                causalViolations(), stuckPending(), converged, outcomes);
    }

    private void scanFinal() {
        for (PlacedEntry placed : replay.finalEntries()) {
            TranscriptEntry entry = placed.entry();
            if (entry.status() == MessageStatus.FAILED && !entry.isCommitted()) {
                continue;
            }
            if (placed.evicted() && index.isLostLine(replay.room(), entry)) {
                continue; // scrolled away before its epoch was lost: history the client could no longer remove
            }
            LogicalMessage message = index.of(replay.room(), entry);
            if (message == null || !message.isCommitted() || index.isLostLine(replay.room(), entry)) {
                phantoms++;
                outcomes.merge(Outcome.UNEXPECTED, 1L, Long::sum);
                offer(ExampleKind.PHANTOM, entry.seq(), entry.key(), placed.placedAt());
                continue;
            }
            int ordinal = ordinalOf(message);
            if (shownCount[ordinal]++ == 0) {
                firstPosition[ordinal] = seqsSize;
                if (shownSize == shown.length) {
                    shown = Arrays.copyOf(shown, shownSize * 2);
                }
                shown[shownSize++] = message;
            }
            long seq = entry.seq() > 0 ? entry.seq() : message.firstSeq();
            if (seqsSize == seqs.length) {
                seqs = Arrays.copyOf(seqs, seqsSize * 2);
            }
            seqs[seqsSize++] = seq;
            if ((entry.seq() == 0 || entry.seq() > replay.joinedAt()) && !replay.isUnreachable(entry.seq())) {
                shownIds.add(entry.id());
            }
        }
    }

    private long duplicates() {
        long duplicates = 0;
        for (int i = 0; i < shownSize; i++) {
            LogicalMessage message = shown[i];
            int count = shownCount[ordinalOf(message)];
            if (count > 1) {
                duplicates += count - 1;
                offer(ExampleKind.DUPLICATED, message.firstSeq(), message.commits().get(0).id(),
                        replay.firstShown().getOrDefault(message.key(), 0L));
            }
        }
        return duplicates;
    }

    /**
     * Classifies every entitled message (once per logical message, by its first entitled commit)
     * and returns the lost ones; an unreachable one is not lost.
     */
    private long lostAndOutcomes() {
        long lost = 0;
        BitSet seen = new BitSet(shownCount.length);
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
            int count = shownCount[ordinal];
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

    private void noteMisordered() {
        long highest = Long.MIN_VALUE;
        int i = 0;
        for (PlacedEntry placed : replay.finalEntries()) {
            LogicalMessage message = index.of(replay.room(), placed.entry());
            if (message == null || !message.isCommitted() || skipped(placed.entry())
                    || index.isLostLine(replay.room(), placed.entry())) {
                continue;
            }
            long seq = seqs[i++];
            if (seq < highest) {
                offer(ExampleKind.MISORDERED, seq, message.commits().get(0).id(), placed.placedAt());
            }
            highest = Math.max(highest, seq);
        }
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
        for (int i = 0; i < shownSize; i++) {
            LogicalMessage reply = shown[i];
            String parentId = reply.commits().get(0).message().replyTo();
            LogicalMessage parent = parentId == null ? null : index.byId(replay.room(), parentId);
            int parentOrdinal = parent == null ? -1 : ordinalOf(parent);
            if (parentOrdinal >= 0 && shownCount[parentOrdinal] > 0
                    && firstPosition[parentOrdinal] > firstPosition[ordinalOf(reply)]
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
