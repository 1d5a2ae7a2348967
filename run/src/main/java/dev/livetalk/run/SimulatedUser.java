package dev.livetalk.run;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.metrics.trace.ClientRecorder;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The person behind one client, the same on every backend: joins its rooms, sends what the
 * load plan asks when it asks (replying to the newest committed message when the plan says
 * so), reads by one rule ({@link ReadWatermark}: every message up to n on screen, then mark n
 * read), and leaves its final transcripts. Records all of it, with the frames that matter to
 * the metrics (joins, receipts, the sends and markers it put on the wire), into the run's trace. Sans-IO: the backend hands it frames and
 * transcript changes with their time; it never touches a socket or a clock.
 *
 * <p>Threads: everything but {@link #hasJoinedAll()} and {@link #welcomes()} runs on the
 * thread that hosts the client (for Toxiproxy its driver's owner thread; in the simulator the
 * simulation thread). {@link #recordInto} is called once, by the runner, after every client
 * joined and before the load begins.
 */
public final class SimulatedUser implements TranscriptListener {
    private final ClientLayout.Client client;
    private final Runnable onJoinedAll;
    private final Map<String, Long> joinedAt = new ConcurrentHashMap<>();
    private final Set<String> joinedRooms = ConcurrentHashMap.newKeySet();
    private final Map<String, ReadWatermark> screens = new HashMap<>();
    private final Map<String, Long> readUpTo = new HashMap<>();
    private final AtomicInteger welcomes = new AtomicInteger();
    private volatile ClientRecorder recorder;

    /**
     * @param onJoinedAll run once, on the hosting thread, when every room has been joined
     */
    public SimulatedUser(ClientLayout.Client client, Runnable onJoinedAll) {
        this.client = client;
        this.onJoinedAll = onJoinedAll;
        client.rooms().forEach(room -> screens.put(room, new ReadWatermark()));
    }

    public ClientLayout.Client client() {
        return client;
    }

    public String user() {
        return client.user();
    }

    /** Whether every room was joined at least once; any thread. */
    public boolean hasJoinedAll() {
        return joinedRooms.size() == client.rooms().size();
    }

    /** Welcomes received on any link: one per link for a client that never reconnected; any thread. */
    public int welcomes() {
        return welcomes.get();
    }

    /**
     * Starts recording into {@code trace}, with the rooms joined so far. Until then (while
     * clients connect) nothing but joins happens, and joins are kept here.
     */
    void recordInto(TraceRecorder trace) {
        ClientRecorder recording = trace.client(client.user(), client.user());
        joinedAt.forEach(recording::onJoined);
        recorder = recording;
    }

    /** {@code event} arrived on {@code link} at {@code now}; the backend calls this just before the session sees it. */
    public void onFrame(Link link, ServerEvent event, long now) {
        switch (event) {
            case Joined j when link.role().receives() && screens.containsKey(j.room()) -> {
                joinedAt.putIfAbsent(j.room(), j.headSeq());
                if (joinedRooms.add(j.room()) && hasJoinedAll()) {
                    onJoinedAll.run();
                }
                ClientRecorder current = recorder;
                if (current != null) {
                    current.onJoined(j.room(), j.headSeq());
                }
            }
            case Welcome w -> welcomes.incrementAndGet();
            case Receipt r -> {
                ClientRecorder current = recorder;
                if (current != null) {
                    current.onReceipt(r.room(), r.user(), r.kind(), r.seq(), now);
                }
            }
            default -> {
            }
        }
    }

    /** The session put {@code event} on {@code link} at {@code now}; the backend calls this as it transmits. */
    public void onSent(Link link, ClientEvent event, long now) {
        ClientRecorder current = recorder;
        if (current == null) {
            return;
        }
        switch (event) {
            case Send s -> current.onTransmitted(s.room(), s.clientMsgId(), s.body(), now);
            case Read r -> current.onMarkerSent(r.room(), r.kind(), r.seq(), now);
            default -> {
            }
        }
    }

    @Override
    public void onChange(TranscriptChange change) {
        ClientRecorder current = recorder;
        if (current == null) {
            throw new IllegalStateException(client.user() + "'s transcript changed before the load began: " + change);
        }
        current.onChange(change);
        screens.get(change.room()).apply(change);
    }

    /** Sends {@code planned}, due at {@code intendedAt}, at {@code now}; records the send. */
    void send(ClientSession session, PlannedSend planned, long intendedAt, long now) {
        String replyTo = planned.reply() ? newestCommittedId(session, planned.room()) : null;
        String body = planned.body();
        String clientMsgId = session.send(planned.room(), body, replyTo, now);
        recorder.onSend(new SendRecord(planned.room(), clientMsgId, intendedAt, now, replyTo, body));
    }

    /** Reads what is on screen: marks read, in each room, every message up to the reading rule's seq. */
    void readNow(ClientSession session, long now) {
        for (String room : client.rooms()) {
            long upTo = screens.get(room).upTo();
            if (upTo > readUpTo.getOrDefault(room, 0L)) {
                readUpTo.put(room, upTo);
                session.markRead(room, upTo, now);
                recorder.onReadMarked(room, upTo, now);
            }
        }
    }

    /** Records what each room shows now, as the final transcripts. */
    void recordFinalTranscripts(ClientSession session) {
        for (String room : client.rooms()) {
            recorder.onFinalTranscript(room, session.transcript(room).entries());
        }
    }

    private static String newestCommittedId(ClientSession session, String room) {
        TranscriptEntry newest = session.transcript(room).lastCommitted();
        return newest == null ? null : newest.id();
    }

    /** The rooms, in the scenario's order. */
    public List<String> rooms() {
        return client.rooms();
    }
}
