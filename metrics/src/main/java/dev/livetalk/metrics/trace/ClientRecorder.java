package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.ReceiptKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one client's part of a trace as it happens. Register it as the client's
 * {@link TranscriptListener}; the session time it sees must be the trace clock.
 *
 * <p>Thread-safe: every method locks this recorder. In a run it is written by the client
 * session's owner thread (transcript changes, receipts) and the load thread (sends), so the
 * lock is almost never contended; {@link #build()} may be called from any thread once the
 * client is quiet.
 */
public final class ClientRecorder implements TranscriptListener {
    private final String clientId;
    private final String user;
    private final Map<String, Long> joinedAt = new LinkedHashMap<>();
    private final List<SendRecord> sends = new ArrayList<>();
    private final List<TranscriptChange> changes = new ArrayList<>();
    private final Map<String, List<TranscriptEntry>> finalTranscripts = new HashMap<>();
    private final List<ReadMark> readMarks = new ArrayList<>();
    private final List<ReceiptSeen> receipts = new ArrayList<>();
    private final List<Transmission> transmissions = new ArrayList<>();
    private final List<MarkerSent> markers = new ArrayList<>();
    private final List<WelcomeSeen> welcomes = new ArrayList<>();
    private final List<Refetch> refetches = new ArrayList<>();
    private final List<RequestSent> requests = new ArrayList<>();
    /**
     * Where only the self-check hash is wanted: the hashed lists are hashed as they grow instead
     * of kept (final transcripts are kept empty, as the marks of the rooms that ended), and what
     * is not hashed is not kept, but for the welcomes (which tell the server's final epoch);
     * {@code null} where everything is kept.
     */
    private final SelfCheckHash.Client hashOnly;

    ClientRecorder(String clientId, String user, boolean hashOnly) {
        this.clientId = clientId;
        this.user = user;
        this.hashOnly = hashOnly ? new SelfCheckHash.Client() : null;
    }

    public String clientId() {
        return clientId;
    }

    /** The client joined {@code room} when its head seq was {@code headSeq} (first join counts). */
    public synchronized void onJoined(String room, long headSeq) {
        if (headSeq < 0) {
            throw new IllegalArgumentException("head seq must be >= 0: " + headSeq + " (room " + room + ")");
        }
        joinedAt.putIfAbsent(room, headSeq);
    }

    /** The load asked the client to send. */
    public synchronized void onSend(SendRecord send) {
        if (hashOnly != null) {
            hashOnly.sends.add(send);
            return;
        }
        sends.add(send);
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
        if (hashOnly != null) {
            hashOnly.changes.add(change);
            return;
        }
        changes.add(change);
    }

    /** The client sent a read marker. */
    public synchronized void onReadMarked(String room, long seq, long at) {
        ReadMark mark = new ReadMark(room, seq, at);
        if (hashOnly != null) {
            hashOnly.readMarks.add(mark);
            return;
        }
        readMarks.add(mark);
    }

    /** The client received a receipt. */
    public synchronized void onReceipt(String room, String reader, ReceiptKind kind, long seq, long at) {
        ReceiptSeen receipt = new ReceiptSeen(room, reader, kind, seq, at);
        if (hashOnly != null) {
            hashOnly.receipts.add(receipt);
            return;
        }
        receipts.add(receipt);
    }

    /** The client put a send on the wire; not kept after the room's final transcript, as changes. */
    public synchronized void onTransmitted(String room, String clientMsgId, String body, long at) {
        if (hashOnly != null || ended(room)) {
            return;
        }
        transmissions.add(new Transmission(room, clientMsgId, body, at));
    }

    /** The client put a delivered or read marker on the wire; not kept after the room's final transcript, as changes. */
    public synchronized void onMarkerSent(String room, ReceiptKind kind, long seq, long at) {
        if (hashOnly != null || ended(room)) {
            return;
        }
        markers.add(new MarkerSent(room, kind, seq, at));
    }

    /**
     * Whether {@code room}'s final transcript was recorded. Asked on every change while the run
     * goes on, when no room has ended: the emptiness check spares hashing the room's name (a
     * fresh string per decoded frame) in the common case.
     */
    private boolean ended(String room) {
        return !finalTranscripts.isEmpty() && finalTranscripts.containsKey(room);
    }

    /** The client was welcomed on {@code link} by history {@code epoch} at {@code at}. */
    public synchronized void onWelcome(WelcomeSeen welcome) {
        welcomes.add(welcome);
    }

    /**
     * The client put a request other than a send or a marker on the wire (a hello, join, leave or
     * history request); not kept after every final transcript was recorded (the client runs on
     * until the harness closes it).
     */
    public synchronized void onRequestSent(RequestSent request) {
        if (hashOnly != null || !finalTranscripts.isEmpty()) {
            return;
        }
        requests.add(request);
    }

    /** The client received messages again from the history (a history reply, a resume replay). */
    public synchronized void onRefetch(Refetch refetch) {
        if (hashOnly != null) {
            return;
        }
        refetches.add(refetch);
    }

    /** The lines displayed in {@code room} after quiescence; later changes to it are not recorded. */
    public synchronized void onFinalTranscript(String room, List<TranscriptEntry> entries) {
        if (hashOnly != null) {
            hashOnly.addFinal(room, entries);
            finalTranscripts.put(room, List.of());
            return;
        }
        finalTranscripts.put(room, List.copyOf(entries));
    }

    /** The self-check hash's part of this client's lists (hashed as they grew, or now). */
    synchronized SelfCheckHash.Client selfCheckHash() {
        return hashOnly != null ? hashOnly : SelfCheckHash.Client.of(sends, changes, finalTranscripts, readMarks, receipts);
    }

    /** What the self-check hash needs of this client besides its lists: its id, user, joins and welcomes. */
    synchronized ClientTrace buildUnhashedParts() {
        return new ClientTrace(clientId, user, joinedAt, List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(),
                List.of(), welcomes, List.of(), List.of());
    }

    /** A snapshot of what was recorded (where only the self-check hash was wanted, without the hashed lists). */
    public synchronized ClientTrace build() {
        return new ClientTrace(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts, transmissions,
                markers, welcomes, refetches, requests);
    }
}
