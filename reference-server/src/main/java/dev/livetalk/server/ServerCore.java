package dev.livetalk.server;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Leave;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference chat server without I/O: connections, hello and resume, rooms, a contiguous
 * per-room sequencer with bounded history, idempotent sends, receipts, rate limits, abuse
 * and idle closes. Each input takes {@code now} (monotonic nanoseconds) and returns what to
 * deliver and close, in order. Bad input never throws: it becomes an error event.
 *
 * <p>Rejected frames (decode errors, not-member, forbidden) count towards the abuse limit;
 * rate-limited ones do not (they are dropped, and the connection is kept).
 *
 * <p>Single-threaded: not thread-safe. The shell ({@link ReferenceServer}) calls it under
 * one lock from Tyrus worker threads and the ticker thread, one call at a time, and keeps
 * the order of the outputs per connection. That is why a resume replay, delivered right
 * after the welcome within one call, can neither miss nor double a live message.
 */
public final class ServerCore {
    private final ServerConfig config;
    private final String epoch;
    private final long idleNanos;
    private final Rooms rooms;
    private final Map<ConnectionId, Connection> connections = new LinkedHashMap<>();

    /**
     * A core with no rooms and no connections.
     *
     * @param config                the configuration
     * @param epoch                 the history epoch this core announces
     * @param wallClockOffsetMillis added to {@code now / 1e6} to make a message's serverTime
     */
    public ServerCore(ServerConfig config, String epoch, long wallClockOffsetMillis) {
        this(config, ServerHistory.empty(epoch), wallClockOffsetMillis);
    }

    /**
     * A core that takes up {@code history} (a durable restart): its epoch, each room's log
     * continuing from the recovered head, and the recovered messages' acks for resends; no
     * connections, no members, no read markers.
     *
     * @param wallClockOffsetMillis added to {@code now / 1e6} to make a message's serverTime
     */
    public ServerCore(ServerConfig config, ServerHistory history, long wallClockOffsetMillis) {
        this.config = config;
        this.epoch = history.epoch();
        this.idleNanos = config.idleTimeout().toNanos();
        this.rooms = new Rooms(config, epoch, wallClockOffsetMillis);
        rooms.recover(history);
    }

    /**
     * What a durable history holds now: the epoch and every room's retained messages. A core
     * built from it after a restart continues where this one stands (what a durable store
     * would give back once every commit so far is durable).
     */
    public ServerHistory durableHistory() {
        return new ServerHistory(epoch, rooms.retained());
    }

    public String epoch() {
        return epoch;
    }

    /** Open connections, with or without a hello. */
    public int connectionCount() {
        return connections.size();
    }

    /** The messages {@code room} still retains, in seq order; empty for an unknown room. */
    public List<Message> history(String room) {
        Room found = rooms.find(room);
        return found == null ? List.of() : found.log().retained();
    }

    /** The seq of {@code room}'s newest message; 0 for an empty or unknown room. */
    public long headSeq(String room) {
        Room found = rooms.find(room);
        return found == null ? 0 : found.log().headSeq();
    }

    /** A connection opened; it must say hello before anything else. */
    public List<ServerOutput> onOpen(ConnectionId id, long now) {
        connections.put(id, new Connection(id,
                new TokenBucket(config.ratePerSecond(), config.rateBurst(), now),
                new AbuseWindow(config.abuseThreshold(), config.abuseWindow().toNanos()), now));
        return List.of();
    }

    /** A text frame arrived, decoded by the shell with {@code EventCodec.decodeClient}. */
    public List<ServerOutput> onFrame(ConnectionId id, Decoded<ClientEvent> frame, long now) {
        Connection connection = connections.get(id);
        CallOutputs out = new CallOutputs();
        if (connection == null) {
            return List.of();
        }
        connection.onActivity(now);
        if (!connection.bucket().tryTake(now)) {
            out.deliver(id, new ErrorEvent(ErrorCode.RATE_LIMITED, "events must stay within "
                    + config.ratePerSecond() + "/s with bursts of " + config.rateBurst()
                    + " per connection: event dropped", refOf(frame)));
            return out.outputs();
        }
        switch (frame) {
            case Decoded.Rejected<ClientEvent> rejected -> reject(connection, rejected.toErrorEvent(), now, out);
            case Decoded.Ok<ClientEvent> ok -> onEvent(connection, ok.event(), now, out);
        }
        return out.outputs();
    }

    /** A binary frame arrived; the protocol speaks text only. */
    public List<ServerOutput> onBinaryFrame(ConnectionId id, int bytes, long now) {
        return onFrame(id, new Decoded.Rejected<>(ErrorCode.BINARY_FRAME,
                "frames must be JSON text frames, not binary: " + bytes + " bytes", null), now);
    }

    /** The connection closed, by either side; it leaves every room. Nothing to send. */
    public List<ServerOutput> onClose(ConnectionId id, long now) {
        Connection connection = connections.remove(id);
        if (connection != null) {
            rooms.removeEverywhere(connection);
        }
        return List.of();
    }

    /** Time passed: closes connections silent for the idle timeout. */
    public List<ServerOutput> onTick(long now) {
        CallOutputs out = new CallOutputs();
        for (Connection connection : new ArrayList<>(connections.values())) {
            long silent = now - connection.lastSeen();
            if (silent >= idleNanos) {
                closeWith(connection, new ErrorEvent(ErrorCode.IDLE_TIMEOUT,
                        "connection must send a frame at least every " + config.idleTimeout().toMillis()
                                + " ms: silent for " + silent / 1_000_000 + " ms", null), out);
            }
        }
        return out.outputs();
    }

    /** When {@link #onTick} next has something to do; {@code Long.MAX_VALUE} for never. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Connection connection : connections.values()) {
            next = Math.min(next, connection.lastSeen() + idleNanos);
        }
        return next;
    }

    private void onEvent(Connection connection, ClientEvent event, long now, CallOutputs out) {
        if (!connection.authenticated()) {
            if (event instanceof Hello hello) {
                onHello(connection, hello, out);
            } else {
                closeWith(connection, new ErrorEvent(ErrorCode.HELLO_REQUIRED,
                        "first event must be hello: " + event.type(), event.type()), out);
            }
            return;
        }
        ErrorEvent refused = switch (event) {
            case Hello hello -> closeWith(connection, new ErrorEvent(ErrorCode.HELLO_REQUIRED,
                    "hello must be sent only once per connection: a second hello", "hello"), out);
            case Join join -> rooms.join(connection, join.room(), out);
            case Leave leave -> rooms.leave(connection, leave.room());
            case Send send -> rooms.send(connection, send, now, out);
            case HistoryRequest request -> rooms.history(connection, request, out);
            case Read read -> rooms.read(connection, read, out);
            case Ping ping -> deliver(connection, new Pong(ping.t()), out);
            case Pong pong -> null;
        };
        if (refused != null) {
            reject(connection, refused, now, out);
        }
    }

    private void onHello(Connection connection, Hello hello, CallOutputs out) {
        if (!ProtocolVersion.isSupported(hello.version())) {
            closeWith(connection, new ErrorEvent(ErrorCode.UNSUPPORTED_VERSION, "version must be "
                    + ProtocolVersion.CURRENT + ": " + hello.version(), "hello"), out);
        } else if (!UserToken.verify(config.secret(), hello.user(), hello.token())) {
            closeWith(connection, new ErrorEvent(ErrorCode.UNAUTHENTICATED, "token must be the HMAC-SHA256 of user \""
                    + hello.user() + "\" keyed with the server secret: it is not", "hello"), out);
        } else {
            connection.authenticate(hello.user());
            resume(connection, hello, out);
        }
    }

    /** Joins the hello's resume rooms, sends the welcome, then each resumed room's missed messages. */
    private void resume(Connection connection, Hello hello, CallOutputs out) {
        Map<String, ResumeStatus> statuses = new LinkedHashMap<>();
        List<Message> replay = new ArrayList<>();
        hello.resume().forEach((name, seq) -> {
            Room room = rooms.room(name);
            ResumeStatus status = statusOf(connection, room, hello.epoch(), seq);
            statuses.put(name, status);
            if (status != ResumeStatus.FORBIDDEN) {
                rooms.addMember(connection, room);
            }
            if (status == ResumeStatus.RESUMED) {
                replay.addAll(room.log().range(seq + 1, room.log().headSeq(), Integer.MAX_VALUE));
            }
        });
        Map<String, Long> heads = new LinkedHashMap<>();
        for (String name : connection.rooms()) {
            heads.put(name, rooms.find(name).log().headSeq());
        }
        out.deliver(connection.id(), new Welcome("s" + connection.id().value(), epoch, heads, statuses));
        for (Message message : replay) {
            out.deliver(connection.id(), message);
        }
    }

    private ResumeStatus statusOf(Connection connection, Room room, String clientEpoch, long seq) {
        if (!room.admits(connection.user())) {
            return ResumeStatus.FORBIDDEN;
        }
        if ((clientEpoch != null && !clientEpoch.equals(epoch)) || seq > room.log().headSeq()) {
            return ResumeStatus.EPOCH_CHANGED;
        }
        if (seq + 1 < room.log().firstSeq()) {
            return ResumeStatus.HISTORY_TRUNCATED;
        }
        return ResumeStatus.RESUMED;
    }

    /** Answers a rejected frame; closes the connection once rejections pile up. */
    private void reject(Connection connection, ErrorEvent error, long now, CallOutputs out) {
        out.deliver(connection.id(), error);
        if (connection.abuse().onRejected(now)) {
            closeWith(connection, new ErrorEvent(ErrorCode.ABUSE, "rejected frames must stay below "
                    + config.abuseThreshold() + " per " + config.abuseWindow().toMillis() + " ms: "
                    + connection.abuse().count(), error.ref()), out);
        }
    }

    /** Sends {@code error}, closes the connection and forgets it; returns null for switch use. */
    private ErrorEvent closeWith(Connection connection, ErrorEvent error, CallOutputs out) {
        out.deliver(connection.id(), error);
        out.close(connection.id(), error.code());
        onClose(connection.id(), 0);
        return null;
    }

    private static ErrorEvent deliver(Connection connection, Pong pong, CallOutputs out) {
        out.deliver(connection.id(), pong);
        return null;
    }

    private static String refOf(Decoded<ClientEvent> frame) {
        return switch (frame) {
            case Decoded.Rejected<ClientEvent> rejected -> rejected.ref();
            case Decoded.Ok<ClientEvent> ok -> ok.event() instanceof Send send ? send.clientMsgId() : ok.event().type();
        };
    }
}
