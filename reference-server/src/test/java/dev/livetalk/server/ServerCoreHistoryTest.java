package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.protocol.Receipt;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.nio.charset.StandardCharsets;

import static dev.livetalk.server.CoreDriver.error;
import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCoreHistoryTest {
    private final CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET)
            .historyLimit(20).maxHistoryReply(5));
    private final ConnectionId alice = driver.member("alice", "lobby");

    private void sendMessages(int count) {
        for (int i = 1; i <= count; i++) {
            driver.send(alice, "lobby", "m" + i, "body " + i);
        }
    }

    private HistoryReply history(HistoryRequest request) {
        return (HistoryReply) events(driver.frame(alice, request), alice).getFirst();
    }

    @Test
    void shouldServeRangeWithHeadAndFirstSeq() {
        sendMessages(10);
        HistoryReply reply = history(HistoryRequest.range("lobby", 3, 6));

        assertThat(reply.messages()).extracting(Message::seq).containsExactly(3L, 4L, 5L, 6L);
        assertThat(reply.headSeq()).isEqualTo(10);
        assertThat(reply.firstSeq()).isEqualTo(1);
    }

    @Test
    void shouldServeLimitedRequestAndCapRepliesAtTheConfiguredMaximum() {
        sendMessages(10);

        assertThat(history(HistoryRequest.limited("lobby", 2, 3)).messages())
                .extracting(Message::seq).containsExactly(2L, 3L, 4L);
        assertThat(history(HistoryRequest.range("lobby", 1, 10)).messages())
                .extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(history(HistoryRequest.limited("lobby", 8, Integer.MAX_VALUE)).messages())
                .extracting(Message::seq).containsExactly(8L, 9L, 10L);
    }

    @Test
    void shouldCutRangeToRetainedHistoryAndReportFirstSeq() {
        sendMessages(25);
        HistoryReply reply = history(HistoryRequest.range("lobby", 1, 7));

        assertThat(reply.firstSeq()).isEqualTo(6);
        assertThat(reply.messages()).extracting(Message::seq).containsExactly(6L, 7L);
    }

    @Test
    void shouldReplyEmptyBeyondHeadAndForEmptyRoom() {
        HistoryReply empty = history(HistoryRequest.limited("lobby", 1, 10));
        assertThat(empty.messages()).isEmpty();
        assertThat(empty.headSeq()).isZero();
        assertThat(empty.firstSeq()).isEqualTo(1);

        sendMessages(3);
        assertThat(history(HistoryRequest.range("lobby", 4, 9)).messages()).isEmpty();
    }

    @Test
    void shouldRefuseHistoryAndReadOfRoomNotJoined() {
        ConnectionId bob = driver.login("bob");

        assertThat(error(driver.frame(bob, HistoryRequest.limited("lobby", 1, 5)), bob).code())
                .isEqualTo(ErrorCode.NOT_MEMBER);
        assertThat(error(driver.frame(bob, new Read("lobby", 1)), bob).code()).isEqualTo(ErrorCode.NOT_MEMBER);
    }

    @Test
    void shouldSendReceiptToOtherConnectionsWhenMarkerAdvances() {
        ConnectionId bob = driver.member("bob", "lobby");
        ConnectionId alicePhone = driver.member("alice", "lobby");
        sendMessages(5);

        List<ServerOutput> out = driver.frame(bob, new Read("lobby", 3));

        Receipt receipt = new Receipt("lobby", "bob", ReceiptKind.READ, 3);
        assertThat(events(out, alice)).containsExactly(receipt);
        assertThat(events(out, alicePhone)).containsExactly(receipt);
        assertThat(events(out, bob)).isEmpty();
    }

    @Test
    void shouldKeepMarkersMonotonicAndClampedToHead() {
        ConnectionId bob = driver.member("bob", "lobby");
        sendMessages(5);
        driver.frame(bob, new Read("lobby", 4));

        assertThat(driver.frame(bob, new Read("lobby", 2))).isEmpty();
        assertThat(driver.frame(bob, new Read("lobby", 4))).isEmpty();
        assertThat(events(driver.frame(bob, new Read("lobby", 99)), alice))
                .containsExactly(new Receipt("lobby", "bob", ReceiptKind.READ, 5));
        assertThat(driver.frame(bob, new Read("lobby", 100))).isEmpty();
    }

    @Test
    void shouldTrackDeliveredAndReadMarkersSeparately() {
        ConnectionId bob = driver.member("bob", "lobby");
        sendMessages(5);

        assertThat(events(driver.frame(bob, new Read("lobby", 5, ReceiptKind.DELIVERED)), alice))
                .containsExactly(new Receipt("lobby", "bob", ReceiptKind.DELIVERED, 5));
        assertThat(events(driver.frame(bob, new Read("lobby", 2, ReceiptKind.READ)), alice))
                .containsExactly(new Receipt("lobby", "bob", ReceiptKind.READ, 2));
    }

    @Test
    void shouldIgnoreReadMarkerOfEmptyRoom() {
        ConnectionId bob = driver.member("bob", "lobby");

        assertThat(driver.frame(bob, new Read("lobby", 1))).isEmpty();
    }

    @Test
    void shouldCutHistoryReplyToTheByteLimitButKeepAtLeastOneMessage() {
        CoreDriver bytesLimited = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).maxReplyBytes(10_000));
        ConnectionId bob = bytesLimited.member("bob", "lobby");
        for (int i = 0; i < 5; i++) {
            bytesLimited.send(bob, "lobby", "b" + i, "x".repeat(4000));
        }
        HistoryReply reply = (HistoryReply) events(bytesLimited.frame(bob, HistoryRequest.range("lobby", 1, 5)), bob)
                .getFirst();
        assertThat(reply.messages()).extracting(Message::seq).containsExactly(1L, 2L);

        CoreDriver tiny = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).maxReplyBytes(1024));
        ConnectionId carol = tiny.member("carol", "lobby");
        tiny.send(carol, "lobby", "c", "y".repeat(4000));
        assertThat(((HistoryReply) events(tiny.frame(carol, HistoryRequest.range("lobby", 1, 1)), carol).getFirst())
                .messages()).hasSize(1);
    }

    @Test
    void shouldEstimateMessageSizeAtLeastAsLargeAsItsEncoding() {
        Message tricky = new Message("lobby", 7, "lobby:7", "c-\"1\"", "alice",
                "quotes \" and \\ backslashes, \u0001 control, caf\u00e9, \u4e2d\u6587, \ud83d\ude00 emoji", "lobby:3",
                1_700_000_000_000L);

        int encoded = driver.codec.encode(tricky).getBytes(StandardCharsets.UTF_8).length;
        assertThat(Rooms.estimatedBytes(tricky)).isGreaterThanOrEqualTo(encoded);
    }
}
