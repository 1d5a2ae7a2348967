package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.ResumeRequest;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sans-IO core of a chat client: connections (one, or a send and a receive one in split
 * mode), hello and joins, heartbeats and dead-link detection, reconnect with capped
 * exponential backoff and full jitter, the outbox of sends with their ack deadlines,
 * delivered and read markers, receipts, and a {@link ReconciliationStrategy} that owns the
 * transcripts. No I/O, no clock, no threads: every input carries {@code now} (nanoseconds of
 * any monotonic clock) and what to do is collected as {@link SessionOutput}s, taken with
 * {@link #drainOutputs()}; {@link #nextDeadline()} says when to call {@link #onTimer(long)}.
 *
 * <p>Not thread-safe: one owner thread calls every method (the transport hands its
 * callbacks to that thread). Transcript listeners are called on it, synchronously.
 *
 * <p>Driving it (on the owner thread):
 * <pre>{@code
 * session.start(now);                       // then, after every call below:
 * for (SessionOutput out : session.drainOutputs()) {
 *     switch (out) {
 *         case SessionOutput.Connect c -> open(c.link());          // later: onConnected / onDisconnected
 *         case SessionOutput.Transmit t -> write(t.link(), t.event());
 *         case SessionOutput.Disconnect d -> close(d.link());      // no onDisconnected needed
 *     }
 * }
 * schedule(session.nextDeadline());         // then onTimer(now) at or after it
 * // inputs: onConnected(link, now), onFrame(link, event, now), onDisconnected(link, now),
 * //         onTimer(now), send(room, body, replyTo, now), markRead(room, seq, now)
 * }</pre>
 * Callbacks for a {@link Link} of an earlier generation are ignored.
 */
public final class ClientSession {
    /** {@link #nextDeadline()} when nothing is due. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final SessionConfig config;
    private final ReconciliationStrategy strategy;
    private final Map<String, Transcript> transcripts = new LinkedHashMap<>();
    /** The transcripts again, as an array: every input stamps them all, so no iterator. */
    private final Transcript[] stamped;
    /**
     * The room last looked up and its transcript: nearly every frame names a room, mostly the
     * one before, so it is compared first (a few bytes) before the map is hashed into.
     */
    private String lastRoom;
    private Transcript lastTranscript;
    private final Links links;
    private final PendingSends outbox = new PendingSends();
    private final ReceiptTracker receipts = new ReceiptTracker();
    private final SessionContext ctx;
    private final List<SessionOutput> outputs = new ArrayList<>();
    private final String clientIdPrefix;
    private final long ackTimeout;
    private final long heartbeat;
    private final long deadLink;
    private final ReadMarkers markers;
    private long nextClientMsgNo;
    /** Every wake-up the strategy asked for and has not had yet: each request is honoured. */
    private final WakeUps strategyWakeAts = new WakeUps();
    private String epoch;

    /** A session with the strategy the config names, found through {@link Strategies}. */
    public ClientSession(SessionConfig config, TranscriptListener listener) {
        this(config, Strategies.load().create(config.strategy(), config.strategySettings()), listener);
    }

    /** A session with a given strategy instance (used by this session only). */
    public ClientSession(SessionConfig config, ReconciliationStrategy strategy, TranscriptListener listener) {
        if (!strategy.name().equals(config.strategy())) {
            throw new IllegalArgumentException("strategy must be the one the config names (" + config.strategy()
                    + "): " + strategy.name());
        }
        this.config = config;
        this.strategy = strategy;
        SplittableRandom random = new SplittableRandom(config.seed());
        this.clientIdPrefix = String.format("%08x", random.nextInt());
        for (String room : config.rooms()) {
            transcripts.put(room, new Transcript(room, listener, config.transcriptLimit()));
        }
        this.stamped = transcripts.values().toArray(Transcript[]::new);
        this.links = new Links(config, random);
        this.ackTimeout = config.ackTimeout().toNanos();
        this.heartbeat = config.heartbeatInterval().toNanos();
        this.deadLink = config.deadLinkTimeout().toNanos();
        this.markers = new ReadMarkers(config.rooms(), config.deliveredDelay().toNanos());
        this.ctx = new SessionContext(this, outbox);
    }

    /** The configuration. */
    public SessionConfig config() {
        return config;
    }

    /** The strategy deciding the transcripts. */
    public ReconciliationStrategy strategy() {
        return strategy;
    }

    /** The transcript of a configured room. */
    public Transcript transcript(String room) {
        Transcript transcript = lookup(room);
        if (transcript == null) {
            throw new IllegalArgumentException("room must be one of " + config.rooms() + ": " + room);
        }
        return transcript;
    }

    /** The transcript of {@code room}, or {@code null} when the room is not configured. */
    private Transcript lookup(String room) {
        if (lastRoom != null && lastRoom.equals(room)) {
            return lastTranscript;
        }
        Transcript transcript = transcripts.get(room);
        if (transcript != null) {
            lastRoom = room;
            lastTranscript = transcript;
        }
        return transcript;
    }

    /** The server epoch of the last welcome, or {@code null}. */
    public String epoch() {
        return epoch;
    }

    /** How many sends wait for an ack. */
    public int pendingSendCount() {
        return outbox.size();
    }

    /**
     * Diagnostics: one line per send still waiting for its ack (client message ids, room,
     * attempts, deadline, in doubt), oldest first.
     */
    public String dumpPending() {
        StringBuilder out = new StringBuilder();
        for (PendingSend send : outbox.views()) {
            out.append(send.echoClientMsgId()).append(" as ").append(send.clientMsgId()).append(" in ")
                    .append(send.room()).append(": attempts ").append(send.attempts()).append(", deadline ")
                    .append(send.ackDeadline()).append(send.inDoubt() ? ", in doubt" : "").append('\n');
        }
        return out.toString();
    }

    /** Whether the link of this role is welcomed and usable. */
    public boolean isReady(LinkRole role) {
        LinkState state = links.byRole(role);
        return state != null && state.isReady();
    }

    /** Takes the outputs collected since the last call, in order. */
    public List<SessionOutput> drainOutputs() {
        if (outputs.isEmpty()) {
            return List.of();
        }
        List<SessionOutput> drained = List.copyOf(outputs);
        outputs.clear();
        return drained;
    }

    /** Opens the connections: one {@code Connect} per link. */
    public void start(long now) {
        links.start(now, outputs, config.user());
    }

    /** The transport connected {@code link}: hello follows. */
    public void onConnected(Link link, long now) {
        LinkState state = current(link);
        if (state == null || state.phase != LinkState.Phase.CONNECTING) {
            return;
        }
        state.phase = LinkState.Phase.HANDSHAKING;
        state.since = now;
        state.lastHeard = now;
        state.nextPingAt = now + heartbeat;
        transmit(state, config.hello(state.role.receives() ? strategy.resumeRequest() : ResumeRequest.NONE));
    }

    /** A frame arrived on {@code link}. */
    public void onFrame(Link link, ServerEvent event, long now) {
        LinkState state = current(link);
        if (state == null || state.phase == LinkState.Phase.CONNECTING) {
            return;
        }
        state.lastHeard = now;
        stamp(now);
        boolean receives = state.role.receives();
        switch (event) {
            case Message m when receives -> onMessage(m, now);
            case HistoryReply h when receives -> onHistory(h, now);
            case Receipt r when receives -> onReceipt(r, now);
            case Ack a when state.role.sends() -> onAck(a, now);
            case Welcome w -> onWelcome(state, w, now);
            case Joined j -> onJoined(state, j, now);
            case Ping p -> transmit(state, new Pong(p.t()));
            case ErrorEvent e -> onError(e, now);
            default -> {
                // pongs, and what the other link of a split pair handles
            }
        }
        flushSends();
    }

    private void onMessage(Message message, long now) {
        if (lookup(message.room()) != null) {
            strategy.onMessage(ctx, message, now);
            deliveredChanged(now);
        }
    }

    private void onHistory(HistoryReply reply, long now) {
        if (lookup(reply.room()) != null) {
            strategy.onHistory(ctx, reply, now);
            deliveredChanged(now);
        }
    }

    private void onReceipt(Receipt receipt, long now) {
        if (lookup(receipt.room()) != null && !receipt.user().equals(config.user())) {
            receipts.onReceipt(receipt.room(), receipt.kind(), receipt.seq(), transcript(receipt.room()));
            strategy.onHeadHint(ctx, receipt.room(), receipt.seq(), now);
        }
    }

    private void onAck(Ack ack, long now) {
        if (lookup(ack.room()) == null) {
            return;
        }
        PendingSends.Entry entry = outbox.remove(ack.clientMsgId());
        strategy.onAck(ctx, ack, entry == null ? null : entry.view(), now);
        receipts.onOwnCommit(ack.room(), ack.seq(), ack.id(), transcript(ack.room()));
    }

    private void onWelcome(LinkState state, Welcome welcome, long now) {
        if (state.phase != LinkState.Phase.HANDSHAKING) {
            return;
        }
        state.phase = LinkState.Phase.READY;
        state.backoff.reset();
        if (epoch != null && !epoch.equals(welcome.epoch())) {
            markers.onEpochChanged(); // read and delivered seqs of the lost history must not reach the new one
            receipts.onEpochChanged(); // nor may its receipts mark the new history's messages
        }
        epoch = welcome.epoch();
        if (state.role.receives()) {
            strategy.onReceiveLinkUp(ctx, welcome, now);
        }
        for (String room : config.rooms()) {
            Long head = welcome.rooms().get(room);
            if (head == null) {
                transmit(state, new Join(room));
            } else {
                roomJoined(state, room, head, welcome.resume().get(room), now);
            }
        }
        markers.flushRead(receiver(), outputs);
    }

    private void onJoined(LinkState state, Joined joined, long now) {
        if (state.phase == LinkState.Phase.READY && lookup(joined.room()) != null) {
            roomJoined(state, joined.room(), joined.headSeq(), null, now);
            markers.flushRead(receiver(), outputs);
        }
    }

    private void roomJoined(LinkState state, String room, long head, ResumeStatus resume, long now) {
        if (!state.joined.add(room)) {
            return;
        }
        if (state.role.receives()) {
            strategy.onRoomJoined(ctx, room, head, resume, now);
        }
        if (state.role.sends() && !state.sendSideUp && state.joined.size() == config.rooms().size()) {
            state.sendSideUp = true;
            strategy.onSendLinkUp(ctx, now);
        }
    }

    private void onError(ErrorEvent error, long now) {
        PendingSends.Entry entry = error.ref() == null ? null : outbox.get(error.ref());
        if (entry != null && error.code() != ErrorCode.RATE_LIMITED) {
            strategy.onSendRejected(ctx, entry.view(), error, now);
        }
    }

    /** The transport lost {@code link} (or could not connect it). */
    public void onDisconnected(Link link, long now) {
        LinkState state = current(link);
        if (state != null) {
            stamp(now);
            linkDown(state, now);
            flushSends();
        }
    }

    private void linkDown(LinkState state, long now) {
        boolean wasReady = state.isReady();
        state.phase = LinkState.Phase.DOWN;
        state.reconnectAt = now + state.backoff.nextDelay();
        state.joined.clear();
        if (!wasReady) {
            return;
        }
        if (state.role.sends()) {
            outbox.connectionLost(state.link.generation());
            strategy.onSendLinkDown(ctx, now);
        }
        if (state.role.receives()) {
            strategy.onReceiveLinkDown(ctx, now);
        }
    }

    /** Time passed: heartbeats, dead links, reconnects, ack timeouts, strategy timers. */
    public void onTimer(long now) {
        stamp(now);
        for (LinkState state : links.all()) {
            checkLink(state, now);
        }
        for (PendingSends.Entry entry : outbox.due(now)) {
            if (outbox.get(entry.clientMsgId) != entry) {
                continue;
            }
            long before = entry.ackDeadline;
            strategy.onSendTimeout(ctx, entry.view(), now);
            if (outbox.get(entry.clientMsgId) == entry && entry.ackDeadline == before) {
                entry.ackDeadline = PendingSends.NEVER;
            }
        }
        if (!strategyWakeAts.isEmpty() && strategyWakeAts.first() <= now) {
            strategyWakeAts.removeUpTo(now);
            strategy.onTimer(ctx, now);
        }
        if (markers.isDue(now)) {
            markers.flushDelivered(receiver(), strategy, outputs);
        }
        flushSends();
    }

    private void checkLink(LinkState state, long now) {
        switch (state.poll(now, heartbeat, deadLink)) {
            case RECONNECT -> outputs.add(new SessionOutput.Connect(state.connect(now)));
            case PING -> transmit(state, new Ping(now));
            case DEAD -> declareDead(state, now);
            case NOTHING -> {
                // nothing due
            }
        }
    }

    private void declareDead(LinkState state, long now) {
        outputs.add(new SessionOutput.Disconnect(state.link));
        linkDown(state, now);
    }

    /** When {@link #onTimer(long)} must be called next, or {@link #NO_DEADLINE}. */
    public long nextDeadline() {
        long next = Math.min(strategyWakeAts.isEmpty() ? NO_DEADLINE : strategyWakeAts.first(), markers.dueAt());
        next = Math.min(next, outbox.earliestDeadline());
        return Math.min(next, links.deadline(deadLink));
    }

    /**
     * The user sends {@code body} to {@code room}, replying to {@code replyTo} (a message id,
     * or {@code null}); returns the client message id. The strategy shows the echo at once;
     * the send goes out as soon as the sending link is ready. The ack deadline runs from
     * {@code now}, whether a link is up or not.
     */
    public String send(String room, String body, String replyTo, long now) {
        transcript(room);
        if (body == null) {
            throw new IllegalArgumentException("body is required");
        }
        stamp(now);
        PendingSends.Entry entry = new PendingSends.Entry(room, newClientMsgId(), body, replyTo, now, now + ackTimeout);
        outbox.add(entry);
        strategy.onSend(ctx, entry.view(), now);
        flushSends();
        return entry.echoClientMsgId;
    }

    /** The user has read {@code room} up to {@code seq}: a read marker goes out. */
    public void markRead(String room, long seq, long now) {
        transcript(room);
        if (seq < 1) {
            throw new IllegalArgumentException("read seq must be >= 1: " + seq);
        }
        markers.wantRead(room, seq);
        markers.flushRead(receiver(), outputs);
    }

    String newClientMsgId() {
        return clientIdPrefix + "-" + (++nextClientMsgNo);
    }

    void fetch(String room, long fromSeq, long toSeq) {
        LinkState receiver = receiver();
        if (receiver.isReady() && receiver.joined.contains(room)) {
            transmit(receiver, HistoryRequest.range(room, fromSeq, toSeq));
        }
    }

    void wakeStrategyAt(long deadline) {
        strategyWakeAts.add(deadline);
    }

    private void deliveredChanged(long now) {
        if (markers.onDeliveredChanged(now)) {
            markers.flushDelivered(receiver(), strategy, outputs);
        }
    }

    private void flushSends() {
        outbox.flush(sender(), outputs);
    }

    private void transmit(LinkState state, ClientEvent event) {
        outputs.add(new SessionOutput.Transmit(state.link, event));
    }

    private void stamp(long now) {
        for (Transcript transcript : stamped) {
            transcript.setTime(now);
        }
    }

    private LinkState current(Link link) {
        return links.current(link);
    }

    private LinkState sender() {
        return links.sender();
    }

    private LinkState receiver() {
        return links.receiver();
    }
}
