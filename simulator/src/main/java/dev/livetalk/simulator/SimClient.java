package dev.livetalk.simulator;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.client.SessionOutput;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.metrics.trace.ClientRecorder;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.protocol.CodecLimits;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.ServerEvent;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One simulated user: a {@link ClientSession} hosted on the virtual clock, its link slots,
 * its trace recorder and its reading habit, as the Toxiproxy runner's participant has them
 * (joins recorded from the joined events of the receiving link, receipts recorded, the
 * highest contiguous seq of each room marked read on every read, final transcripts taken at
 * the end).
 *
 * <p>Single-threaded: the simulation thread.
 */
final class SimClient implements TranscriptListener {
    /** Server frames may be large history replies: a client accepts up to 8 MiB, as the Tyrus client does. */
    static final CodecLimits CLIENT_LIMITS = new CodecLimits(8 * 1024 * 1024, 1024 * 1024);

    private final String clientId;
    private final String user;
    private final List<String> rooms;
    private final Map<String, Long> joinedAt = new LinkedHashMap<>();
    private final Map<String, Long> readUpTo = new HashMap<>();
    private final Map<LinkRole, LinkSlot> slots = new EnumMap<>(LinkRole.class);
    private final Map<String, ScreenMirror> screens = new HashMap<>();
    private ClientSession session;
    private SimNetwork network;
    private EventLoop loop;
    private ClientRecorder recorder;
    private long armedDeadline = ClientSession.NO_DEADLINE;
    private long timerVersion;

    SimClient(String clientId, String user, List<String> rooms) {
        this.clientId = clientId;
        this.user = user;
        this.rooms = List.copyOf(rooms);
        this.rooms.forEach(room -> screens.put(room, new ScreenMirror()));
    }

    /** Wires the session (whose listener is this client) and the network; one slot per link role. */
    void attach(ClientSession hosted, SimNetwork net, EventLoop eventLoop) {
        this.session = hosted;
        this.network = net;
        this.loop = eventLoop;
        List<LinkRole> roles = hosted.config().split() ? List.of(LinkRole.SEND, LinkRole.RECEIVE) : List.of(LinkRole.MAIN);
        roles.forEach(role -> slots.put(role, new LinkSlot(this, role)));
    }

    String clientId() {
        return clientId;
    }

    String user() {
        return user;
    }

    List<String> rooms() {
        return rooms;
    }

    Map<LinkRole, LinkSlot> slots() {
        return slots;
    }

    ClientSession session() {
        return session;
    }

    boolean hasJoinedAll() {
        return joinedAt.size() == rooms.size();
    }

    /** Starts recording into {@code trace}, with the rooms joined so far. */
    void recordInto(TraceRecorder trace) {
        recorder = trace.client(clientId, user);
        joinedAt.forEach(recorder::onJoined);
    }

    void start(long now) {
        session.start(now);
        flush();
    }

    void onConnected(Link link, long now) {
        session.onConnected(link, now);
        flush();
    }

    void onDisconnected(Link link, long now) {
        session.onDisconnected(link, now);
        flush();
    }

    void onFrame(Link link, ServerEvent event, long now) {
        switch (event) {
            case Joined j when link.role().receives() && rooms.contains(j.room()) -> {
                if (joinedAt.putIfAbsent(j.room(), j.headSeq()) == null && recorder != null) {
                    recorder.onJoined(j.room(), j.headSeq());
                }
            }
            case Receipt r when recorder != null -> recorder.onReceipt(r.room(), r.user(), r.kind(), r.seq(), now);
            default -> {
            }
        }
        session.onFrame(link, event, now);
        flush();
    }

    @Override
    public void onChange(TranscriptChange change) {
        if (recorder == null) {
            throw new IllegalStateException(user + "'s transcript changed before the load began: " + change);
        }
        recorder.onChange(change);
        screens.get(change.room()).apply(change);
    }

    /** What {@code room} shows, as seqs in display order (from the mirror). */
    long[] screenSeqs(String room) {
        return screens.get(room).seqs();
    }

    /** The load asks this user to send {@code body}; records the send as the Toxiproxy runner does. */
    void send(String room, String body, boolean reply, long intendedAt, long now) {
        act(s -> {
            String replyTo = reply ? newestCommittedId(s, room) : null;
            String clientMsgId = s.send(room, body, replyTo, now);
            recorder.onSend(new SendRecord(room, clientMsgId, intendedAt, now, replyTo, body));
        });
    }

    /** The user reads what is on screen: marks the highest contiguous seq of each room read. */
    void readNow(long now) {
        act(s -> {
            for (String room : rooms) {
                long upTo = screens.get(room).contiguousSeq();
                if (upTo > readUpTo.getOrDefault(room, 0L)) {
                    readUpTo.put(room, upTo);
                    s.markRead(room, upTo, now);
                    recorder.onReadMarked(room, upTo, now);
                }
            }
        });
    }

    /** Records what each room shows now, as the final transcripts. */
    void recordFinalTranscripts() {
        for (String room : rooms) {
            recorder.onFinalTranscript(room, session.transcript(room).entries());
        }
    }

    private void act(Consumer<ClientSession> action) {
        action.accept(session);
        flush();
    }

    /** Carries out what the session asked for and re-arms its timer. */
    private void flush() {
        List<SessionOutput> outputs = session.drainOutputs();
        for (int i = 0; i < outputs.size(); i++) {   // indexed: no iterator per flush, most flushes have none
            SessionOutput output = outputs.get(i);
            LinkSlot slot = slots.get(output.link().role());
            switch (output) {
                case SessionOutput.Connect c -> network.connect(slot, c.link());
                case SessionOutput.Transmit t -> network.transmit(slot, t.link(), t.event());
                case SessionOutput.Disconnect d -> network.close(slot, d.link());
            }
        }
        rearm();
    }

    /** Keeps one timer armed at the session's next deadline; a superseded timer does nothing. */
    private void rearm() {
        long deadline = session.nextDeadline();
        if (deadline == ClientSession.NO_DEADLINE || deadline >= armedDeadline) {
            return;
        }
        armedDeadline = deadline;
        long version = ++timerVersion;
        loop.at(deadline, now -> {
            if (timerVersion == version) {
                armedDeadline = ClientSession.NO_DEADLINE;
                if (session.nextDeadline() <= now) {
                    act(s -> s.onTimer(now));
                } else {
                    rearm();
                }
            }
        });
    }

    private static String newestCommittedId(ClientSession session, String room) {
        TranscriptEntry newest = session.transcript(room).lastCommitted();
        return newest == null ? null : newest.id();
    }
}
