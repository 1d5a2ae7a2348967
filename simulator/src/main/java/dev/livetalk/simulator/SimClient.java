package dev.livetalk.simulator;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.client.ConnectFailure;
import dev.livetalk.client.SessionHost;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.run.Host;
import dev.livetalk.run.SimulatedUser;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One client hosted on the virtual clock: its {@link ClientSession} on the simulated network,
 * one {@link LinkSlot} per link. Frames it receives go to the {@link SimulatedUser} and then
 * to the session; what the session asks for (connect, transmit, close) is carried out on the
 * network and its timer re-armed after every call into it. Every client is on lane 0: the
 * simulation has one thread.
 *
 * <p>Single-threaded: the simulation thread.
 */
final class SimClient implements Host, SessionHost.Transport {

    private final ClientLayout.Client client;
    private final SimulatedUser user;
    private final ClientSession session;
    private final SimNetwork network;
    private final EventLoop loop;
    private final Map<LinkRole, LinkSlot> slots = new EnumMap<>(LinkRole.class);
    private final SessionHost host;

    /** Hosts {@code session}, the client of {@code user}, with one slot per link role of its layout. */
    SimClient(SimulatedUser user, ClientSession session, SimNetwork network, EventLoop loop) {
        this.client = user.client();
        this.user = user;
        this.session = session;
        this.network = network;
        this.loop = loop;
        List<LinkRole> roles = client.roles();
        roles.forEach(role -> slots.put(role, new LinkSlot(this, role)));
        this.host = new SessionHost(session, this, (at, action) -> loop.at(at, action::accept));
    }

    /** The user, which names the client. */
    String user() {
        return client.user();
    }

    /** The internal name of its link of {@code role}, as every backend names links. */
    String linkName(LinkRole role) {
        return ClientLayout.linkName(client.index(), role);
    }

    /** Its link slot of {@code role}. */
    LinkSlot slot(LinkRole role) {
        LinkSlot slot = slots.get(role);
        if (slot == null) {
            throw new IllegalArgumentException(client.user() + " has no " + role + " link: its links are " + slots.keySet());
        }
        return slot;
    }

    ClientSession session() {
        return session;
    }

    @Override
    public int lane() {
        return 0;
    }

    @Override
    public void start() {
        session.start(loop.now());
        flush();
    }

    /** Queues {@code action} on the event loop at {@code at} (now, if that has passed); the simulation thread is the only one. */
    @Override
    public void at(long at, LongConsumer action) {
        loop.at(at, action::accept);
    }

    @Override
    public void act(Consumer<ClientSession> action) {
        host.act(action);
    }

    void onConnected(Link link, long now) {
        user.onConnected(link, now);
        session.onConnected(link, now);
        flush();
    }

    void onDisconnected(Link link, long now) {
        user.onDisconnected(link, now);
        session.onDisconnected(link, now);
        flush();
    }

    /** The attempt to open {@code link} failed at {@code now} for {@code reason} (the network refused it). */
    void onConnectFailed(Link link, String reason, long now) {
        user.onConnectFailed(link, reason, now);
        session.onDisconnected(link, now);
        flush();
    }

    void onFrame(Link link, ServerEvent event, long now) {
        user.onFrame(link, event, now);
        session.onFrame(link, event, now);
        flush();
    }

    /** Carries out what the session asked for and re-arms its timer. */
    private void flush() {
        host.flush();
    }

    @Override
    public void connect(Link link) {
        user.onConnecting(link, loop.now());
        network.connect(slots.get(link.role()), link);
    }

    @Override
    public void transmit(Link link, ClientEvent event) {
        user.onSent(link, event, loop.now());
        network.transmit(slots.get(link.role()), link, event);
    }

    @Override
    public void disconnect(Link link) {
        user.onConnectFailed(link, ConnectFailure.TIMED_OUT, loop.now()); // an attempt the session gave up on ends here
        network.close(slots.get(link.role()), link);
    }
}
