package dev.livetalk.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.server.ConnectionId;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerCore;
import dev.livetalk.server.ServerOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session core against the reference server core, every frame through the wire codec,
 * on the test thread with one controlled clock (no sockets: the loopback test is elsewhere).
 * Checks that the session speaks the server's protocol, and that the recovering strategies
 * converge to the server's log after a connection dies with a send in flight.
 */
class ServerCoreRoundTripTest {
    private static final String SECRET = "s3cret";
    private static final long MS = 1_000_000L;

    private final EventCodec codec = new EventCodec();
    private ServerCore server = new ServerCore(ServerConfig.builder(SECRET).build(), "e1", 0);
    /** A session's link: links are only unique within their session. */
    private record Endpoint(ClientSession session, Link link) {
    }

    private final Map<Endpoint, ConnectionId> connections = new HashMap<>();
    private final Map<ConnectionId, Link> links = new HashMap<>();
    private final Map<ConnectionId, ClientSession> owners = new HashMap<>();
    private final List<ErrorEvent> errors = new ArrayList<>();
    /** Every welcome each session received, in order. */
    private final Map<ClientSession, List<Welcome>> welcomes = new HashMap<>();
    /** The highest delivered marker each session put on the wire, per room. */
    private final Map<ClientSession, Map<String, Long>> deliveredMarkers = new HashMap<>();
    /** The client that is away, in the resume tests. */
    private ClientSession alice;
    private long nextConnection = 1;
    private long now = 1000 * MS;

    private ClientSession client(String user, String strategy) {
        SessionConfig config = SessionConfig.builder(user, UserToken.of(SECRET, user)).rooms("r")
                .strategy(strategy).seed(user.hashCode()).build();
        ClientSession session = new ClientSession(config, TranscriptListener.NONE);
        session.start(now);
        return session;
    }

    /** Carries every output of every session, and the server's answers, until all is quiet. */
    private void pump(List<ClientSession> sessions) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (ClientSession session : sessions) {
                for (SessionOutput output : session.drainOutputs()) {
                    moved = true;
                    carry(session, output);
                }
            }
        }
    }

    private void carry(ClientSession session, SessionOutput output) {
        switch (output) {
            case SessionOutput.Connect c -> {
                ConnectionId id = new ConnectionId(nextConnection++);
                connections.put(new Endpoint(session, c.link()), id);
                links.put(id, c.link());
                owners.put(id, session);
                server.onOpen(id, now);
                session.onConnected(c.link(), now);
            }
            case SessionOutput.Transmit t -> {
                ConnectionId id = connections.get(new Endpoint(session, t.link()));
                if (t.event() instanceof Read read && read.kind() == ReceiptKind.DELIVERED) {
                    deliveredMarkers.computeIfAbsent(session, k -> new HashMap<>()).merge(read.room(), read.seq(), Math::max);
                }
                if (id != null) {
                    Decoded<ClientEvent> frame = codec.decodeClient(codec.encode(t.event()));
                    assertThat(frame).isInstanceOf(Decoded.Ok.class);
                    server.onFrame(id, frame, now).forEach(this::deliver);
                }
            }
            case SessionOutput.Disconnect d -> close(session, d.link());
        }
    }

    private void deliver(ServerOutput output) {
        Link link = links.get(output.connection());
        if (output instanceof ServerOutput.Deliver deliver && link != null) {
            Decoded<ServerEvent> frame = codec.decodeServer(codec.encode(deliver.event()));
            ServerEvent event = ((Decoded.Ok<ServerEvent>) frame).event();
            if (event instanceof ErrorEvent error) {
                errors.add(error);
            }
            if (event instanceof Welcome welcome) {
                welcomes.computeIfAbsent(owners.get(output.connection()), k -> new ArrayList<>()).add(welcome);
            }
            owners.get(output.connection()).onFrame(link, event, now);
        }
    }

    private void close(ClientSession session, Link link) {
        ConnectionId id = connections.remove(new Endpoint(session, link));
        if (id != null) {
            links.remove(id);
            server.onClose(id, now);
        }
    }

    private void advance(Duration duration, List<ClientSession> sessions) {
        long target = now + duration.toNanos();
        while (true) {
            long next = sessions.stream().mapToLong(ClientSession::nextDeadline).min().orElseThrow();
            if (next > target) {
                break;
            }
            now = Math.max(now, next);
            sessions.forEach(s -> s.onTimer(now));
            pump(sessions);
        }
        now = target;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gap-fill", "reconcile", "snapshot"})
    void shouldConvergeToTheServerLogAfterAConnectionDiesWithASendInFlight(String strategy) {
        ClientSession alice = client("alice", strategy);
        ClientSession carol = client("carol", strategy);
        List<ClientSession> both = List.of(alice, carol);
        pump(both);
        alice.send("r", "a1", null, now);
        carol.send("r", "c1", null, now);
        pump(both);

        alice.send("r", "a2", null, now);
        List<SessionOutput> inFlight = alice.drainOutputs();
        assertThat(inFlight).as("errors %s, pending %s", errors, alice.dumpPending()).hasSize(1);
        Link aliceLink = inFlight.get(0).link();
        close(alice, aliceLink);
        alice.onDisconnected(aliceLink, now);
        carol.send("r", "c2", "r:1", now);
        pump(both);
        advance(Duration.ofSeconds(10), both);

        List<String> log = server.history("r").stream().map(m -> m.id()).toList();
        assertThat(log).hasSize(4);
        assertThat(alice.transcript("r").entries()).extracting(TranscriptEntry::id).isEqualTo(log);
        assertThat(carol.transcript("r").entries()).extracting(TranscriptEntry::id).isEqualTo(log);
        assertThat(alice.pendingSendCount()).isZero();
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldSpeakTheServersProtocolInSplitModeWithoutErrors(String strategy) {
        SessionConfig config = SessionConfig.builder("alice", UserToken.of(SECRET, "alice")).rooms("r", "s")
                .strategy(strategy).split(true).deliveredDelay(Duration.ZERO).seed(3).build();
        ClientSession alice = new ClientSession(config, TranscriptListener.NONE);
        ClientSession carol = client("carol", strategy);
        alice.start(now);
        List<ClientSession> both = List.of(alice, carol);
        pump(both);

        alice.send("r", "hello", null, now);
        alice.send("s", "elsewhere", null, now);
        carol.send("r", "hi", null, now);
        pump(both);
        carol.markRead("r", 1, now);
        pump(both);
        advance(Duration.ofSeconds(5), both);

        assertThat(alice.transcript("r").entries()).extracting(TranscriptEntry::body).containsExactly("hello", "hi");
        assertThat(alice.transcript("r").entries().get(0).status().name()).isEqualTo("READ");
        assertThat(alice.transcript("s").entries()).extracting(TranscriptEntry::seq).containsExactly(1L);
        assertThat(errors).isEmpty();
    }

    /**
     * A resume that would replay more than the server's bound is answered
     * {@code history-truncated} although the server still holds every missed message
     * (docs/PROTOCOL.md, "Resume replay bound"): the client is to page through {@code history}
     * from its position. {@code reconcile} took it for a retention loss and loaded a snapshot of
     * the newest {@code fetchLimit} messages, skipping the rest and putting a delivered marker
     * over them (the 30-minute Toxiproxy soak: clients back 20-80 s after a deploy, 1,008
     * missed against a bound of 1,000, lost 107,805). Here: a bound of 5, a fetch limit of 4, 12
     * missed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gap-fill", "reconcile"})
    void shouldPageThroughWhatTheServerHoldsWhenAResumeIsTooLongToReplay(String strategy) {
        server = new ServerCore(ServerConfig.builder(SECRET).maxResumeReplay(5, 1024 * 1024).build(), "e1", 0);
        List<String> log = awayWhileTwelveAreCommitted(strategy);

        assertThat(alice.transcript("r").entries()).extracting(TranscriptEntry::id).isEqualTo(log);
        assertThat(deliveredMarkers.get(alice)).containsEntry("r", 13L);
        assertThat(errors).isEmpty();
    }

    /**
     * {@code history-truncated} from retention: the server dropped seqs 2-5 and holds 6-13, more
     * than one fetch; everything it holds is shown, in order, and only what it dropped is
     * skipped (a snapshot showed the newest 4 only).
     */
    @ParameterizedTest
    @ValueSource(strings = {"gap-fill", "reconcile"})
    void shouldShowEverythingTheServerStillHoldsWhenItsHistoryDroppedSomeOfWhatWasMissed(String strategy) {
        server = new ServerCore(ServerConfig.builder(SECRET).historyLimit(8).build(), "e1", 0);
        List<String> log = awayWhileTwelveAreCommitted(strategy);

        assertThat(log).hasSize(8);
        List<String> shown = alice.transcript("r").entries().stream().map(TranscriptEntry::id).toList();
        assertThat(shown).hasSize(9).endsWith(log.toArray(String[]::new));
        assertThat(shown.get(0)).startsWith("r:1.");
        assertThat(deliveredMarkers.get(alice)).containsEntry("r", 13L);
        assertThat(errors).isEmpty();
    }

    /**
     * Alice (fetch limit 4) sees carol's first message, is cut off while carol sends 12 more,
     * and reconnects; returns the server's log. For {@code reconcile}, checks that the resume
     * was answered {@code history-truncated}.
     */
    private List<String> awayWhileTwelveAreCommitted(String strategy) {
        StrategySettings defaults = StrategySettings.defaults();
        SessionConfig config = SessionConfig.builder("alice", UserToken.of(SECRET, "alice")).rooms("r")
                .strategy(strategy).seed(7).deliveredDelay(Duration.ZERO)
                .strategySettings(new StrategySettings(defaults.gapTimeout(), 4, defaults.maxSendAttempts(),
                        defaults.retryBackoff()))
                .build();
        alice = new ClientSession(config, TranscriptListener.NONE);
        alice.start(now);
        ClientSession carol = client("carol", strategy);
        List<ClientSession> both = List.of(alice, carol);
        pump(both);
        carol.send("r", "c0", null, now);
        pump(both);
        assertThat(alice.transcript("r").entries()).hasSize(1);

        ClientSession away = alice;
        Link aliceLink = connections.keySet().stream().filter(e -> e.session() == away).findFirst().orElseThrow().link();
        close(alice, aliceLink);
        alice.onDisconnected(aliceLink, now);
        for (int i = 1; i <= 12; i++) {
            carol.send("r", "c" + i, null, now);
            pump(both);
        }
        advance(Duration.ofSeconds(10), both);

        if (strategy.equals("reconcile")) {
            assertThat(welcomes.get(alice)).extracting(w -> w.resume().get("r"))
                    .containsExactly(null, ResumeStatus.HISTORY_TRUNCATED);
        }
        return server.history("r").stream().map(m -> m.id()).toList();
    }
}
