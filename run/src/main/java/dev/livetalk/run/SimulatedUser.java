package dev.livetalk.run;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.ConnectFailure;
import dev.livetalk.client.Link;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.metrics.trace.ClientRecorder;
import dev.livetalk.metrics.trace.ConnectAttempt;
import dev.livetalk.metrics.trace.Refetch;
import dev.livetalk.metrics.trace.RequestSent;
import dev.livetalk.metrics.trace.WelcomeSeen;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.CodecLimits;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Leave;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
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
    /** The screen of the last change's room: most changes are in the room of the one before (a lookup spared). */
    private String lastScreenRoom;
    private ReadWatermark lastScreen;
    private final Map<String, Long> readUpTo = new HashMap<>();
    private final AtomicInteger welcomes = new AtomicInteger();
    /** Welcomes before the recording began, handed to the recorder by {@link #recordInto}. */
    private final List<WelcomeSeen> earlyWelcomes = new ArrayList<>();
    /** Per room, the head up to which the messages now arriving are a resume replay, and what arrived so far. */
    private final Map<String, Replay> replays = new HashMap<>();
    private volatile ClientRecorder recorder;
    /** Per connection attempt not yet opened nor failed, when it began; on the hosting thread. */
    private final Map<Link, Long> connecting = new HashMap<>();

    /** Encodes refetched messages to count their bytes; thread-safe, configuration only. */
    private static final EventCodec SIZER = new EventCodec(CodecLimits.CLIENT);

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
        synchronized (earlyWelcomes) {
            earlyWelcomes.forEach(recording::onWelcome);
            earlyWelcomes.clear();
            recorder = recording;
        }
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
            case Welcome w -> onWelcome(link, w, now);
            case HistoryReply h -> {
                ClientRecorder current = recorder;
                if (current != null) {
                    current.onRefetch(new Refetch(now, h.room(), Refetch.HISTORY, h.messages().size(), bytesOf(h),
                            h.firstSeq()));
                }
            }
            case Message m when link.role().receives() -> onMessage(m, now);
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

    private void onWelcome(Link link, Welcome welcome, long now) {
        welcomes.incrementAndGet();
        Map<String, String> resume = new LinkedHashMap<>();
        welcome.resume().forEach((room, status) -> resume.put(room, status.wireName()));
        WelcomeSeen seen = new WelcomeSeen(linkName(link), now, welcome.epoch(), resume);
        synchronized (earlyWelcomes) {
            if (recorder == null) {
                earlyWelcomes.add(seen);
            } else {
                recorder.onWelcome(seen);
            }
        }
        if (!link.role().receives()) {
            return;
        }
        replays.values().forEach(replay -> replay.flush(recorder));
        replays.clear();
        welcome.resume().forEach((room, status) -> {
            long head = welcome.rooms().getOrDefault(room, 0L);
            if (status == ResumeStatus.RESUMED && head > 0) {
                replays.put(room, new Replay(room, head));
            }
        });
    }

    /** A message on the receiving link: part of a resume replay while its seq is within the welcome's head. */
    private void onMessage(Message message, long now) {
        if (replays.isEmpty()) { // almost always: spares hashing the freshly decoded room name
            return;
        }
        Replay replay = replays.get(message.room());
        if (replay == null || message.seq() > replay.head) {
            return;
        }
        replay.add(message, now);
        if (message.seq() == replay.head) {
            replay.flush(recorder);
            replays.remove(message.room());
        }
    }

    /** The link's name in the trace: its role in lower case. */
    private static String linkName(Link link) {
        return link.role().name().toLowerCase(Locale.ROOT);
    }

    private static long bytesOf(ServerEvent event) {
        return SIZER.encode(event).getBytes(StandardCharsets.UTF_8).length;
    }

    /** A resume replay of one room in progress: the messages up to {@code head} that arrived so far. */
    private static final class Replay {
        private final String room;
        private final long head;
        private long at = -1;
        private int messages;
        private long bytes;

        Replay(String room, long head) {
            this.room = room;
            this.head = head;
        }

        void add(Message message, long now) {
            if (at < 0) {
                at = now;
            }
            messages++;
            bytes += bytesOf(message);
        }

        /** Records what arrived (nothing when nothing did, or when the recording has not begun). */
        void flush(ClientRecorder recorder) {
            if (messages > 0 && recorder != null) {
                recorder.onRefetch(new Refetch(at, room, Refetch.RESUME, messages, bytes));
            }
            messages = 0;
            bytes = 0;
        }
    }

    /** The session asked the transport to connect {@code link} at {@code now}; the backend calls this as it connects. */
    public void onConnecting(Link link, long now) {
        connecting.put(link, now);
    }

    /**
     * The transport opened {@code link} at {@code now} (the backend calls this just before the session hears it, with
     * the same time): the attempt that began at {@link #onConnecting} is recorded as opened.
     */
    public void onConnected(Link link, long now) {
        attemptEnded(link, now, null);
    }

    /**
     * The attempt to open {@code link} failed at {@code now} for {@code reason} ({@link ConnectAttempt#reason}); the
     * backend calls this just before the session hears that the link is down, and when the session gives up on a
     * link, open or not (a link that opened is no attempt: nothing is recorded).
     */
    public void onConnectFailed(Link link, String reason, long now) {
        attemptEnded(link, now, reason);
    }

    /**
     * The transport lost {@code link} at {@code now} (the backend calls this just before the session hears it): an
     * attempt not yet opened failed ({@link ConnectFailure#CLOSED}); a link that was open is not an attempt.
     */
    public void onDisconnected(Link link, long now) {
        attemptEnded(link, now, ConnectFailure.CLOSED);
    }

    /** The attempt of {@code link}, if one is under way, opened ({@code failure} null) or failed. */
    private void attemptEnded(Link link, long now, String failure) {
        Long began = connecting.remove(link);
        ClientRecorder current = recorder;
        if (began != null && current != null) {
            current.onConnectAttempt(new ConnectAttempt(linkName(link), began, Math.max(began, now), failure == null,
                    failure));
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
            case Hello h -> current.onRequestSent(new RequestSent(h.type(), linkName(link), now));
            case Join j -> current.onRequestSent(new RequestSent(j.type(), linkName(link), now));
            case Leave l -> current.onRequestSent(new RequestSent(l.type(), linkName(link), now));
            case HistoryRequest h -> current.onRequestSent(new RequestSent(h.type(), linkName(link), now));
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
        String room = change.room();
        if (!room.equals(lastScreenRoom)) {
            lastScreen = screens.get(room);
            lastScreenRoom = room;
        }
        lastScreen.apply(change);
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
