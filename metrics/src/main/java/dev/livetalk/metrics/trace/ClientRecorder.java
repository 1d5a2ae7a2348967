package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.ReceiptKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records one client's part of a trace as it happens. Register it as the client's
 * {@link TranscriptListener}; the session time it sees must be the trace clock.
 *
 * <p>What the client did in its rooms (sends, changes, read marks, receipts, transmissions,
 * markers, refetches, final transcripts) goes to the run's {@link TraceSpill} as it happens,
 * numbered in the order this recorder saw it; what it did outside them (joins, welcomes,
 * requests, connection attempts) is small and kept here. Its {@link TraceRecorder} builds its {@link ClientTrace}.
 *
 * <p>Thread-safe: every method locks this recorder, so the client's records reach the spill in
 * its order. In a run it is written by the client session's owner thread (transcript changes,
 * receipts) and the load thread (sends), so the lock is almost never contended.
 */
public final class ClientRecorder implements TranscriptListener {
    private final String clientId;
    private final String user;
    private final int number;
    private final TraceSpill spill;
    private final Map<String, Long> joinedAt = new LinkedHashMap<>();
    private final Set<String> ended = new HashSet<>();
    private final List<WelcomeSeen> welcomes = new ArrayList<>();
    private final List<RequestSent> requests = new ArrayList<>();
    private final List<ConnectAttempt> connects = new ArrayList<>();
    private long recorded;
    private long lastChangeAt = Long.MIN_VALUE;
    private final Set<String> shownIn = new java.util.LinkedHashSet<>();
    /** The room of the last change: most changes are in the room of the one before (a set lookup spared). */
    private String lastShownIn;
    private boolean sealed;
    /** The run's interim figures, or {@code null}; and this client's number there. */
    private final InterimTap tap;
    private final int tapIndex;
    /** The latest pending line this client inserted, and when: the echo of a send not yet recorded. */
    private String lastPendingLine;
    private long lastPendingAt;

    ClientRecorder(String clientId, String user, int number, TraceSpill spill, InterimTap tap) {
        this.clientId = clientId;
        this.user = user;
        this.number = number;
        this.spill = spill;
        this.tap = tap;
        this.tapIndex = tap == null ? -1 : tap.register();
    }

    public String clientId() {
        return clientId;
    }

    /** The client joined {@code room} when its head seq was {@code headSeq} (first join counts). */
    public synchronized void onJoined(String room, long headSeq) {
        if (headSeq < 0) {
            throw new IllegalArgumentException("head seq must be >= 0: " + headSeq + " (room " + room + ")");
        }
        if (sealed) {
            return;
        }
        if (joinedAt.putIfAbsent(room, headSeq) == null && tap != null) {
            tap.onJoined(room);
        }
    }

    /** The load asked the client to send. */
    public synchronized void onSend(SendRecord send) {
        spill.send(number, recorded++, send);
        if (tap != null) {
            // the session shows the echo while it is asked to send, before the send is recorded
            tap.onSend(tapIndex, send, send.clientMsgId().equals(lastPendingLine) ? lastPendingAt : -1);
        }
    }

    /**
     * A change of what the client displays. A change to a room whose final transcript was
     * recorded is after the run's end for that room and is not kept: the client still runs
     * until the harness closes it (a fault's removal, a slow shutdown), and the trace must end
     * where its final transcripts were taken, or its change log would replay past them.
     */
    @Override
    public synchronized void onChange(TranscriptChange change) {
        if (ended(change.room())) {
            return;
        }
        if (!spill.change(number, recorded++, change)) {
            return; // after the run's end
        }
        lastChangeAt = change.at();
        String room = change.room();
        if (!room.equals(lastShownIn)) {
            shownIn.add(room);
            lastShownIn = room;
        }
        if (tap != null) {
            if (change instanceof TranscriptChange.Inserted inserted && inserted.entry().id() == null) {
                lastPendingLine = inserted.entry().clientMsgId();
                lastPendingAt = inserted.at();
            }
            tap.onChange(tapIndex, change);
        }
    }

    /** The client sent a read marker. */
    public synchronized void onReadMarked(String room, long seq, long at) {
        spill.readMark(number, recorded++, new ReadMark(room, seq, at));
    }

    /** The client received a receipt. */
    public synchronized void onReceipt(String room, String reader, ReceiptKind kind, long seq, long at) {
        spill.receipt(number, recorded++, new ReceiptSeen(room, reader, kind, seq, at));
    }

    /** The client put a send on the wire; not kept after the room's final transcript, as changes. */
    public synchronized void onTransmitted(String room, String clientMsgId, String body, long at) {
        if (ended(room)) {
            return;
        }
        spill.transmission(number, recorded++, new Transmission(room, clientMsgId, body, at));
    }

    /** The client put a delivered or read marker on the wire; not kept after the room's final transcript, as changes. */
    public synchronized void onMarkerSent(String room, ReceiptKind kind, long seq, long at) {
        if (ended(room)) {
            return;
        }
        spill.marker(number, recorded++, new MarkerSent(room, kind, seq, at));
    }

    /**
     * Whether {@code room}'s final transcript was recorded. Asked on every change while the run
     * goes on, when no room has ended: the emptiness check spares hashing the room's name (a
     * fresh string per decoded frame) in the common case.
     */
    private boolean ended(String room) {
        return !ended.isEmpty() && ended.contains(room);
    }

    /** The client was welcomed on {@code link} by history {@code epoch} at {@code at}. */
    public synchronized void onWelcome(WelcomeSeen welcome) {
        if (sealed) {
            return;
        }
        welcomes.add(welcome);
    }

    /**
     * The client put a request other than a send or a marker on the wire (a hello, join, leave or
     * history request); not kept after every final transcript was recorded (the client runs on
     * until the harness closes it).
     */
    public synchronized void onRequestSent(RequestSent request) {
        if (sealed || !ended.isEmpty()) {
            return;
        }
        requests.add(request);
    }

    /**
     * A connection attempt of the client ended, opened or failed; not kept after every final transcript was
     * recorded, as requests.
     */
    public synchronized void onConnectAttempt(ConnectAttempt attempt) {
        if (sealed || !ended.isEmpty()) {
            return;
        }
        connects.add(attempt);
    }

    /** The client received messages again from the history (a history reply, a resume replay). */
    public synchronized void onRefetch(Refetch refetch) {
        spill.refetch(number, recorded++, refetch);
    }

    /** The lines displayed in {@code room} after quiescence; later changes to it are not recorded. */
    public synchronized void onFinalTranscript(String room, List<TranscriptEntry> entries) {
        ended.add(room);
        spill.finalTranscript(number, recorded++, room, entries);
    }

    /** What was recorded, with the records of the spill read back ({@code records}: this client's). */
    synchronized ClientTrace build(TraceSpill.ClientRecords records) {
        return new ClientTrace(clientId, user, joinedAt, records.sends(), records.changes(), records.finalTranscripts(),
                records.readMarks(), records.receipts(), records.transmissions(), records.markers(), welcomes,
                records.refetches(), requests, connects);
    }

    /**
     * Appends what this recorder keeps itself, for {@link TraceRecorder#digest()}: id, user, joins in room order,
     * welcomes, requests, connection attempts.
     */
    synchronized void describe(StringBuilder out) {
        out.append("client ").append(clientId).append('/').append(user).append('\n');
        new TreeMap<>(joinedAt).forEach((room, head) -> out.append(room).append('@').append(head).append('\n'));
        welcomes.forEach(w -> out.append(w.link()).append(' ').append(w.at()).append(' ').append(w.epoch()).append(' ')
                .append(new TreeMap<>(w.resume())).append('\n'));
        requests.forEach(r -> out.append(r).append('\n'));
        connects.forEach(c -> out.append(c).append('\n'));
    }

    /**
     * This client with what it did outside its rooms only: its welcomes, requests and connection attempts
     * ({@link ClientTrace#withoutRooms}).
     */
    synchronized ClientTrace withoutRooms() {
        return new ClientTrace(clientId, user, Map.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(),
                List.of(), welcomes, List.of(), requests, connects);
    }

    /**
     * This client's rooms in the order they are replayed ({@link RunContext#roomsOf}): those it
     * joined, then those it showed without joining, in the order of its first change there.
     */
    synchronized List<String> rooms() {
        // in the order the client's trace holds its joins: the order they came in
        Set<String> rooms = new java.util.LinkedHashSet<>(joinedAt.keySet());
        rooms.addAll(shownIn);
        return List.copyOf(rooms);
    }

    /**
     * This client's part of {@code room}: its records there read back ({@code records}), its join, welcomes, requests
     * and connection attempts.
     */
    synchronized ClientTrace slice(String room, TraceSpill.ClientRecords records) {
        Long joined = joinedAt.get(room);
        if (joined == null && records.isEmpty()) {
            return withoutRooms();
        }
        return new ClientTrace(clientId, user, joined == null ? Map.of() : Map.of(room, joined), records.sends(),
                records.changes(), records.finalTranscripts(), records.readMarks(), records.receipts(),
                records.transmissions(), records.markers(), welcomes, records.refetches(), requests, connects);
    }

    /** The time of the last change recorded: where this client's change log ends ({@link Long#MIN_VALUE}: none). */
    synchronized long lastChangeAt() {
        return lastChangeAt;
    }

    /** Stops recording what this client does outside its rooms (its records in them stop with the spill). */
    synchronized void seal() {
        sealed = true;
    }

    /** The number this client's records are written under in the spill. */
    int number() {
        return number;
    }
}
