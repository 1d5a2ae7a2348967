package dev.livetalk.simulator;

import dev.livetalk.protocol.CodecLimits;

import dev.livetalk.protocol.Direction;

import dev.livetalk.client.ConnectFailure;
import dev.livetalk.client.Link;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.FrameStream;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.PauseFault;
import dev.livetalk.scenarios.fault.RestartFault;
import dev.livetalk.scenarios.fault.SlowCommitFault;
import dev.livetalk.server.ConnectionId;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerCore;
import dev.livetalk.server.ServerOutput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * The simulated network between one {@link ServerCore} and the client sessions: connections
 * through {@link LinkSlot}s, frames with a drawn delay, and the faults acting on each slot.
 *
 * <p>A link here is message-oriented, not a byte stream: a frame is one unit that can be
 * lost, duplicated or held back on its own, which a TCP connection (and so Toxiproxy) never
 * does to one WebSocket message. Without message-level faults a link keeps its frames in
 * order, as TCP does. Connection-level faults mean what their Toxiproxy toxics mean: down cuts
 * connections and refuses new ones; stall holds frames until the window ends; reset-peer cuts
 * connections after its timeout; timeout swallows frames and cuts after its timeout (never for
 * 0); limit-data cuts a connection once the bytes passed since the fault began would exceed the
 * limit; latency adds its delay plus a uniform jitter. A partition swallows frames, handshakes
 * and closes without closing anything: only heartbeats and idle timeouts notice.
 *
 * <p>The server end is a {@link SimServer}, on which the server faults act: a restart drops
 * every connection at once (both ends learn of it, as when a killed process's sockets close;
 * no close frame, frames in flight to the server lost) and refuses connects until it ends; a
 * pause holds whatever reaches the server (frames, connects, closes, ticks) until it ends; a
 * slow commit holds the server's outputs.
 *
 * <p>Single-threaded: every method runs on the simulation thread, inside {@link EventLoop} actions.
 */
final class SimNetwork {
    private final EventLoop loop;
    private final SplittableRandom random;
    private final SimSettings settings;
    private final SimServer server;
    /**
     * One codec for every run of the process: it holds only configuration (building its
     * ObjectMapper costs more than a 10-client run) and is thread-safe, so sweep workers share it.
     */
    private static final EventCodec CODEC = new EventCodec(CodecLimits.CLIENT);

    /** The codec frames go through (this run's stream of it), or {@code null} when records travel as they are. */
    private final FrameStream codec;
    private final List<SimConnection> connections = new ArrayList<>();
    private final NetworkStats stats;
    private final FramePlan plan;
    private final ToLongFunction<Object> sizer = this::bytesOf;

    /** A network to a server of {@code config} whose first epoch is {@code epoch}. */
    SimNetwork(EventLoop loop, SplittableRandom random, SimSettings settings, ServerConfig config, String epoch,
               NetworkStats stats) {
        this.loop = loop;
        this.random = random;
        this.settings = settings;
        this.server = new SimServer(loop, config, epoch, stats, this::dispatch);
        this.codec = settings.codec() ? CODEC.stream() : null;
        this.stats = stats;
        this.plan = new FramePlan(random, stats);
    }

    /** Whether the frames go through the protocol's codec on their way. */
    boolean coded() {
        return codec != null;
    }

    /** Ticks the server core now and every {@code period} after. */
    void startTicking(long period) {
        loop.after(period, now -> {
            tick(now);
            startTicking(period);
        });
    }

    private void tick(long now) {
        if (server.paused()) {
            server.hold(this::tick);
            return;
        }
        server.onTick(now);
    }

    /** A server fault's window begins. */
    void beginOnServer(ActiveFault fault) {
        switch (fault.fault) {
            case RestartFault restart -> {
                List<EventLoop.Action> waited = server.kill(restart.durable());
                dropAll();
                waited.forEach(input -> input.run(loop.now()));
            }
            case PauseFault pause -> server.pause();
            case SlowCommitFault slow -> server.slowCommits(slow.delay());
            default -> throw new IllegalArgumentException(fault + " does not act on the server");
        }
    }

    /** A server fault's window ends. */
    void endOnServer(ActiveFault fault) {
        switch (fault.fault) {
            case RestartFault restart -> server.restart();
            case PauseFault pause -> server.resume().forEach(input -> input.run(loop.now()));
            case SlowCommitFault slow -> server.fastCommits(slow.delay());
            default -> throw new IllegalArgumentException(fault + " does not act on the server");
        }
    }

    /** The server died: every connection is gone at both ends at once, without a close frame. */
    private void dropAll() {
        long now = loop.now();
        for (SimConnection connection : connections) {
            if (!connection.serverOpen && !connection.clientOpen) {
                continue;
            }
            stats.onDropped();
            connection.serverOpen = false;
            if (connection.clientOpen) {
                connection.clientOpen = false;
                connection.slot.client.onDisconnected(connection.link, now);
            }
        }
    }

    /** A session asked to connect {@code link} through {@code slot}. */
    void connect(LinkSlot slot, Link link) {
        stats.onConnect();
        if (slot.refusing() || server.down()) {
            refuse(slot, link);
            return;
        }
        if (slot.blackholed(Direction.UPSTREAM) || slot.blackholed(Direction.DOWNSTREAM)) {
            // the handshake vanishes; a timeout toxic closes the connection after its timeout or when it
            // is removed, so the attempt fails then (a partition closes nothing: the session gives up on it)
            long closes = slot.timeoutCloses(loop.now());
            if (closes != Long.MAX_VALUE) {
                loop.at(closes, now -> {
                    if (!link.equals(slot.abandoned)) {
                        slot.client.onDisconnected(link, now);
                    }
                });
            }
            return;
        }
        long depart = Math.max(loop.now(), slot.stalledUntil());
        loop.at(depart + delay(slot, Direction.UPSTREAM), now -> accept(slot, link, now));
    }

    private void refuse(LinkSlot slot, Link link) {
        stats.onRefused();
        loop.after(delay(slot, Direction.UPSTREAM) + delay(slot, Direction.DOWNSTREAM),
                now -> slot.client.onConnectFailed(link, ConnectFailure.REFUSED, now));
    }

    private void accept(LinkSlot slot, Link link, long now) {
        if (link.equals(slot.abandoned)) {
            return;
        }
        if (slot.refusing() || server.down()) {
            refuse(slot, link);
            return;
        }
        if (server.paused()) {
            server.hold(t -> accept(slot, link, t));
            return;
        }
        SimConnection connection = new SimConnection(new ConnectionId(connections.size() + 1L), link, slot);
        connections.add(connection);
        slot.current = connection;
        server.onOpen(connection.id, now);
        long connectedAt = connection.inOrder(Direction.DOWNSTREAM, now + delay(slot, Direction.DOWNSTREAM));
        loop.at(connectedAt, t -> {
            if (connection.clientOpen) {
                slot.client.onConnected(link, t);
            }
        });
        for (ActiveFault fault : slot.faults) {
            SimFaults.onOpened(this, fault, connection, now);
        }
    }

    /** A session closed {@code link} (a dead link): the server hears of it unless the path is cut. */
    void close(LinkSlot slot, Link link) {
        SimConnection connection = slot.current;
        if (connection == null || !connection.link.equals(link)) {
            slot.abandoned = link;
            return;
        }
        connection.clientOpen = false;
        if (!connection.serverOpen || slot.blackholed(Direction.UPSTREAM)) {
            return;
        }
        long depart = Math.max(loop.now(), slot.stalledUntil());
        loop.at(connection.inOrder(Direction.UPSTREAM, depart + delay(slot, Direction.UPSTREAM)), now -> closeServerSide(connection, now));
    }

    /** The network kills {@code connection}: both ends hear of it now; what is in flight is lost. */
    void cut(SimConnection connection) {
        if (!connection.serverOpen && !connection.clientOpen) {
            return;
        }
        stats.onCut();
        long now = loop.now();
        closeServerSide(connection, now);
        if (connection.clientOpen) {
            connection.clientOpen = false;
            connection.slot.client.onDisconnected(connection.link, now);
        }
    }

    private void closeServerSide(SimConnection connection, long now) {
        if (connection.serverOpen && server.paused()) {
            server.hold(t -> closeServerSide(connection, t));
            return;
        }
        if (connection.serverOpen) {
            connection.serverOpen = false;
            server.onClose(connection.id, now);
        }
    }

    /** A session transmits {@code event} on {@code link}. */
    void transmit(LinkSlot slot, Link link, ClientEvent event) {
        SimConnection connection = slot.current;
        if (connection == null || !connection.link.equals(link) || !connection.clientOpen) {
            stats.onTransportError();
            return;
        }
        send(connection, Direction.UPSTREAM, codec != null ? codec.encode(event) : event);
    }

    /**
     * Carries out the server core's outputs, in order. A broadcast is a run of outputs with the
     * same event, encoded once for the whole run.
     */
    private void dispatch(List<ServerOutput> outputs) {
        ServerEvent lastEvent = null;
        Object lastPayload = null;
        for (int i = 0; i < outputs.size(); i++) {
            ServerOutput output = outputs.get(i);
            SimConnection connection = connection(output.connection());
            if (connection == null || !connection.serverOpen) {
                continue;
            }
            switch (output) {
                case ServerOutput.Deliver deliver -> {
                    if (deliver.event() != lastEvent) {
                        lastEvent = deliver.event();
                        lastPayload = codec == null ? lastEvent : new EncodedFrame(codec.encode(lastEvent));
                    }
                    send(connection, Direction.DOWNSTREAM, lastPayload);
                }
                case ServerOutput.Close close -> serverClosed(connection);
            }
        }
    }

    /**
     * One encoded server frame, shared by every recipient of a fan-out: the first arrival
     * decodes it and the others take the same (immutable) event, since decoding one text
     * always gives the same event. Every distinct frame still makes the round trip through
     * the codec; only the identical decodes of one broadcast are saved.
     */
    private static final class EncodedFrame {
        final String text;
        Decoded<ServerEvent> decoded;

        EncodedFrame(String text) {
            this.text = text;
        }
    }

    /** The server closed after what it delivered before: the client hears of it behind those frames. */
    private void serverClosed(SimConnection connection) {
        connection.serverOpen = false;
        LinkSlot slot = connection.slot;
        if (!connection.clientOpen || slot.blackholed(Direction.DOWNSTREAM)) {
            return;
        }
        long depart = Math.max(loop.now(), slot.stalledUntil());
        loop.at(connection.inOrder(Direction.DOWNSTREAM, depart + delay(slot, Direction.DOWNSTREAM)), now -> {
            if (connection.clientOpen) {
                connection.clientOpen = false;
                slot.client.onDisconnected(connection.link, now);
            }
        });
    }

    private SimConnection connection(ConnectionId id) {
        int index = (int) id.value() - 1;
        return index < connections.size() ? connections.get(index) : null;
    }

    /** Puts one frame on {@code connection}: draws its delay and lets every active fault act on it. */
    private void send(SimConnection connection, Direction way, Object payload) {
        stats.onSent();
        long linkDelay = settings.latency().sample(random);
        FramePlan fate = plan.decide(connection, way, loop.now(), linkDelay, payload, sizer);
        switch (fate.outcome) {
            case DELIVER -> schedule(connection, way, payload, fate.depart + fate.delay, fate.holdBack, fate.duplicate);
            case CUT -> cut(connection);
            case LOSE -> {
                // gone
            }
        }
    }

    private void schedule(SimConnection connection, Direction way, Object payload, long arrival, long holdBack,
                          boolean duplicate) {
        long at = holdBack >= 0 ? arrival + holdBack : connection.inOrder(way, arrival);
        loop.at(at, now -> arrive(connection, way, payload, now));
        if (duplicate) {
            loop.at(at + settings.latency().sample(random), now -> arrive(connection, way, payload, now));
        }
    }

    private void arrive(SimConnection connection, Direction way, Object payload, long now) {
        if (way == Direction.UPSTREAM) {
            if (connection.serverOpen && server.paused()) {
                server.hold(t -> arrive(connection, way, payload, t));
            } else if (connection.serverOpen) {
                stats.onDelivered();
                server.onFrame(connection.id, decodeClient(payload), now);
            }
            return;
        }
        if (connection.clientOpen) {
            ServerEvent event = decodeServer(payload);
            if (event == null) {
                stats.onTransportError();
                return;
            }
            stats.onDelivered();
            connection.slot.client.onFrame(connection.link, event, now);
        }
    }

    private Decoded<ClientEvent> decodeClient(Object payload) {
        return payload instanceof String text ? codec.decodeClient(text)
                : new Decoded.Ok<>((ClientEvent) payload);
    }

    private ServerEvent decodeServer(Object payload) {
        if (!(payload instanceof EncodedFrame frame)) {
            return (ServerEvent) payload;
        }
        if (frame.decoded == null) {
            frame.decoded = codec.decodeServer(frame.text);
        }
        return switch (frame.decoded) {
            case Decoded.Ok<ServerEvent> ok -> ok.event();
            case Decoded.Rejected<ServerEvent> rejected -> null;
        };
    }

    private long bytesOf(Object payload) {
        String text = switch (payload) {
            case String s -> s;
            case EncodedFrame frame -> frame.text;
            default -> CODEC.encode((dev.livetalk.protocol.Event) payload);
        };
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The delay of a handshake or close on {@code slot} travelling {@code way}: link latency and latency faults. */
    private long delay(LinkSlot slot, Direction way) {
        long delay = settings.latency().sample(random);
        for (ActiveFault fault : slot.faults) {
            if (fault.fault instanceof LatencyFault latency && fault.acts(way)) {
                delay += FramePlan.extraDelay(latency, random);
            }
        }
        return delay;
    }

    /** Schedules {@code action} at {@code at} on the virtual clock. */
    void at(long at, EventLoop.Action action) {
        loop.at(at, action);
    }

    long now() {
        return loop.now();
    }
}
