package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.protocol.Send;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sends, acks, resends, reconnects and resume, against the fake server. */
class SessionSendTest {
    private final FakeServer server = new FakeServer();

    private TestClient client(String user, String strategy) {
        return new TestClient(server, TestClient.config(user, strategy).build()).start();
    }

    @Test
    void shouldSayHelloWithTokenAndVersionThenJoinTheRooms() {
        TestClient alice = client("alice", "reconcile");

        assertThat(alice.transmitted.subList(0, 2)).containsExactly(
                new Hello("alice", "token-alice", ProtocolVersion.CURRENT), new Join("r"));
        assertThat(alice.session.isReady(LinkRole.MAIN)).isTrue();
    }

    @Test
    void shouldShowTheEchoPendingAtOnceThenSent() {
        TestClient alice = client("alice", "reconcile");
        alice.holdFrames = true;

        String id = alice.send("hi");

        assertThat(alice.session.transcript("r").find(id).status()).isEqualTo(MessageStatus.PENDING);
        alice.holdFrames = false;
        alice.pump();
        assertThat(alice.lines()).isEqualTo("1:hi:SENT");
        assertThat(alice.journal.historyOf(id)).extracting(c -> c.entry().status())
                .containsExactly(MessageStatus.PENDING, MessageStatus.SENT, MessageStatus.SENT);
    }

    @Test
    void shouldResendWithTheSameIdAfterALostAck() {
        TestClient alice = client("alice", "gap-fill");
        alice.holdFrames = true;

        String id = alice.send("hi");
        alice.dropWaitingFrames(LinkRole.MAIN);
        alice.holdFrames = false;
        alice.advance(Duration.ofSeconds(3));

        assertThat(alice.sent(Send.class)).extracting(Send::clientMsgId).containsExactly(id, id);
        assertThat(alice.sent(HistoryRequest.class)).containsExactly(HistoryRequest.range("r", 1, 1));
        assertThat(server.log("r")).hasSize(1);
        assertThat(alice.lines()).isEqualTo("1:hi:SENT");
        assertThat(alice.session.pendingSendCount()).isZero();
    }

    @Test
    void shouldCommitTwiceWhenNaiveRetryResendsAfterALostAck() {
        TestClient alice = client("alice", "naive-retry");
        TestClient carol = client("carol", "naive-retry");
        alice.holdFrames = true;

        alice.send("hi");
        alice.dropWaitingFrames(LinkRole.MAIN);
        alice.holdFrames = false;
        alice.advance(Duration.ofSeconds(3));
        carol.pump();

        assertThat(alice.sent(Send.class)).extracting(Send::clientMsgId).doesNotHaveDuplicates().hasSize(2);
        assertThat(server.log("r")).extracting(m -> m.body()).containsExactly("hi", "hi");
        assertThat(alice.lines()).isEqualTo("2:hi:SENT");
        assertThat(carol.lines()).isEqualTo("1:hi:SENT, 2:hi:SENT");
    }

    @Test
    void shouldShowItsOwnDuplicateWhenNaiveRetryResendsAfterAnAckThatWasOnlySlow() {
        TestClient alice = client("alice", "naive-retry");
        alice.holdFrames = true;

        alice.send("hi");
        alice.advance(Duration.ofMillis(2100));
        alice.holdFrames = false;
        alice.pump();

        assertThat(alice.sent(Send.class)).hasSize(2);
        assertThat(alice.lines()).isEqualTo("1:hi:SENT, 2:hi:SENT");
    }

    @Test
    void shouldKeepOneLineWhenGapFillResendsAfterAnAckThatWasOnlySlow() {
        TestClient alice = client("alice", "gap-fill");
        alice.holdFrames = true;

        alice.send("hi");
        alice.advance(Duration.ofMillis(2100));
        alice.holdFrames = false;
        alice.pump();

        assertThat(alice.sent(Send.class)).hasSize(2);
        assertThat(server.log("r")).hasSize(1);
        assertThat(alice.lines()).isEqualTo("1:hi:SENT");
    }

    @Test
    void shouldMarkFailedAfterTheLastRetry() {
        TestClient alice = client("alice", "reconcile");
        server.commitSends = false;

        String id = alice.send("hi");
        alice.advance(Duration.ofMinutes(2));

        assertThat(alice.session.dumpPending()).isEmpty();
        assertThat(alice.sent(Send.class)).hasSize(5);
        assertThat(alice.session.transcript("r").find(id).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(alice.session.pendingSendCount()).isZero();
    }

    @Test
    void shouldStopRetryingWhenItsOwnMessageArrivesWithoutAnAck() {
        TestClient alice = client("alice", "reconcile");
        server.answerSends = false;

        alice.send("hi");
        alice.advance(Duration.ofMinutes(2));

        assertThat(alice.sent(Send.class)).hasSize(1);
        assertThat(alice.lines()).isEqualTo("1:hi:SENT");
        assertThat(alice.session.pendingSendCount()).isZero();
    }

    @Test
    void shouldTransmitOnceAfterReconnectWhatWasSentWhileDisconnected() {
        TestClient alice = client("alice", "reconcile");
        alice.serverReachable = false;
        alice.cut(LinkRole.MAIN);

        String id = alice.send("offline");
        assertThat(alice.session.transcript("r").find(id).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(alice.session.dumpPending()).startsWith(id + " as " + id + " in r: attempts 0");
        assertThat(alice.sent(Send.class)).isEmpty();
        alice.serverReachable = true;
        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(Send.class)).extracting(Send::clientMsgId).containsExactly(id);
        assertThat(alice.lines()).isEqualTo("1:offline:SENT");
    }

    @Test
    void shouldResendWhatWasInFlightWhenTheConnectionDiedWithTheSameId() {
        TestClient alice = client("alice", "reconcile");
        alice.holdFrames = true;

        String id = alice.send("in flight");
        alice.cut(LinkRole.MAIN);
        alice.holdFrames = false;
        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(Send.class)).extracting(Send::clientMsgId).containsExactly(id, id);
        assertThat(server.log("r")).hasSize(1);
        assertThat(alice.lines()).isEqualTo("1:in flight:SENT");
    }

    /**
     * A send the server took just before a restart without durable history: its commit went with
     * the old epoch and its ack never came; the ack deadline passed while the server was down.
     * After the reconnect (resume refused: epoch changed) it goes out again under the same id and
     * is committed in the new epoch; the echo never vanishes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gap-fill", "reconcile", "snapshot"})
    void shouldResendInTheNewEpochASendWhoseAckTheRestartLost(String strategy) {
        TestClient alice = client("alice", strategy);
        server.post("r", "bob", "old");
        alice.pump();
        alice.holdFrames = true;

        String id = alice.send("just before the restart");
        server.restart("e2");
        alice.serverReachable = false;
        alice.cut(LinkRole.MAIN);
        assertThat(alice.lines()).isEqualTo("1:old:SENT, 0:just before the restart:PENDING");
        alice.advance(Duration.ofSeconds(3));
        alice.holdFrames = false;
        alice.serverReachable = true;
        alice.advance(Duration.ofSeconds(10));

        assertThat(alice.sent(Send.class)).extracting(Send::clientMsgId).containsOnly(id).hasSizeGreaterThan(1);
        assertThat(server.log("r")).extracting(m -> m.body()).containsExactly("just before the restart");
        assertThat(alice.lines()).isEqualTo("1:just before the restart:SENT");
        assertThat(alice.session.pendingSendCount()).isZero();
    }

    @Test
    void shouldResumeFromTheWatermarkWithTheEpochSeen() {
        TestClient alice = client("alice", "reconcile");
        server.post("r", "bob", "m1");
        alice.pump();
        alice.cut(LinkRole.MAIN);
        server.post("r", "bob", "m2");

        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(Hello.class)).last()
                .isEqualTo(new Hello("alice", "token-alice", ProtocolVersion.CURRENT, "e1", Map.of("r", 1L)));
        assertThat(alice.sent(Join.class)).hasSize(1);
        assertThat(alice.sent(HistoryRequest.class)).isEmpty();
        assertThat(alice.bodies()).containsExactly("m1", "m2");
    }

    @Test
    void shouldFallBackToASnapshotWhenResumeIsRefusedForANewEpoch() {
        TestClient alice = client("alice", "reconcile");
        server.post("r", "bob", "old1");
        server.post("r", "bob", "old2");
        alice.pump();
        server.restart("e2");
        alice.cut(LinkRole.MAIN);
        server.post("r", "bob", "new1");
        server.post("r", "bob", "new2");

        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(HistoryRequest.class)).containsExactly(HistoryRequest.range("r", 1, 2));
        assertThat(alice.bodies()).containsExactly("new1", "new2");
        assertThat(alice.session.epoch()).isEqualTo("e2");
    }

    @Test
    void shouldFetchWhatWasMissedWhenHistoryWasTruncated() {
        TestClient alice = client("alice", "reconcile");
        server.post("r", "bob", "m1");
        alice.pump();
        alice.cut(LinkRole.MAIN);
        for (int i = 2; i <= 5; i++) {
            server.post("r", "bob", "m" + i);
        }
        server.truncate("r", 4);

        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.bodies()).containsExactly("m1", "m4", "m5");
        assertThat(alice.session.strategy().deliveredUpTo("r")).isEqualTo(5);
    }

    @Test
    void shouldTurnReceiptsIntoDeliveredAndReadStatus() {
        TestClient alice = client("alice", "reconcile");
        TestClient carol = client("carol", "reconcile");
        String id = alice.send("hi");
        carol.pump();
        alice.pump();
        assertThat(carol.sent(Read.class)).containsExactly(new Read("r", 1, ReceiptKind.DELIVERED));
        assertThat(alice.session.transcript("r").find("r:1").status()).isEqualTo(MessageStatus.DELIVERED);

        carol.session.markRead("r", 1, carol.now);
        carol.pump();
        alice.pump();

        assertThat(alice.journal.historyOf(id)).extracting(c -> c.entry().status()).endsWith(
                MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ);
    }

    @Test
    void shouldSendAndReceiveOnSeparateLinksInSplitMode() {
        TestClient alice = new TestClient(server, TestClient.config("alice", "reconcile").split(true).build()).start();
        server.post("r", "bob", "m1");
        alice.pump();

        alice.send("hi");

        assertThat(alice.links).containsOnlyKeys(LinkRole.SEND, LinkRole.RECEIVE);
        assertThat(alice.bodies()).containsExactly("m1", "hi");
        assertThat(alice.transmitted).filteredOn(e -> e instanceof Hello).hasSize(2);
        alice.cut(LinkRole.SEND);
        assertThat(alice.session.isReady(LinkRole.RECEIVE)).isTrue();
        assertThat(alice.session.isReady(LinkRole.SEND)).isFalse();
        alice.advance(Duration.ofSeconds(1));
        assertThat(alice.session.isReady(LinkRole.SEND)).isTrue();
        assertThat(alice.links.get(LinkRole.SEND).generation()).isEqualTo(2);
        assertThat(alice.links.get(LinkRole.RECEIVE).generation()).isEqualTo(1);
    }

    @Test
    void shouldKeepOwnMessagesWhereTheirSeqsSayInSplitMode() {
        TestClient alice = new TestClient(server, TestClient.config("alice", "reconcile").split(true).build()).start();
        alice.holdFrames = true;
        server.post("r", "bob", "m1");

        alice.send("hi");
        alice.deliverFirstOf(LinkRole.SEND);
        alice.holdFrames = false;
        alice.pump();

        List<TranscriptEntry> lines = alice.session.transcript("r").entries();
        assertThat(lines).extracting(TranscriptEntry::body).containsExactly("m1", "hi");
        assertThat(lines).extracting(TranscriptEntry::seq).containsExactly(1L, 2L);
    }
}
