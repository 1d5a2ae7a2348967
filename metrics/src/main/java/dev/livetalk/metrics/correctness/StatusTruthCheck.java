package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.replay.StatusStep;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.MarkerSent;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.protocol.ReceiptKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that the statuses a run's users saw told the truth (docs/METRICS.md, "Status truth"):
 * no delivered or read marker a client transmitted covered an entitled message it had not shown
 * yet; no sender's line showed DELIVERED before another member had shown the message, nor READ
 * before another member's read marker covered it; no sender's line went back to an earlier
 * status; every send showed its local echo at once.
 *
 * <p>After a restart without durable history, markers carry seqs of the epoch their link was in
 * (its latest welcome before them): only those of the final epoch are judged, against the final
 * epoch's log; a READ a sender's line showed while its link was in a lost epoch is not judged
 * (the markers that founded it are gone with their epoch), and a READ of a message the server
 * lost, shown later, is unfounded.
 *
 * <p>Markers only move forward, so each (client, message) is judged once, at the first marker
 * of its kind that covers it (a message committed twice, a naive resend, counts once). A client
 * is entitled to a message whose first seq is above its join head (a resend committed again
 * after the join is not), as the ledger's deliveries and the audit have it. The
 * cost is linear in the trace: the markers, the messages each client is entitled to, and per
 * DELIVERED shown, at most one look per other member of the room (each of which displays the
 * message in an honest run, so the first look usually settles it).
 *
 * <p>Every figure and example is of one room: a run checked room by room ({@link CorrectnessChecker.Parts})
 * gets the same. Examples come in the order of the trace's clients, then of each client's markers
 * (then sends) by time, then by room.
 *
 * <p>Single use, single thread.
 */
final class StatusTruthCheck {
    private final ReplayedRun run;
    private final Examples examples;
    private final Map<String, RoomLogIndex> logs = new HashMap<>();
    private final Map<String, List<RoomReplay>> byRoom = new HashMap<>();
    /** Per room: unfounded delivered, unfounded read, ahead, backwards, missing echoes. */
    private final Map<String, long[]> counts = new TreeMap<>();

    private StatusTruthCheck(ReplayedRun run, Examples examples) {
        this.run = run;
        this.examples = examples;
    }

    /** Per room (sorted by name), what the statuses of its members told; rooms where nothing was wrong may be absent. */
    static Map<String, StatusTruth> check(ReplayedRun run, Examples examples) {
        return new StatusTruthCheck(run, examples).run();
    }

    private long[] counts(String room) {
        return counts.computeIfAbsent(room, r -> new long[5]);
    }

    private Map<String, StatusTruth> run() {
        run.replays().values().forEach(rooms -> rooms.values()
                .forEach(r -> byRoom.computeIfAbsent(r.room(), k -> new ArrayList<>()).add(r)));
        List<ClientTrace> clients = run.trace().clients();
        for (int c = 0; c < clients.size(); c++) {
            markers(c, clients.get(c));
        }
        for (int c = 0; c < clients.size(); c++) {
            ClientTrace client = clients.get(c);
            for (SendRecord send : client.sends()) {
                examples.at(Examples.SENDS, c, send.actualAt(), run.context().roomIndex(client.clientId(), send.room()));
                LogicalMessage message = run.index().byKey(MessageIndex.sendKey(client.clientId(), send.clientMsgId()));
                RoomReplay replay = run.of(client.clientId(), send.room());
                List<StatusStep> steps = replay == null ? List.of() : replay.statusOf(message.key());
                long[] room = counts(send.room());
                room[2] += ahead(client, message, steps) ? 1 : 0;
                room[3] += backwards(client, message, steps) ? 1 : 0;
                room[4] += missingEcho(client, send, message, replay) ? 1 : 0;
            }
        }
        Map<String, StatusTruth> byRoom = new TreeMap<>();
        counts.forEach((room, c) -> byRoom.put(room, new StatusTruth(c[0], c[1], c[2], c[3], c[4])));
        return byRoom;
    }

    /** Judges every entitled message at the first marker of each kind that covers it; notes when read markers covered each. */
    private void markers(int clientIndex, ClientTrace client) {
        Map<String, Integer> next = new HashMap<>();
        Set<String> counted = new HashSet<>();
        for (MarkerSent marker : client.markers()) {
            if (!run.trace().inFinalEpochAt(client, marker.at())) {
                continue;
            }
            examples.at(Examples.MARKERS, clientIndex, marker.at(),
                    run.context().roomIndex(client.clientId(), marker.room()));
            RoomLogIndex log = log(marker.room());
            String cursor = marker.kind() + "\u0000" + marker.room();
            int from = next.getOrDefault(cursor, 0);
            int to = log.positionAbove(marker.seq());
            for (int i = from; i < to; i++) {
                judge(client, marker, log, i, counted);
            }
            next.put(cursor, Math.max(from, to));
        }
    }

    /** {@code counted}: the kinds and keys of the client's unfounded pairs so far (a resent message has two seqs). */
    private void judge(ClientTrace client, MarkerSent marker, RoomLogIndex log, int position, Set<String> counted) {
        CommittedMessage commit = log.messages.get(position);
        if (marker.kind() == ReceiptKind.READ) {
            log.readFirst(position).offer(client.clientId(), marker.at());
        }
        Long entitledAfter = run.trace().entitledAfter(client, marker.room());
        LogicalMessage message = log.messageAt(position, run.index(), marker.room());
        if (entitledAfter == null || message.firstSeq() <= entitledAfter) {
            return; // entitled by its first commit: a resend committed again after the join is not
        }
        RoomReplay replay = run.of(client.clientId(), marker.room());
        if (replay != null && replay.isUnreachable(commit.seq())) {
            return; // the server had dropped it before the client came back: not entitled
        }
        String key = message.key();
        Long shown = replay == null ? null : replay.firstShown().get(key);
        if ((shown == null || shown > marker.at()) && counted.add(marker.kind() + "\u0000" + key)) {
            boolean read = marker.kind() == ReceiptKind.READ;
            counts(marker.room())[read ? 1 : 0]++;
            examples.offer(new Example(read ? ExampleKind.UNFOUNDED_READ : ExampleKind.UNFOUNDED_DELIVERED,
                    client.clientId(), marker.room(), commit.seq(), commit.id(), marker.at()));
        }
    }

    /** Whether a line showed DELIVERED before another member showed it, or READ before another member's read marker covered it. */
    private boolean ahead(ClientTrace client, LogicalMessage message, List<StatusStep> steps) {
        for (StatusStep step : steps) {
            if (step.evicted()) {
                continue; // the line scrolled away: no new claim
            }
            boolean founded = switch (step.status()) {
                case DELIVERED -> shownByAnother(message, step.at(), client.clientId());
                case READ -> !run.trace().inFinalEpochAt(client, step.at())
                        || readBy(message, step, client.clientId()) <= step.at();
                default -> true;
            };
            if (!founded) {
                offer(ExampleKind.STATUS_AHEAD, client, message, step);
                return true;
            }
        }
        return false;
    }

    /** Whether a member entitled to the message, other than {@code clientId}, showed it by {@code at} (stops at the first one found). */
    private boolean shownByAnother(LogicalMessage message, long at, String clientId) {
        for (RoomReplay other : byRoom.getOrDefault(message.room(), List.of())) {
            Long shown = other.firstShown().get(message.key());
            boolean entitled = !message.isCommitted() || other.joinedAt() < message.firstSeq();
            if (shown != null && shown <= at && entitled && !other.clientId().equals(clientId)) {
                return true;
            }
        }
        return false;
    }

    private long readBy(LogicalMessage message, StatusStep step, String clientId) {
        if (message.isLostByServer()) {
            return Long.MAX_VALUE;
        }
        long seq = message.isCommitted() ? message.firstSeq() : step.seq(); // the message's, as the ledger's audit counts it
        RoomLogIndex log = log(message.room());
        int position = log.positionOf(seq);
        return position < 0 ? Long.MAX_VALUE : log.readFirst(position).otherThan(clientId);
    }

    private boolean backwards(ClientTrace client, LogicalMessage message, List<StatusStep> steps) {
        for (StatusStep step : steps) {
            if (step.isBackwards()) {
                offer(ExampleKind.STATUS_BACKWARDS, client, message, step);
                return true;
            }
        }
        return false;
    }

    private boolean missingEcho(ClientTrace client, SendRecord send, LogicalMessage message, RoomReplay replay) {
        Long shown = replay == null ? null : replay.firstShown().get(message.key());
        if (shown != null && shown <= send.actualAt()) {
            return false;
        }
        examples.offer(new Example(ExampleKind.MISSING_ECHO, client.clientId(), send.room(), message.firstSeq(),
                send.clientMsgId(), send.actualAt()));
        return true;
    }

    private void offer(ExampleKind kind, ClientTrace client, LogicalMessage message, StatusStep step) {
        String id = message.isCommitted() ? message.commits().get(0).id() : message.send().clientMsgId();
        examples.offer(new Example(kind, client.clientId(), message.room(), step.seq(), id, step.at()));
    }

    private RoomLogIndex log(String room) {
        return logs.computeIfAbsent(room, r -> new RoomLogIndex(run.trace().log(r).messages()));
    }

    /** A room's log by position, with each commit's logical message and when read markers first covered it. */
    private static final class RoomLogIndex {
        final List<CommittedMessage> messages;
        private final long[] seqs;
        private final LogicalMessage[] logical;
        private final FirstTwo[] readFirst;

        RoomLogIndex(List<CommittedMessage> messages) {
            this.messages = messages;
            this.seqs = messages.stream().mapToLong(CommittedMessage::seq).toArray();
            this.logical = new LogicalMessage[seqs.length];
            this.readFirst = new FirstTwo[seqs.length];
        }

        /** The logical message of the commit at {@code position}, looked up once. */
        LogicalMessage messageAt(int position, MessageIndex index, String room) {
            if (logical[position] == null) {
                logical[position] = index.byId(room, messages.get(position).id());
            }
            return logical[position];
        }

        /** The position of the first message with a seq above {@code seq}. */
        int positionAbove(long seq) {
            int i = Arrays.binarySearch(seqs, seq);
            return i >= 0 ? i + 1 : -i - 1;
        }

        /** The position of the message with {@code seq}, or -1. */
        int positionOf(long seq) {
            int i = Arrays.binarySearch(seqs, seq);
            return i >= 0 ? i : -1;
        }

        FirstTwo readFirst(int position) {
            if (readFirst[position] == null) {
                readFirst[position] = new FirstTwo();
            }
            return readFirst[position];
        }
    }

    /** The earliest time two different clients did something: enough to ask "anyone but this one, by when?". */
    private static final class FirstTwo {
        private String firstClient;
        private long firstAt = Long.MAX_VALUE;
        private long secondAt = Long.MAX_VALUE;

        void offer(String clientId, long at) {
            if (clientId.equals(firstClient)) {
                firstAt = Math.min(firstAt, at);
            } else if (at < firstAt) {
                secondAt = firstAt;
                firstClient = clientId;
                firstAt = at;
            } else {
                secondAt = Math.min(secondAt, at);
            }
        }

        /** The earliest time a client other than {@code clientId} did it; {@link Long#MAX_VALUE} for never. */
        long otherThan(String clientId) {
            return clientId.equals(firstClient) ? secondAt : firstAt;
        }
    }
}
