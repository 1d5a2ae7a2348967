package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Send;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference server with a durable history: recovery, acks after durability, slowed commits. */
class DurableServerIT {
    private static final String SECRET = "durable-secret";
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dataDir;

    private final List<Message> committed = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private ServerConfig config() {
        return ServerConfig.builder(SECRET).dataDir(dataDir).commitListener(committed::add).build();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private TestClient login(ReferenceServer server, String user) throws Exception {
        TestClient client = keep(TestClient.login(server.uri(), SECRET, user));
        client.send(new Join("lobby"));
        client.next(Joined.class);
        return client;
    }

    /** The next ack, passing over the broadcasts of the client's own messages. */
    private static Ack nextAck(TestClient client) throws InterruptedException {
        while (true) {
            if (client.next() instanceof Ack ack) {
                return ack;
            }
        }
    }

    @Test
    void shouldComeBackWithTheSameEpochHistoryAndOriginalAcks() throws Exception {
        ReferenceServer first = ReferenceServer.start(config());
        TestClient alice = login(first, "alice");
        List<Ack> acks = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            alice.send(new Send("lobby", "c" + i, "durable " + i, null));
            acks.add(nextAck(alice));
        }
        String epoch = first.epoch();
        List<Message> before = first.history("lobby");
        alice.close();
        first.close();

        ReferenceServer second = keep(ReferenceServer.start(config()));
        assertThat(second.epoch()).isEqualTo(epoch);
        assertThat(second.history("lobby")).isEqualTo(before).hasSize(5);
        TestClient back = keep(TestClient.login(second.uri(), SECRET, "alice", epoch, Map.of("lobby", 5L)));
        assertThat(back.welcome.resume()).containsExactly(Map.entry("lobby", ResumeStatus.RESUMED));
        back.send(new Send("lobby", "c3", "durable 3", null));
        assertThat(nextAck(back)).isEqualTo(acks.get(2));
        back.send(new Send("lobby", "c6", "after the restart", null));
        assertThat(nextAck(back).seq()).isEqualTo(6);
        back.send(new HistoryRequest("lobby", 1, null, 100));
        HistoryReply reply = null;
        while (reply == null) {
            reply = back.next() instanceof HistoryReply r ? r : null;
        }
        assertThat(reply.messages()).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void shouldAnswerAResendOlderThanTheRetainedHistoryWithItsOriginalAckAfterARestart() throws Exception {
        ServerConfig small = config().toBuilder().historyLimit(2).build();
        ReferenceServer first = ReferenceServer.start(small);
        TestClient alice = login(first, "alice");
        List<Ack> acks = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            alice.send(new Send("lobby", "c" + i, "durable " + i, null));
            acks.add(nextAck(alice));
        }
        alice.close();
        first.close();

        ReferenceServer second = keep(ReferenceServer.start(small));
        assertThat(second.history("lobby")).extracting(Message::seq).containsExactly(3L, 4L);
        TestClient back = login(second, "alice");
        back.send(new Send("lobby", "c1", "durable 1", null));
        assertThat(nextAck(back)).as("a resend of seq 1, beyond the 2 retained").isEqualTo(acks.get(0));
    }

    @Test
    void shouldReleaseNeitherAckNorBroadcastBeforeTheCommitIsDurable() throws Exception {
        HeldStore store = new HeldStore(SqliteHistoryStore.open(dataDir, null, () -> "e-held"));
        ReferenceServer server = keep(ReferenceServer.start(config(), store));
        TestClient alice = login(server, "alice");
        TestClient bob = login(server, "bob");
        store.hold();

        alice.send(new Send("lobby", "held", "wait for the disk", null));
        assertThat(store.entered.tryAcquire(TestClient.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        bob.send(new Ping(7));
        assertThat(alice.poll(QUIET)).isNull();
        assertThat(bob.poll(Duration.ZERO)).isNull();
        assertThat(committed).isEmpty();

        store.release();
        Ack ack = nextAck(alice);
        assertThat(ack.seq()).isEqualTo(1);
        assertThat(bob.next(Message.class).id()).isEqualTo(ack.id());
        assertThat(bob.next(Pong.class).t()).isEqualTo(7);
        assertThat(committed).extracting(Message::id).containsExactly(ack.id());
    }

    @Test
    void shouldAcknowledgeNothingAndRefuseConnectionsOnceTheStoreFails() throws Exception {
        HeldStore store = new HeldStore(SqliteHistoryStore.open(dataDir, null, () -> "e-fail"));
        ReferenceServer server = keep(ReferenceServer.start(config(), store));
        TestClient alice = login(server, "alice");
        store.failing = true;

        alice.send(new Send("lobby", "doomed", "the disk is full", null));

        assertThat(alice.awaitClose().getReasonPhrase()).isEqualTo("durable history failed");
        assertThat(alice.poll(Duration.ZERO)).isNull();
        assertThat(committed).isEmpty();
        TestClient late = keep(TestClient.connect(server.uri()));
        assertThat(late.awaitClose().getReasonPhrase()).isEqualTo("durable history failed");
    }

    @Test
    void shouldSlowEachCommitOfAServerInMemoryAndLiftIt() throws Exception {
        ReferenceServer server = keep(ReferenceServer.start(ServerConfig.builder(SECRET).commitListener(committed::add).build()));
        TestClient alice = login(server, "alice");
        server.slowCommits(QUIET);

        long sent = System.nanoTime();
        alice.send(new Send("lobby", "slow", "slowly", null));
        nextAck(alice);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(QUIET);

        server.slowCommits(Duration.ZERO);
        alice.send(new Send("lobby", "fast", "again", null));
        assertThat(nextAck(alice).seq()).isEqualTo(2);
        assertThat(committed).hasSize(2);
        assertThatThrownBy(() -> server.slowCommits(Duration.ofMillis(-1)))
                .hasMessage("slow-commit delay must be >= 0 (0 lifts it): PT-0.001S");
    }

    @Test
    void shouldRefuseToStartOnDamagedDataNamingTheFile() throws Exception {
        Path file = dataDir.resolve("history.db");
        Files.writeString(file, "this is not a SQLite database, and it is long enough to have a header of sorts".repeat(100));
        assertThatThrownBy(() -> ReferenceServer.start(config()))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageStartingWith("durable history " + file + ": ")
                .hasMessageContaining("not a database");
    }

    /** A store whose appends the test can hold before they reach the disk. */
    private static final class HeldStore implements HistoryStore {
        private final HistoryStore inner;
        private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
        final Semaphore entered = new Semaphore(0);
        volatile boolean failing;

        HeldStore(HistoryStore inner) {
            this.inner = inner;
        }

        void hold() throws InterruptedException {
            gate.acquire(Integer.MAX_VALUE);
        }

        void release() {
            gate.release(Integer.MAX_VALUE);
        }

        @Override
        public Path file() {
            return inner.file();
        }

        @Override
        public String epoch() {
            return inner.epoch();
        }

        @Override
        public ServerHistory recover(int historyLimit) throws HistoryStoreException {
            return inner.recover(historyLimit);
        }

        @Override
        public void append(List<Message> messages) throws HistoryStoreException {
            entered.release();
            if (failing) {
                throw new HistoryStoreException(file(), "cannot commit " + messages.size() + " messages: disk full");
            }
            gate.acquireUninterruptibly();
            try {
                inner.append(messages);
            } finally {
                gate.release();
            }
        }

        @Override
        public void close() throws HistoryStoreException {
            inner.close();
        }
    }
}
