package dev.livetalk.metrics.ledger;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.replay.ChangeTally;
import dev.livetalk.metrics.replay.LineFolds;
import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.MemberFolds;
import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.MarkerSent;
import dev.livetalk.metrics.trace.ReadMark;
import dev.livetalk.metrics.trace.ReceiptSeen;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.metrics.trace.Transmission;
import dev.livetalk.protocol.ReceiptKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives a {@link Ledger} from a replayed run, whole or part by part (one room at a time:
 * {@link #add}), from each client's tally of its change log ({@link ChangeTally}: one pass over
 * it) plus one row per (message, recipient). Every lookup is a hash or a binary search, so the
 * cost is linear in the trace and the rows.
 *
 * <p>Single use, one thread.
 */
public final class LedgerBuilder {
    /** Each status's and receipt kind's name as the ledger writes it, by ordinal. */
    private static final String[] STATUS_NAMES = java.util.Arrays.stream(MessageStatus.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final String[] KIND_NAMES = java.util.Arrays.stream(ReceiptKind.values())
            .map(k -> k.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private final RunTrace run;
    private final long origin;
    private final Map<String, Integer> clientIndex = new HashMap<>();
    private final Rows sink;
    private final List<MessageRow> messages = new ArrayList<>();
    private final List<DeliveryRow> deliveries = new ArrayList<>();
    private final List<TranscriptRow> transcripts = new ArrayList<>();
    /** Per transcript row: its client's place in the trace and the room's among the client's rooms. */
    private final List<long[]> transcriptOrder = new ArrayList<>();
    private final List<MarkerRow> markers = new ArrayList<>();
    private final List<ReceiptRow> receipts = new ArrayList<>();
    private final List<RefetchRow> refetches = new ArrayList<>();
    /** The members' lines folded as they settled ({@link #lineFolds}), until their part's rows are made. */
    private final MemberFolds<LedgerLines> folded = new MemberFolds<>("the ledger's");

    /**
     * @param run the run's clients (in order, with their welcomes), windows and warm-up end: the whole
     *            trace, or a part of it that keeps these whole
     */
    public LedgerBuilder(RunTrace run) {
        this(run, null);
    }

    /**
     * A builder that hands each row to {@code sink} as it is made instead of keeping it
     * ({@code null}: keeps them for {@link #build()}); what {@link LedgerWriter} streams.
     */
    LedgerBuilder(RunTrace run, Rows sink) {
        this.run = run;
        this.sink = sink != null ? sink : new Kept();
        this.origin = run.measuredFrom();
        for (int i = 0; i < run.clients().size(); i++) {
            clientIndex.put(run.clients().get(i).clientId(), i);
        }
    }

    /**
     * Adds the rows of the rooms replayed in {@code part} (each room in one part only): from its replays'
     * final lines, or, where a replay folded them as they settled, from what {@link #lineFolds} read.
     */
    public LedgerBuilder add(ReplayedRun part) {
        try {
            new Part(part).rows();
        } finally {
            folded.clear();
        }
        return this;
    }

    /**
     * What reads each member's final lines for the ledger as a replay hands them over while they settle
     * ({@link LineFolds}): each line goes on to the member's transcript row then, and of the lines only a
     * few bytes a message of the room are kept ({@link LedgerLines}) until the part is {@link #add}ed.
     */
    public LineFolds lineFolds() {
        return folded.lineFolds((index, slice, client, room, joinedAt, unreachable) ->
                new LedgerLines(index, room, joinedAt, unreachable, sink.transcript(client.user(), room)));
    }

    /**
     * The ledger of every part added: messages and deliveries part by part, transcripts in client
     * then room order, markers, receipts, welcomes and refetches by time.
     */
    public Ledger build() {
        Integer[] order = new Integer[transcripts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> java.util.Arrays.compare(transcriptOrder.get(a), transcriptOrder.get(b)));
        List<TranscriptRow> transcriptRows = java.util.Arrays.stream(order).map(transcripts::get).toList();
        markers.sort(Comparator.comparingLong(MarkerRow::atUs));
        receipts.sort(Comparator.comparingLong(ReceiptRow::atUs));
        refetches.sort(Comparator.comparingLong(RefetchRow::atUs));
        return new Ledger(messages, deliveries, transcriptRows, markers, receipts, faults(), welcomes(), refetches,
                connects());
    }

    /**
     * Takes each row as it is made, in the order {@link #build()} keeps before it sorts: per part,
     * its messages (each followed by its deliveries), then its transcripts, markers, receipts and
     * refetches.
     */
    interface Rows {
        void message(MessageRow row);

        void delivery(DeliveryRow row);

        /** Where the lines of {@code client}'s transcript row of {@code room} go as they come, then its end. */
        LedgerLines.TranscriptLines transcript(String client, String room);

        void marker(MarkerRow row);

        void receipt(ReceiptRow row);

        void refetch(RefetchRow row);
    }

    /** The rows kept for {@link #build()}. */
    private final class Kept implements Rows {
        @Override
        public void message(MessageRow row) {
            messages.add(row);
        }

        @Override
        public void delivery(DeliveryRow row) {
            deliveries.add(row);
        }

        @Override
        public LedgerLines.TranscriptLines transcript(String client, String room) {
            List<TranscriptRow.Line> lines = new ArrayList<>();
            return new LedgerLines.TranscriptLines() {
                @Override
                public void line(TranscriptRow.Line line) {
                    lines.add(line);
                }

                @Override
                public void end(Long joinedAtSeq, List<TranscriptRow.Transition> transitions, int evicted,
                                long[] key) {
                    transcripts.add(new TranscriptRow(client, room, joinedAtSeq, lines, transitions, evicted));
                    transcriptOrder.add(key);
                }
            };
        }

        @Override
        public void marker(MarkerRow row) {
            markers.add(row);
        }

        @Override
        public void receipt(ReceiptRow row) {
            receipts.add(row);
        }

        @Override
        public void refetch(RefetchRow row) {
            refetches.add(row);
        }
    }

    List<FaultRow> faults() {
        List<FaultRow> rows = new ArrayList<>();
        for (TraceWindow window : run.windows()) {
            rows.add(new FaultRow(window.fault(), window.occurrence(), us(window.start()), us(window.end()),
                    window.clients(), window.serverSide(), window.kind()));
        }
        return rows;
    }

    List<WelcomeRow> welcomes() {
        List<WelcomeRow> rows = new ArrayList<>();
        for (ClientTrace client : run.clients()) {
            client.welcomes().forEach(w -> rows.add(new WelcomeRow(client.user(), w.link(), us(w.at()), w.epoch(),
                    w.resume())));
        }
        rows.sort(Comparator.comparingLong(WelcomeRow::atUs));
        return rows;
    }

    /** Every client's connection attempts, by when they ended (then in the clients' order). */
    List<ConnectRow> connects() {
        List<ConnectRow> rows = new ArrayList<>();
        for (ClientTrace client : run.clients()) {
            client.connects().forEach(c -> rows.add(new ConnectRow(client.user(), c.link(), us(c.at()), us(c.endedAt()),
                    c.opened(), c.reason())));
        }
        rows.sort(Comparator.comparingLong(ConnectRow::endedUs));
        return rows;
    }

    /** The rows of one part: its replays, with the lookups built over them. */
    private final class Part {
        private final ReplayedRun run;
        /** Per client id: its moves and (for its own messages) status steps, keyed by message key. */
        private final Map<String, ChangeTally> tallies = new HashMap<>();
        /** Per room: its members (clients that joined it), in client order. */
        private final Map<String, List<ClientTrace>> members = new HashMap<>();
        private final Map<String, ClientTrace> clients = new HashMap<>();
        /**
         * Per client + room: what the ledger read of its final lines ({@link LedgerLines}: where each message's
         * first line is, how many show it, its first line's status, each seq's final placement). This map and
         * the ones below are keyed by records, not by the
         * strings joined: every (message, recipient) row looks them up, and the joined keys were 1.1 GB
         * of the 1,000-client minute's ledger's allocations.
         */
        private final Map<ClientRoom, LedgerLines> finalLines = new HashMap<>();
        /** Per client + room + kind (markers the client sent) or client + room + reader + kind (receipts it got). */
        private final Map<WatermarkKey, Watermarks> watermarks = new HashMap<>();
        /** Per client id: its transmissions by room and client message id, and by room and body. */
        private final Map<String, SentIndex> transmissions = new HashMap<>();

        Part(ReplayedRun run) {
            this.run = run;
        }

        /** Appends the rows of the part's messages, transcripts, markers, receipts and refetches. */
        void rows() {
            for (ClientTrace client : run.trace().clients()) {
                clients.put(client.clientId(), client);
                client.joinedAt().keySet().forEach(room -> members.computeIfAbsent(room, r -> new ArrayList<>()).add(client));
                tallies.put(client.clientId(), run.tally(client));
                for (MarkerSent marker : client.markers()) {
                    if (!run.trace().inFinalEpochAt(client, marker.at())) {
                        continue; // a seq of a lost epoch
                    }
                    watermark(client.clientId(), marker.room(), "", marker.kind()).add(marker.seq(), marker.at());
                }
                for (ReceiptSeen receipt : client.receipts()) {
                    if (!run.trace().inFinalEpochAt(client, receipt.at())) {
                        continue;
                    }
                    watermark(client.clientId(), receipt.room(), receipt.reader(), receipt.kind())
                            .add(receipt.seq(), receipt.at());
                }
            }
            for (LogicalMessage message : run.index().all()) {
                sink.message(messageRow(message));
                for (ClientTrace member : members.getOrDefault(message.room(), List.of())) {
                    if (isRecipient(run, member, message)) {
                        sink.delivery(deliveryRow(message, member));
                    }
                }
            }
            transcripts();
            markers();
            receipts();
            refetches();
        }

        /**
         * A member other than the sender that joined before the message's seq in the final epoch
         * (every member for one never committed there).
         */
        private static boolean isRecipient(ReplayedRun run, ClientTrace member, LogicalMessage message) {
            Long joined = run.trace().entitledAfter(member, message.room());
            return !member.clientId().equals(message.senderClientId()) && joined != null
                    && (!message.isCommitted() || message.firstSeq() > joined);
        }

        private MessageRow messageRow(LogicalMessage message) {
            SendRecord send = message.send();
            String sender = message.senderClientId();
            RoomReplay replay = sender == null ? null : run.of(sender, message.room());
            List<Transmission> transmissions = sender == null ? List.of() : transmissionsOf(clients.get(sender), message);
            Set<String> clientMsgIds = new LinkedHashSet<>();
            if (send != null) {
                clientMsgIds.add(send.clientMsgId());
            }
            transmissions.forEach(t -> clientMsgIds.add(t.clientMsgId()));
            List<MessageRow.Commit> commits = new ArrayList<>();
            for (CommittedMessage commit : message.commits()) {
                clientMsgIds.add(commit.message().clientMsgId());
                commits.add(commitRow(commit));
            }
            List<MessageRow.Commit> lostCommits = new ArrayList<>();
            for (CommittedMessage commit : message.lostCommits()) {
                clientMsgIds.add(commit.message().clientMsgId());
                lostCommits.add(commitRow(commit));
            }
            CommittedMessage first = message.isCommitted() ? message.commits().get(0) : null;
            ChangeTally tally = sender == null ? null : tallies.get(sender);
            String roomKey = message.key(); // unique in the run: it names the room too
            return new MessageRow(message.key(), message.room(), message.from(),
                    first == null ? null : first.id(), first == null ? null : first.seq(),
                    send != null ? send.replyTo() : first == null ? null : first.message().replyTo(),
                    send == null ? null : us(send.intendedAt()), send == null ? null : us(send.actualAt()),
                    transmissions.isEmpty() ? null : us(transmissions.get(0).at()), transmissions.size(),
                    transmissions.stream().map(t -> new MessageRow.Sent(t.clientMsgId(), us(t.at()))).toList(),
                    List.copyOf(clientMsgIds),
                    replay == null ? null : usOrNull(replay.firstShown().get(message.key())),
                    replay == null ? null : usOrNull(replay.acked().get(message.key())),
                    first == null ? null : us(first.committedAt()), commits,
                    tally == null ? List.of() : statusSteps(tally.statusesOf(roomKey)),
                    sender == null ? null : finalStatus(sender, message),
                    tally == null ? 0 : tally.movesOf(roomKey), lostCommits, run.isAcknowledgedLost(message));
        }

        private MessageRow.Commit commitRow(CommittedMessage commit) {
            return new MessageRow.Commit(commit.seq(), commit.id(), commit.message().clientMsgId(), us(commit.committedAt()),
                    commit.epoch());
        }

        /** The sender's transmissions of the message: under its client message ids, or with its body (a resend under a new id). */
        private List<Transmission> transmissionsOf(ClientTrace sender, LogicalMessage message) {
            SentIndex sent = transmissions.computeIfAbsent(sender.clientId(), id -> SentIndex.of(sender));
            Set<String> ids = new LinkedHashSet<>();
            SendRecord send = message.send();
            if (send != null) {
                ids.add(send.clientMsgId());
            }
            message.commits().forEach(c -> ids.add(c.message().clientMsgId()));
            message.lostCommits().forEach(c -> ids.add(c.message().clientMsgId()));
            Set<Transmission> mine = Collections.newSetFromMap(new IdentityHashMap<>()); // one per attempt, even if equal
            for (String id : ids) {
                sent.addTo(mine, message.room(), false, id);
            }
            if (send != null && send.body() != null) {
                sent.addTo(mine, message.room(), true, send.body());
            }
            List<Transmission> inOrder = new ArrayList<>(mine);
            inOrder.sort(Comparator.comparingLong(Transmission::at));
            return inOrder;
        }

        private String finalStatus(String clientId, LogicalMessage message) {
            RoomReplay replay = run.of(clientId, message.room());
            if (replay == null) {
                return null;
            }
            MessageStatus first = linesOf(replay).firstStatus(message.key());
            return first == null ? null : status(first);
        }

        private DeliveryRow deliveryRow(LogicalMessage message, ClientTrace recipient) {
            String room = message.room();
            RoomReplay replay = run.of(recipient.clientId(), room);
            LedgerLines shown = replay == null ? null : linesOf(replay);
            int[] lines = shown == null ? null : shown.finalLines(message.key()); // a lost epoch's line is a phantom
            Long finalAt = null;
            Long seq = message.isCommitted() ? message.firstSeq() : null;
            if (shown != null && seq != null) {
                finalAt = shown.placedAt(seq);
            }
            ChangeTally tally = tallies.get(recipient.clientId());
            String sender = message.senderClientId();
            return new DeliveryRow(message.key(), room, seq, message.from(), recipient.user(),
                    replay == null ? null : usOrNull(replay.firstShown().get(message.key())),
                    usOrNull(finalAt), lines == null ? null : lines[0], lines == null ? 0 : lines[1],
                    tally.movesOf(message.key()),
                    seq == null ? null : usOrNull(firstAt(recipient.clientId(), room, "", ReceiptKind.DELIVERED, seq)),
                    seq == null ? null : usOrNull(firstAt(recipient.clientId(), room, "", ReceiptKind.READ, seq)),
                    seq == null || sender == null ? null
                            : usOrNull(firstAt(sender, room, recipient.user(), ReceiptKind.DELIVERED, seq)),
                    seq == null || sender == null ? null
                            : usOrNull(firstAt(sender, room, recipient.user(), ReceiptKind.READ, seq)),
                    replay != null && seq != null && replay.isUnreachable(seq));
        }

        /**
         * What the ledger read of {@code replay}'s final lines: what its fold read as they settled, or (a replay
         * that kept them) read now, each line handed on to the member's transcript row.
         */
        private LedgerLines linesOf(RoomReplay replay) {
            return finalLines.computeIfAbsent(new ClientRoom(replay.clientId(), replay.room()), k -> {
                if (replay.linesFolded()) {
                    return folded.take(replay);
                }
                LedgerLines lines = new LedgerLines(run.index(), replay.room(), replay.joinedAt(), replay.unreachable(),
                        sink.transcript(clients.get(replay.clientId()).user(), replay.room()));
                replay.finalEntries().forEach(lines);
                return lines;
            });
        }

        private Long firstAt(String clientId, String room, String reader, ReceiptKind kind, long seq) {
            Watermarks marks = watermarks.get(watermarkKey(clientId, room, reader, kind));
            return marks == null ? null : marks.firstAtOrAbove(seq);
        }

        private Watermarks watermark(String clientId, String room, String reader, ReceiptKind kind) {
            return watermarks.computeIfAbsent(watermarkKey(clientId, room, reader, kind), k -> new Watermarks());
        }

        private static WatermarkKey watermarkKey(String clientId, String room, String reader, ReceiptKind kind) {
            return new WatermarkKey(clientId, room, reader, kind);
        }

        private List<MessageRow.StatusStep> statusSteps(List<ChangeTally.Step> steps) {
            List<MessageRow.StatusStep> rows = new ArrayList<>(steps.size());
            for (ChangeTally.Step step : steps) {
                rows.add(new MessageRow.StatusStep(status(step.status()), us(step.at()), step.lostEpoch()));
            }
            return rows;
        }

        private void transcripts() {
            run.replays().forEach((clientId, rooms) -> rooms.forEach((room, replay) -> {
                LedgerLines lines = linesOf(replay);
                List<TranscriptRow.Transition> transitions = replay.transitions().stream()
                        .map(t -> new TranscriptRow.Transition(us(t.at()), t.good())).toList();
                lines.transcript().end(run.trace().entitledAfter(clients.get(clientId), room), transitions,
                        lines.evicted(),
                        new long[] {clientIndex.get(clientId), run.context().roomIndex(clientId, room)});
            }));
        }

        private void markers() {
            for (ClientTrace client : run.trace().clients()) {
                for (ReadMark mark : client.readMarks()) {
                    sink.marker(new MarkerRow(client.user(), mark.room(), MarkerRow.READ_DECISION, kind(ReceiptKind.READ),
                            mark.seq(), us(mark.at()), !run.trace().inFinalEpochAt(client, mark.at())));
                }
                for (MarkerSent marker : client.markers()) {
                    sink.marker(new MarkerRow(client.user(), marker.room(), MarkerRow.SENT, kind(marker.kind()),
                            marker.seq(), us(marker.at()), !run.trace().inFinalEpochAt(client, marker.at())));
                }
            }
        }

        private void receipts() {
            for (ClientTrace client : run.trace().clients()) {
                for (ReceiptSeen receipt : client.receipts()) {
                    sink.receipt(new ReceiptRow(client.user(), receipt.room(), receipt.reader(), kind(receipt.kind()),
                            receipt.seq(), us(receipt.at()), !run.trace().inFinalEpochAt(client, receipt.at())));
                }
            }
        }

        private void refetches() {
            for (ClientTrace client : run.trace().clients()) {
                client.refetches().forEach(r -> sink.refetch(new RefetchRow(client.user(), r.room(), r.source(), r.messages(),
                        r.bytes(), us(r.at()), r.firstSeq())));
            }
        }
    }

    private long us(long traceNanos) {
        return Math.floorDiv(traceNanos - origin, 1_000L);
    }

    private Long usOrNull(Long traceNanos) {
        return traceNanos == null ? null : us(traceNanos);
    }

    /**
     * The status of a line as the ledger writes it ({@code "delivered"}): one string per status, not a
     * new one per row (a room's measurement held a million of them: its sender's status steps and every
     * member's transcript lines).
     */
    static String status(TranscriptEntry entry) {
        return status(entry.status());
    }

    /** A status as the ledger writes it: one string per status. */
    static String status(MessageStatus status) {
        return STATUS_NAMES[status.ordinal()];
    }

    /** A receipt's or marker's kind as the ledger writes it ({@code "read"}): one string per kind. */
    static String kind(ReceiptKind kind) {
        return KIND_NAMES[kind.ordinal()];
    }

    /** The marker or receipt stream of one reader in one room, as one client saw it, of one kind. */
    private record WatermarkKey(String clientId, String room, String reader, ReceiptKind kind) {
    }

    /** A client in a room. */
    private record ClientRoom(String clientId, String room) {
    }

    /**
     * A sender's transmissions by room, then by client message id and by body. A key's value is
     * the transmission itself where it has one (nearly every key: a message sent once), a list
     * where it has more: a record key, a map entry and a list with its array per key took about
     * 290 bytes a message of a room (two keys each): 55 MB of the hour-long soak's room of
     * 188,378 messages while its ledger rows were made.
     */
    private static final class SentIndex {
        private final Map<String, Map<String, Object>> byId = new HashMap<>();
        private final Map<String, Map<String, Object>> byBody = new HashMap<>();

        static SentIndex of(ClientTrace sender) {
            SentIndex index = new SentIndex();
            for (Transmission t : sender.transmissions()) {
                put(index.byId, t.room(), t.clientMsgId(), t);
                if (t.body() != null) {
                    put(index.byBody, t.room(), t.body(), t);
                }
            }
            return index;
        }

        private static void put(Map<String, Map<String, Object>> byRoom, String room, String key, Transmission t) {
            byRoom.computeIfAbsent(room, r -> new HashMap<>()).merge(key, t, (held, added) -> {
                if (held instanceof Transmission first) {
                    List<Transmission> all = new ArrayList<>(2);
                    all.add(first);
                    all.add((Transmission) added);
                    return all;
                }
                @SuppressWarnings("unchecked")
                List<Transmission> all = (List<Transmission>) held;
                all.add((Transmission) added);
                return all;
            });
        }

        /** Adds to {@code into} the transmissions in {@code room} under {@code key}: a client message id, or a body. */
        void addTo(Set<Transmission> into, String room, boolean isBody, String key) {
            Map<String, Object> inRoom = (isBody ? byBody : byId).get(room);
            Object held = inRoom == null ? null : inRoom.get(key);
            if (held instanceof Transmission one) {
                into.add(one);
            } else if (held != null) {
                @SuppressWarnings("unchecked")
                List<Transmission> all = (List<Transmission>) held;
                into.addAll(all);
            }
        }
    }
}
