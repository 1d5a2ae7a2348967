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
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference chat server without I/O: connections, hello and resume, rooms, a contiguous
 * per-room sequencer with bounded history, idempotent sends, receipts, rate limits, abuse
 * and idle closes, and caps on connections, rooms, history memory and resume replays. Each
 * input takes {@code now} (monotonic nanoseconds) and returns what to deliver and close, in
 * order. Bad input never throws: it becomes an error event.
 *
 * <p>Before its hello a connection may send one frame, the hello: anything else (a rejected
 * frame too) closes it, and so does no hello within {@code helloTimeout}. After the hello,
 * rate limits and the abuse count are the user's, over all its connections, so reconnecting
 * resets neither. A shell charges each frame before decoding it with {@link #admit}; a frame
 * given to {@link #onFrame} without it is charged there (events only). Rejected frames
 * (decode errors, not-member, forbidden, ...) count towards the abuse limit; rate-limited
 * ones do not (they are dropped, and the connection is kept).
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
    private final long helloNanos;
    private final Rooms rooms;
    private final Users users;
    private final Map<ConnectionId, Connection> connections = new LinkedHashMap<>();
    private final CommitListener listener;

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
        this.helloNanos = config.helloTimeout().toNanos();
        this.rooms = new Rooms(config, epoch, wallClockOffsetMillis);
        this.users = new Users(config);
        this.listener = config.commitListener();
        rooms.recover(history);
        config.commitListener().onStart(epoch);
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

    /** Estimated bytes of every room's retained messages (bounded by {@code maxHistoryBytes}). */
    public long historyBytes() {
        return rooms.retainedBytes();
    }

    /** Users whose limits are kept: those with a connection, or whose limits still say something. */
    int usersKept() {
        return users.size();
    }

    /** Rooms that exist (bounded by {@code maxRooms}). */
    public int roomCount() {
        return rooms.count();
    }

    /**
     * A connection opened; it must say hello before anything else, within the hello timeout.
     * Beyond {@code maxConnections} it is refused: a {@code too-many-connections} error and a
     * close, and the core does not keep it.
     */
    public List<ServerOutput> onOpen(ConnectionId id, long now) {
        if (connections.size() >= config.maxConnections()) {
            CallOutputs out = new CallOutputs();
            ErrorEvent error = new ErrorEvent(ErrorCode.TOO_MANY_CONNECTIONS, "connections must stay within "
                    + config.maxConnections() + " on this server: " + connections.size() + " open", null);
            out.deliver(id, error);
            out.close(id, error.code());
            return out.outputs();
        }
        connections.put(id, new Connection(id, now));
        return List.of();
    }

    /**
     * A text frame of {@code size} bytes (or characters, as the shell knows it) arrived and is
     * not decoded yet: charges it to the user's events and bytes limits. When the answer says
     * not to decode, the frame is dropped (a {@code rate-limited} error is in the outputs);
     * otherwise the shell decodes it and calls {@link #onFrame}, which does not charge it again.
     * Before the hello nothing is charged: the connection's one frame must be the hello.
     */
    public Admission admit(ConnectionId id, int size, long now) {
        Connection connection = connections.get(id);
        if (connection == null) {
            return new Admission(false, List.of());
        }
        connection.onActivity(now);
        if (connection.authenticated()) {
            UserLimits limits = connection.limits();
            if (!limits.events().tryTake(now) || !limits.bytes().tryTake(now, size)) {
                CallOutputs out = new CallOutputs();
                out.deliver(id, rateLimited(size + " bytes dropped before decoding", null));
                return new Admission(false, out.outputs());
            }
        }
        connection.onAdmitted();
        return new Admission(true, List.of());
    }

    /** A text frame arrived, decoded by the shell with {@code EventCodec.decodeClient}. */
    public List<ServerOutput> onFrame(ConnectionId id, Decoded<ClientEvent> frame, long now) {
        Connection connection = connections.get(id);
        if (connection == null) {
            return List.of();
        }
        CallOutputs out = new CallOutputs();
        connection.onActivity(now);
        if (frame instanceof Decoded.Ok<ClientEvent> ok && isRequest(ok.event())) {
            listener.onRequest(ok.event().type());
        }
        if (!connection.takeAdmitted() && connection.authenticated()
                && !connection.limits().events().tryTake(now)) {
            out.deliver(id, rateLimited("event dropped", refOf(frame)));
            return out.outputs();
        }
        switch (frame) {
            case Decoded.Rejected<ClientEvent> rejected when !connection.authenticated() ->
                    closeWith(connection, new ErrorEvent(ErrorCode.HELLO_REQUIRED, "first event must be a hello: "
                            + rejected.code().wireName() + ": " + rejected.message(), rejected.ref()), out);
            case Decoded.Rejected<ClientEvent> rejected -> reject(connection, rejected.toErrorEvent(), now, out);
            case Decoded.Ok<ClientEvent> ok -> onEvent(connection, ok.event(), now, out);
        }
        return out.outputs();
    }

    /** Whether {@code event} is a request the server counts ({@link CommitListener#onRequest}). */
    static boolean isRequest(ClientEvent event) {
        return switch (event) {
            case Hello h -> true;
            case Join j -> true;
            case Leave l -> true;
            case HistoryRequest h -> true;
            case Send s -> true;
            case Read r -> false;
            case Ping p -> false;
            case Pong p -> false;
        };
    }

    private ErrorEvent rateLimited(String what, String ref) {
        return new ErrorEvent(ErrorCode.RATE_LIMITED, "events must stay within " + config.ratePerSecond()
                + "/s with bursts of " + config.rateBurst() + ", and bytes within " + config.inboundBytesPerSecond()
                + "/s with bursts of " + config.inboundBytesBurst() + ", per user: " + what, ref);
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
            if (connection.authenticated()) {
                connection.limits().onDisconnected();
            }
        }
        return List.of();
    }

    /**
     * Time passed: closes connections silent for the idle timeout and connections without a
     * hello for the hello timeout; forgets the limits of users that no longer need them.
     */
    public List<ServerOutput> onTick(long now) {
        CallOutputs out = new CallOutputs();
        for (Connection connection : new ArrayList<>(connections.values())) {
            long silent = now - connection.lastSeen();
            long open = now - connection.openedAt();
            if (silent >= idleNanos) {
                closeWith(connection, new ErrorEvent(ErrorCode.IDLE_TIMEOUT,
                        "connection must send a frame at least every " + config.idleTimeout().toMillis()
                                + " ms: silent for " + silent / 1_000_000 + " ms", null), out);
            } else if (!connection.authenticated() && open >= helloNanos) {
                closeWith(connection, new ErrorEvent(ErrorCode.HELLO_REQUIRED,
                        "hello must come within " + config.helloTimeout().toMillis()
                                + " ms of the connection opening: none after " + open / 1_000_000 + " ms", null), out);
            }
        }
        users.sweep(now);
        return out.outputs();
    }

    /** When {@link #onTick} next has something to do; {@code Long.MAX_VALUE} for never. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Connection connection : connections.values()) {
            next = Math.min(next, connection.lastSeen() + idleNanos);
            if (!connection.authenticated()) {
                next = Math.min(next, connection.openedAt() + helloNanos);
            }
        }
        return next;
    }

    private void onEvent(Connection connection, ClientEvent event, long now, CallOutputs out) {
        if (!connection.authenticated()) {
            if (event instanceof Hello hello) {
                onHello(connection, hello, now, out);
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

    private void onHello(Connection connection, Hello hello, long now, CallOutputs out) {
        if (!ProtocolVersion.isSupported(hello.version())) {
            closeWith(connection, new ErrorEvent(ErrorCode.UNSUPPORTED_VERSION, "version must be "
                    + ProtocolVersion.CURRENT + ": " + hello.version(), "hello"), out);
        } else if (!UserToken.verify(config.secret(), hello.user(), hello.token())) {
            closeWith(connection, new ErrorEvent(ErrorCode.UNAUTHENTICATED, "token must be the HMAC-SHA256 of user \""
                    + hello.user() + "\" keyed with the server secret: it is not", "hello"), out);
        } else if (users.connections(hello.user()) >= config.maxConnectionsPerUser()) {
            closeWith(connection, new ErrorEvent(ErrorCode.TOO_MANY_CONNECTIONS, "connections of user \""
                    + hello.user() + "\" must stay within " + config.maxConnectionsPerUser() + ": "
                    + users.connections(hello.user()) + " open", "hello"), out);
        } else {
            UserLimits limits = users.of(hello.user(), now);
            connection.authenticate(hello.user(), limits);
            limits.onConnected();
            new Resume(rooms, config, epoch).answer(connection, hello, out);
        }
    }

    /** Answers a rejected frame; closes the connection once rejections pile up. */
    private void reject(Connection connection, ErrorEvent error, long now, CallOutputs out) {
        out.deliver(connection.id(), error);
        AbuseWindow abuse = connection.limits().abuse();
        if (abuse.onRejected(now)) {
            closeWith(connection, new ErrorEvent(ErrorCode.ABUSE, "rejected frames must stay below "
                    + config.abuseThreshold() + " per " + config.abuseWindow().toMillis() + " ms per user: "
                    + abuse.count(), error.ref()), out);
        }
    }

    /** Sends {@code error}, closes the connection and forgets it; returns null for switch use. */
    private ErrorEvent closeWith(Connection connection, ErrorEvent error, CallOutputs out) {
        out.deliver(connection.id(), error);
        out.close(connection.id(), error.code());
        onClose(connection.id(), connection.lastSeen());
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
