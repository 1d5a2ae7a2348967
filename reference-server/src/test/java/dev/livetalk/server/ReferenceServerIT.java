package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;
import jakarta.websocket.CloseReason.CloseCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceServerIT {
    private static final String SECRET = "it-secret";

    private final List<Message> committed = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private ReferenceServer start(ServerConfig.Builder builder) throws Exception {
        ReferenceServer server = ReferenceServer.start(builder.commitListener(committed::add).build());
        resources.add(server);
        return server;
    }

    private TestClient login(ReferenceServer server, String user, String... rooms) throws Exception {
        TestClient client = TestClient.login(server.uri(), SECRET, user);
        resources.add(client);
        for (String room : rooms) {
            client.send(new Join(room));
            assertThat(client.next(Joined.class).room()).isEqualTo(room);
        }
        return client;
    }

    @Test
    void shouldChargeTheBytesOfAFrameBeforeDecodingIt() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET).inboundBytesLimit(1, 65_536));
        TestClient alice = login(server, "alice");
        String garbage = "{" + "x".repeat(60_000);

        alice.sendText(garbage);
        assertThat(alice.nextError().code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        alice.sendText(garbage);

        ErrorEvent dropped = alice.nextError();
        assertThat(dropped.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(dropped.message()).endsWith("per user: 60001 bytes dropped before decoding");
        assertThat(alice.isOpen()).isTrue();
    }

    @Test
    void shouldServeChatOnAFreeLoopbackPort() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET));
        TestClient alice = login(server, "alice", "lobby");
        TestClient bob = login(server, "bob", "lobby");

        alice.send(new Send("lobby", "a1", "hello bob", null));

        Ack ack = alice.next(Ack.class);
        Message atAlice = alice.next(Message.class);
        Message atBob = bob.next(Message.class);
        assertThat(server.uri().toString()).isEqualTo("ws://127.0.0.1:" + server.port() + "/livetalk/chat");
        assertThat(server.port()).isPositive();
        assertThat(ack.seq()).isEqualTo(1);
        assertThat(atBob).isEqualTo(atAlice);
        assertThat(atBob.from()).isEqualTo("alice");
        assertThat(committed).containsExactly(atBob);
        assertThat(alice.welcome.epoch()).isEqualTo(server.epoch());
    }

    @Test
    void shouldResumeAfterReconnectWithoutGapOrDuplicate() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET));
        TestClient alice = login(server, "alice", "lobby");
        TestClient bob = login(server, "bob", "lobby");
        sendAndAwaitAck(alice, 3, "before");
        bob.close();
        sendAndAwaitAck(alice, 4, "while-away");

        TestClient back = TestClient.login(server.uri(), SECRET, "bob", server.epoch(), Map.of("lobby", 3L));
        resources.add(back);
        alice.send(new Send("lobby", "live", "live", null));

        assertThat(back.welcome.resume()).containsExactly(Map.entry("lobby", ResumeStatus.RESUMED));
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seqs.add(back.next(Message.class).seq());
        }
        assertThat(seqs).containsExactly(4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void shouldAnswerResendFromNewConnectionWithTheSameAck() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET));
        TestClient first = login(server, "alice", "lobby");
        first.send(new Send("lobby", "once", "only once", null));
        Ack ack = first.next(Ack.class);
        first.close();

        TestClient second = login(server, "alice", "lobby");
        second.send(new Send("lobby", "once", "only once", null));

        assertThat(second.next(Ack.class)).isEqualTo(ack);
        assertThat(committed).hasSize(1);
    }

    @Test
    void shouldSendReceiptsAndServeHistory() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET));
        TestClient alice = login(server, "alice", "lobby");
        TestClient bob = login(server, "bob", "lobby");
        sendAndAwaitAck(alice, 3, "m");

        bob.send(new Read("lobby", 2, ReceiptKind.READ));
        assertThat(alice.next(Receipt.class)).isEqualTo(new Receipt("lobby", "bob", ReceiptKind.READ, 2));
        bob.send(HistoryRequest.range("lobby", 2, 3));
        skipMessages(bob, 3);
        HistoryReply reply = bob.next(HistoryReply.class);

        assertThat(reply.messages()).extracting(Message::seq).containsExactly(2L, 3L);
        assertThat(reply.headSeq()).isEqualTo(3);
    }

    @Test
    void shouldCloseIdleConnectionWithIdleTimeoutError() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET).idleTimeout(Duration.ofMillis(300)));
        TestClient quiet = login(server, "quiet");

        assertThat(quiet.nextError().code()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
        assertThat(quiet.awaitClose().getCloseCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
    }

    @Test
    void shouldAnnounceEpochChangedAfterRestart() throws Exception {
        ReferenceServer first = start(ServerConfig.builder(SECRET));
        TestClient alice = login(first, "alice", "lobby");
        sendAndAwaitAck(alice, 2, "lost");
        String oldEpoch = first.epoch();
        first.close();
        assertThat(alice.awaitClose().getCloseCode()).isEqualTo(CloseCodes.GOING_AWAY);

        ReferenceServer second = start(ServerConfig.builder(SECRET));
        TestClient back = TestClient.login(second.uri(), SECRET, "alice", oldEpoch, Map.of("lobby", 2L));
        resources.add(back);

        assertThat(second.epoch()).isNotEqualTo(oldEpoch);
        assertThat(back.welcome.resume()).containsExactly(Map.entry("lobby", ResumeStatus.EPOCH_CHANGED));
    }

    @Test
    void shouldSequenceConcurrentSendersContiguouslyForEveryMember() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET));
        List<TestClient> members = new ArrayList<>();
        for (String user : List.of("ann", "ben", "cat", "dan")) {
            members.add(login(server, user, "lobby"));
        }
        List<Thread> senders = new ArrayList<>();
        for (TestClient member : members) {
            senders.add(Thread.ofVirtual().name("it-sender").start(() -> sendBurst(member, 50)));
        }
        for (Thread sender : senders) {
            assertThat(sender.join(TestClient.DEADLINE)).isTrue();
        }

        List<Long> expected = LongStream.rangeClosed(1, 200).boxed().toList();
        for (TestClient member : members) {
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                if (member.next() instanceof Message message) {
                    seqs.add(message.seq());
                }
            }
            assertThat(seqs).containsExactlyElementsOf(expected);
        }
        assertThat(committed).extracting(Message::seq).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldCloseSlowConsumerWithoutBlockingOtherClients() throws Exception {
        ReferenceServer server = start(ServerConfig.builder(SECRET).rateLimit(1_000_000, 1_000_000)
                .outboundQueueLimit(32));
        TestClient alice = login(server, "alice", "lobby");
        try (RawWebSocket stalled = new RawWebSocket(server.uri(), TestClient.DEADLINE)) {
            stalled.send(RawWebSocket.TEXT, ("{\"type\":\"hello\",\"user\":\"stalled\",\"version\":1,\"token\":\""
                    + UserToken.of(SECRET, "stalled") + "\"}").getBytes(StandardCharsets.UTF_8));
            stalled.send(RawWebSocket.TEXT, "{\"type\":\"join\",\"room\":\"lobby\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(stalled.read().text()).contains("welcome");
            assertThat(stalled.read().text()).contains("joined");
            String body = "x".repeat(4000);
            int sent = 0;
            while (server.connectionCount() > 1 && sent < 50_000) {
                alice.send(new Send("lobby", "flood-" + sent, body, null));
                assertThat(alice.next(Ack.class).seq()).isEqualTo(++sent);
                alice.next(Message.class);
            }
            assertThat(server.connectionCount()).isEqualTo(1);
            alice.send(new Ping(99));
            assertThat(alice.next(Pong.class).t()).isEqualTo(99);
        }
    }

    @Test
    void shouldFailToStartOnABusyPortNamingThePort() throws Exception {
        ReferenceServer first = start(ServerConfig.builder(SECRET));
        ServerConfig busy = ServerConfig.builder(SECRET).port(first.port()).build();

        assertThatThrownBy(() -> ReferenceServer.start(busy)).isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.1:" + first.port());
        TestClient alice = login(first, "alice", "lobby");
        assertThat(alice.welcome.epoch()).isEqualTo(first.epoch());
    }

    @Test
    void shouldRunTheTickerOnANamedThread() throws Exception {
        start(ServerConfig.builder(SECRET));

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .contains("livetalk-server-ticker");
    }

    private static void sendAndAwaitAck(TestClient client, int count, String prefix) throws Exception {
        for (int i = 0; i < count; i++) {
            client.send(new Send("lobby", prefix + i, "body " + i, null));
            client.next(Ack.class);
            client.next(Message.class);
        }
    }

    private static void sendBurst(TestClient client, int count) {
        try {
            for (int i = 0; i < count; i++) {
                client.send(new Send("lobby", Thread.currentThread().threadId() + "-" + i, "burst " + i, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipMessages(TestClient client, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            client.next(Message.class);
        }
    }
}
