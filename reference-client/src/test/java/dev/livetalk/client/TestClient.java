package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptJournal;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives a {@link ClientSession} against a {@link FakeServer} on the test thread with a
 * controlled clock: outputs go to the server at once, frames come back when delivered
 * (automatically unless held). Test thread only.
 */
final class TestClient {
    final ClientSession session;
    final TranscriptJournal journal = new TranscriptJournal();
    final FakeServer server;
    final List<ClientEvent> transmitted = new ArrayList<>();
    final Map<LinkRole, Link> links = new EnumMap<>(LinkRole.class);
    final Map<LinkRole, FakeServer.Conn> conns = new EnumMap<>(LinkRole.class);
    long now = 1_000_000_000L;
    /** While true, frames stay in the connections' inboxes. */
    boolean holdFrames;
    /** While false, connection attempts fail. */
    boolean serverReachable = true;

    TestClient(FakeServer server, SessionConfig config) {
        this.server = server;
        this.session = new ClientSession(config, journal);
    }

    static SessionConfig.Builder config(String user, String strategy) {
        return SessionConfig.builder(user, "token-" + user).rooms("r").strategy(strategy)
                .deliveredDelay(Duration.ZERO).seed(42);
    }

    TestClient start() {
        session.start(now);
        pump();
        return this;
    }

    /** Hands outputs to the server and delivers frames until nothing moves. */
    void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (SessionOutput output : session.drainOutputs()) {
                handle(output);
                moved = true;
            }
            if (!holdFrames) {
                moved |= deliverAll();
            }
        }
    }

    private void handle(SessionOutput output) {
        LinkRole role = output.link().role();
        switch (output) {
            case SessionOutput.Connect c -> {
                if (serverReachable) {
                    links.put(role, c.link());
                    conns.put(role, server.open());
                    session.onConnected(c.link(), now);
                } else {
                    session.onDisconnected(c.link(), now);
                }
            }
            case SessionOutput.Transmit t -> {
                transmitted.add(t.event());
                FakeServer.Conn conn = conns.get(role);
                if (conn != null && t.link().equals(links.get(role))) {
                    server.receive(conn, t.event());
                }
            }
            case SessionOutput.Disconnect d -> closeConn(role);
        }
    }

    /** Delivers every waiting frame in order; returns whether any was. */
    boolean deliverAll() {
        boolean any = false;
        for (LinkRole role : List.copyOf(conns.keySet())) {
            FakeServer.Conn conn = conns.get(role);
            while (conn != null && !conn.inbox.isEmpty()) {
                ServerEvent event = conn.inbox.poll();
                session.onFrame(links.get(role), event, now);
                any = true;
            }
        }
        return any;
    }

    /**
     * Delivers the frames waiting on the main link in the given order of their positions in
     * the inbox (a position may repeat: a duplicate); the others are dropped.
     */
    void deliverInOrder(int... positions) {
        List<ServerEvent> events = new ArrayList<>(conns.get(LinkRole.MAIN).inbox);
        conns.get(LinkRole.MAIN).inbox.clear();
        for (int position : positions) {
            session.onFrame(links.get(LinkRole.MAIN), events.get(position), now);
            pump();
        }
    }

    /** The frames on their way to the client on {@code role} are lost (a stalled proxy). */
    void dropWaitingFrames(LinkRole role) {
        conns.get(role).inbox.clear();
    }

    /** Delivers the oldest waiting frame of one link. */
    void deliverFirstOf(LinkRole role) {
        session.onFrame(links.get(role), conns.get(role).inbox.poll(), now);
    }

    /** The connection of {@code role} dies: undelivered frames are lost. */
    void cut(LinkRole role) {
        closeConn(role);
        session.onDisconnected(links.get(role), now);
        pump();
    }

    private void closeConn(LinkRole role) {
        FakeServer.Conn conn = conns.remove(role);
        if (conn != null) {
            server.close(conn);
        }
    }

    /** Lets time pass, firing every deadline on the way. */
    void advance(Duration duration) {
        long target = now + duration.toNanos();
        while (session.nextDeadline() <= target) {
            now = Math.max(now, session.nextDeadline());
            session.onTimer(now);
            pump();
        }
        now = target;
    }

    String send(String body) {
        return send(body, null);
    }

    String send(String body, String replyTo) {
        String id = session.send("r", body, replyTo, now);
        pump();
        return id;
    }

    /** The final transcript of room r as "body" strings, in display order. */
    List<String> bodies() {
        return session.transcript("r").entries().stream().map(TranscriptEntry::body).toList();
    }

    /** The transcript of room r as "seq:body:STATUS" strings. */
    String lines() {
        return session.transcript("r").entries().stream()
                .map(e -> e.seq() + ":" + e.body() + ":" + e.status()).collect(Collectors.joining(", "));
    }

    /** How many visible moves happened. */
    long moves() {
        return journal.changes().stream().filter(c -> c instanceof dev.livetalk.client.transcript.TranscriptChange.Moved)
                .count();
    }

    <T extends ClientEvent> List<T> sent(Class<T> type) {
        return transmitted.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
