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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final Map<String, Integer> shown = new LinkedHashMap<>();
    private final Map<String, Integer> firstPosition = new LinkedHashMap<>();
    private final List<Long> seqs = new ArrayList<>();
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
    }

    static RoomFigures check(MessageIndex index, ClientTrace client, RoomReplay replay,
                             List<CommittedMessage> entitled, Examples examples) {
        return new RoomCheck(index, client, replay, entitled, examples).run();
    }

    private RoomFigures run() {
        scanFinal();
        long duplicates = duplicates();
        long lost = lostAndOutcomes();
        long[] order = Inversions.of(seqs);
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
            firstPosition.putIfAbsent(message.key(), seqs.size());
            shown.merge(message.key(), 1, Integer::sum);
            long seq = entry.seq() > 0 ? entry.seq() : message.firstSeq();
            seqs.add(seq);
            if ((entry.seq() == 0 || entry.seq() > replay.joinedAt()) && !replay.isUnreachable(entry.seq())) {
                shownIds.add(entry.id());
            }
        }
    }

    private long duplicates() {
        long duplicates = 0;
        for (Map.Entry<String, Integer> e : shown.entrySet()) {
            if (e.getValue() > 1) {
                duplicates += e.getValue() - 1;
                LogicalMessage message = index.byKey(e.getKey());
                offer(ExampleKind.DUPLICATED, message.firstSeq(), message.commits().get(0).id(),
                        replay.firstShown().getOrDefault(e.getKey(), 0L));
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
        Map<String, Boolean> seen = new HashMap<>();
        for (CommittedMessage commit : entitled) {
            LogicalMessage message = index.byId(replay.room(), commit.id());
            if (seen.putIfAbsent(message.key(), true) != null) {
                continue;
            }
            if (replay.isUnreachable(commit.seq())) {
                outcomes.merge(Outcome.UNREACHABLE, 1L, Long::sum);
                continue;
            }
            int count = shown.getOrDefault(message.key(), 0);
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
            long seq = seqs.get(i++);
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
        for (Map.Entry<String, Integer> e : firstPosition.entrySet()) {
            LogicalMessage reply = index.byKey(e.getKey());
            String parentId = reply.commits().get(0).message().replyTo();
            LogicalMessage parent = parentId == null ? null : index.byId(replay.room(), parentId);
            Integer parentAt = parent == null ? null : firstPosition.get(parent.key());
            if (parentAt != null && parentAt > e.getValue() && !replay.causalViolations().contains(e.getKey())) {
                violations++;
                offer(ExampleKind.CAUSAL_VIOLATION, reply.firstSeq(), idOf(reply),
                        replay.firstShown().getOrDefault(e.getKey(), 0L));
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

    private static String idOf(LogicalMessage message) {
        return message.isCommitted() ? message.commits().get(0).id() : message.send().clientMsgId();
    }

    private void offer(ExampleKind kind, long seq, String id, long at) {
        examples.offer(new Example(kind, client.clientId(), replay.room(), seq, id, at));
    }
}
