package dev.livetalk.client.tyrus;

import dev.livetalk.client.ClientSession;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Welcome;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real clients per strategy over loopback WebSockets against the reference server; one
 * of them is cut off at the TCP level while the other keeps talking, then healed. The final
 * transcripts are compared with the server's log: the reconciling strategies must match it
 * exactly, the naive ones must show the loss they are known for.
 */
class LoopbackStrategiesIT {
    private static final String SECRET = "loopback-it";
    private static final String ROOM = "general";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ReferenceServer server;
    private TcpCutter cutter;
    private ClientDriver driver;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Set<Long>> seenSeqs = new ConcurrentHashMap<>();
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startServer() throws Exception {
        server = ReferenceServer.start(ServerConfig.builder(SECRET).build());
        cutter = new TcpCutter(new InetSocketAddress("127.0.0.1", server.port()));
        driver = new ClientDriver(Duration.ofSeconds(2), failures::add);
    }

    @AfterEach
    void stop() throws Exception {
        driver.close();
        cutter.close();
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldCompareFinalTranscriptsWithTheServerLogAfterAForcedDisconnect(String strategy) {
        DrivenClient alice = client("alice", strategy, URI.create("ws://127.0.0.1:" + cutter.port() + ReferenceServer.PATH));
        DrivenClient bob = client("bob", strategy, server.uri());
        alice.start();
        bob.start();
        await("both clients joined", () -> joined.contains("alice") && joined.contains("bob")
                && ready(alice) && ready(bob));

        send(alice, "a1", "a2", "a3");
        send(bob, "b1", "b2", "b3");
        await("6 commits seen by both", () -> server.history(ROOM).size() == 6
                && seen("alice").contains(6L) && seen("bob").contains(6L));

        cutter.cut();
        await("alice notices the cut", () -> !ready(alice));
        joined.remove("alice"); // her room again after the heal, not her welcome alone: see below
        send(bob, "b4", "b5", "b6", "b7");
        send(alice, "a4-offline");
        await("bob's 4 commits during the cut", () -> server.history(ROOM).size() == 10);

        cutter.heal();
        // Welcomed is not yet a member again: a message committed between her welcome and her
        // rejoin never reaches event-only (it fetches nothing), which failed this test once
        // ("alice received the head 11", event-only, fresh-clone CI).
        await("alice reconnected and rejoined", () -> ready(alice) && joined.contains("alice"));
        send(bob, "b8-after");
        await("all sends settled and every commit seen by bob",
                () -> pending(alice) == 0 && pending(bob) == 0 && sawHead("bob"));
        long head = lastSeq();
        await("alice received the head " + head, () -> seen("alice").contains(head));

        List<Message> log = server.history(ROOM);
        List<TranscriptEntry> aliceView = transcript(alice);
        List<TranscriptEntry> bobView = transcript(bob);
        assertThat(failures).isEmpty();
        assertThat(seqs(bobView)).as("bob stayed connected: he sees every committed message once")
                .containsExactlyInAnyOrderElementsOf(seqs(log));
        List<Long> cutWindow = List.of(7L, 8L, 9L, 10L);
        switch (strategy) {
            case "gap-fill", "reconcile", "snapshot" -> {
                assertThat(seqs(bobView)).as("bob's view is in seq order").isEqualTo(seqs(log));
                assertThat(seqs(aliceView)).as("alice converges on the log; her view %s; the log %s",
                        aliceView, log).isEqualTo(seqs(log));
                assertThat(bodies(log)).contains("a4-offline");
                assertThat(aliceView).allMatch(entry -> entry.status() != MessageStatus.PENDING);
            }
            case "event-only", "naive-retry" -> {
                assertThat(seqs(aliceView)).as("alice lost what was sent while she was cut off")
                        .doesNotContainAnyElementsOf(cutWindow)
                        .contains(1L, 2L, 3L, 4L, 5L, 6L, head)
                        .doesNotHaveDuplicates();
            }
            case "ordered" -> {
                assertThat(seqs(aliceView).subList(0, 6)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                assertThat(aliceView.stream().filter(entry -> entry.seq() > 6))
                        .as("ordered waits forever behind the gap it never fills: after seq 6 only her own echo")
                        .allMatch(entry -> entry.from().equals("alice"));
            }
            default -> throw new AssertionError("no expectation for " + strategy);
        }
    }

    private DrivenClient client(String user, String strategy, URI uri) {
        SessionConfig config = SessionConfig.builder(user, UserToken.of(SECRET, user))
                .rooms(ROOM)
                .strategy(strategy)
                .ackTimeout(Duration.ofMillis(800))
                .heartbeat(Duration.ofMillis(200), Duration.ofMillis(1000))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .seed(user.hashCode())
                .build();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        seenSeqs.put(user, seen);
        return driver.add(new ClientSession(config, TranscriptListener.NONE), Map.of(LinkRole.MAIN, uri),
                (link, event, now) -> {
                    if (event instanceof Message message) {
                        seen.add(message.seq());
                    } else if (event instanceof Joined
                            || event instanceof Welcome welcome && welcome.rooms().containsKey(ROOM)) { // a resume joins in the welcome
                        joined.add(user);
                    }
                });
    }

    private void send(DrivenClient client, String... bodies) {
        driver.execute(() -> client.act(session -> {
            for (String body : bodies) {
                session.send(ROOM, body, null, driver.now());
            }
        }));
    }

    private boolean ready(DrivenClient client) {
        return onOwner(() -> client.session().isReady(LinkRole.MAIN));
    }

    private int pending(DrivenClient client) {
        return onOwner(() -> client.session().pendingSendCount());
    }

    private List<TranscriptEntry> transcript(DrivenClient client) {
        return onOwner(() -> List.copyOf(client.session().transcript(ROOM).entries()));
    }

    private Set<Long> seen(String user) {
        return seenSeqs.get(user);
    }

    private boolean sawHead(String user) {
        return seen(user).contains(lastSeq());
    }

    private long lastSeq() {
        List<Message> log = server.history(ROOM);
        return log.isEmpty() ? 0 : log.get(log.size() - 1).seq();
    }

    private <T> T onOwner(java.util.function.Supplier<T> query) {
        try {
            return driver.call(query).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the driver did not answer", e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static List<Long> seqs(List<?> entries) {
        List<Long> seqs = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Message message) {
                seqs.add(message.seq());
            } else if (entry instanceof TranscriptEntry displayed && displayed.seq() > 0) {
                seqs.add(displayed.seq());
            }
        }
        return seqs;
    }

    private static List<String> bodies(List<Message> log) {
        return log.stream().map(Message::body).toList();
    }
}
