package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against the real server over loopback: each frame gets its documented error
 * (or, where Tyrus acts first, its documented close), the server keeps serving a well-behaved
 * sender and watcher, and every message acknowledged to the sender stays in the history.
 */
class BadInputCorpusIT {
    private static final String SECRET = "corpus-secret";
    private static final String ROOM = "lobby";

    private static ReferenceServer server;
    private static TestClient sender;
    private static TestClient watcher;
    private static final List<Ack> acked = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** One bad text frame and the error it must get; the connection stays open. */
    record Case(String name, String frame, ErrorCode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> keptConnectionCases() {
        return Stream.of(
                new Case("malformed JSON", "{not json", ErrorCode.MALFORMED_JSON),
                new Case("JSON array", "[1,2,3]", ErrorCode.MALFORMED_JSON),
                new Case("empty frame", "", ErrorCode.MALFORMED_JSON),
                new Case("trailing garbage", "{\"type\":\"ping\",\"t\":1} x", ErrorCode.MALFORMED_JSON),
                new Case("number as clientMsgId",
                        "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":7,\"body\":\"x\"}", ErrorCode.INVALID_FIELD),
                new Case("number as type", "{\"type\":42}", ErrorCode.INVALID_FIELD),
                new Case("string as seq", "{\"type\":\"read\",\"room\":\"lobby\",\"seq\":\"3\"}", ErrorCode.INVALID_FIELD),
                new Case("bad room name", "{\"type\":\"join\",\"room\":\"no spaces here\"}", ErrorCode.INVALID_FIELD),
                new Case("from in payload",
                        "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"f1\",\"body\":\"x\",\"from\":\"sender\"}",
                        ErrorCode.INVALID_FIELD),
                new Case("unknown type", "{\"type\":\"teleport\",\"room\":\"lobby\"}", ErrorCode.UNKNOWN_TYPE),
                new Case("server-only type", "{\"type\":\"welcome\",\"session\":\"s\",\"epoch\":\"e\"}",
                        ErrorCode.UNKNOWN_TYPE),
                new Case("missing clientMsgId", "{\"type\":\"send\",\"room\":\"lobby\",\"body\":\"x\"}",
                        ErrorCode.MISSING_FIELD),
                new Case("missing type", "{\"room\":\"lobby\"}", ErrorCode.MISSING_FIELD),
                new Case("body too large", "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"big\",\"body\":\""
                        + "b".repeat(5000) + "\"}", ErrorCode.BODY_TOO_LARGE),
                new Case("huge frame", "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"huge\",\"body\":\""
                        + "h".repeat(200_000) + "\"}", ErrorCode.FRAME_TOO_LARGE),
                new Case("room not joined", "{\"type\":\"send\",\"room\":\"elsewhere\",\"clientMsgId\":\"n1\",\"body\":\"x\"}",
                        ErrorCode.NOT_MEMBER));
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = ReferenceServer.start(ServerConfig.builder(SECRET).build());
        sender = TestClient.login(server.uri(), SECRET, "sender");
        watcher = TestClient.login(server.uri(), SECRET, "watcher");
        for (TestClient client : List.of(sender, watcher)) {
            client.send(new Join(ROOM));
            client.next(Joined.class);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        sender.close();
        watcher.close();
        server.close();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        assertServerStillServesAndKeepsAckedMessages();
    }

    private TestClient mallory() throws Exception {
        TestClient mallory = TestClient.login(server.uri(), SECRET, "mallory");
        clients.add(mallory);
        mallory.send(new Join(ROOM));
        mallory.next(Joined.class);
        return mallory;
    }

    private TestClient stranger() throws Exception {
        TestClient stranger = TestClient.connect(server.uri());
        clients.add(stranger);
        return stranger;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptConnectionCases")
    void shouldAnswerBadFrameWithItsErrorAndKeepTheConnection(Case badInput) throws Exception {
        TestClient mallory = mallory();
        mallory.sendText(badInput.frame());

        ErrorEvent error = mallory.nextError();
        assertThat(error.code()).isEqualTo(badInput.expected());
        assertThat(error.message()).isNotBlank();
        mallory.send(new Ping(7));
        assertThat(mallory.next(Pong.class).t()).isEqualTo(7);
    }

    @Test
    void shouldAnswerBinaryFrameWithBinaryFrameErrorAndKeepTheConnection() throws Exception {
        TestClient mallory = mallory();
        mallory.sendBinary(ByteBuffer.wrap("{\"type\":\"ping\",\"t\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(mallory.nextError().code()).isEqualTo(ErrorCode.BINARY_FRAME);
        mallory.send(new Ping(8));
        assertThat(mallory.next(Pong.class).t()).isEqualTo(8);
    }

    @Test
    void shouldCloseOnWrongToken() throws Exception {
        TestClient stranger = stranger();
        stranger.send(new Hello("sender", UserToken.of("guessed-secret", "sender"), 1));

        assertClosedWith(stranger, ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void shouldCloseOnWrongVersion() throws Exception {
        TestClient stranger = stranger();
        stranger.send(new Hello("mallory", UserToken.of(SECRET, "mallory"), 2));

        assertClosedWith(stranger, ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void shouldCloseWhenFirstFrameIsNotHello() throws Exception {
        TestClient stranger = stranger();
        stranger.send(new Send(ROOM, "x", "no hello", null));

        assertClosedWith(stranger, ErrorCode.HELLO_REQUIRED);
    }

    @Test
    void shouldLetTyrusCloseInvalidUtf8TextFrameWith1007() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(server.uri(), TestClient.DEADLINE)) {
            raw.send(RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'});

            RawWebSocket.Frame frame = raw.read();
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(CloseCodes.NOT_CONSISTENT.getCode());
        }
    }

    @Test
    void shouldLetTyrusCloseFrameBeyondItsIncomingBuffer() throws Exception {
        TestClient mallory = mallory();
        mallory.sendText("x".repeat(2 * 1024 * 1024));

        CloseReason reason = mallory.awaitClose();
        assertThat(reason.getCloseCode().getCode()).isEqualTo(CloseCodes.UNEXPECTED_CONDITION.getCode());
    }

    private static void assertClosedWith(TestClient client, ErrorCode code) throws Exception {
        assertThat(client.nextError().code()).isEqualTo(code);
        CloseReason reason = client.awaitClose();
        assertThat(reason.getCloseCode()).isEqualTo(CloseCodes.VIOLATED_POLICY);
        assertThat(reason.getReasonPhrase()).isEqualTo(code.wireName());
    }

    /** The sender still gets acks, the watcher still gets them live, history holds every acked one. */
    private static void assertServerStillServesAndKeepsAckedMessages() throws Exception {
        String clientMsgId = "ok-" + acked.size();
        sender.send(new Send(ROOM, clientMsgId, "still here", null));
        Ack ack = sender.next(Ack.class);
        acked.add(ack);
        assertThat(sender.next(Message.class).id()).isEqualTo(ack.id());
        assertThat(watcher.next(Message.class).id()).isEqualTo(ack.id());

        watcher.send(HistoryRequest.range(ROOM, 1, ack.seq()));
        HistoryReply history = watcher.next(HistoryReply.class);
        assertThat(history.messages()).extracting(Message::id)
                .containsAll(acked.stream().map(Ack::id).toList());
        assertThat(server.history(ROOM)).extracting(Message::id).containsAll(acked.stream().map(Ack::id).toList());
        assertThat(ack.seq()).as("no rejected frame committed a message").isEqualTo(acked.size());
    }

}
