package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Ping;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the recovering strategies do after an outage when the network keeps misbehaving. */
class ReconnectRecoveryTest {
    private final FakeServer server = new FakeServer();

    private TestClient clientWithOneMessageThenCut(String strategy) {
        TestClient alice = new TestClient(server, TestClient.config("alice", strategy).build()).start();
        server.post("r", "bob", "m1");
        alice.pump();
        alice.cut(LinkRole.MAIN);
        server.post("r", "bob", "m2");
        server.post("r", "bob", "m3");
        return alice;
    }

    @Test
    void shouldFetchAgainWhenTheHistoryReplyIsLost() {
        TestClient alice = clientWithOneMessageThenCut("gap-fill");
        alice.holdFrames = true;
        alice.advance(Duration.ofMillis(150));
        alice.deliverFirstOf(LinkRole.MAIN);
        alice.pump();
        alice.deliverFirstOf(LinkRole.MAIN);
        alice.pump();
        alice.dropWaitingFrames(LinkRole.MAIN);
        alice.holdFrames = false;

        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(HistoryRequest.class)).containsExactly(
                HistoryRequest.range("r", 2, 3), HistoryRequest.range("r", 2, 3));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void shouldApplyLiveEventsBufferedWhileTheSnapshotLoads() {
        TestClient alice = clientWithOneMessageThenCut("snapshot");
        alice.holdFrames = true;
        alice.advance(Duration.ofMillis(150));
        alice.deliverFirstOf(LinkRole.MAIN);
        alice.pump();
        alice.deliverFirstOf(LinkRole.MAIN);
        alice.pump();
        server.post("r", "bob", "m4");

        alice.deliverInOrder(1);
        assertThat(alice.bodies()).containsExactly("m1");
        alice.session.onFrame(alice.links.get(LinkRole.MAIN),
                new dev.livetalk.protocol.HistoryReply("r", server.log("r").subList(0, 3), 3, 1), alice.now);

        assertThat(alice.sent(HistoryRequest.class)).containsExactly(HistoryRequest.range("r", 1, 3));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3", "m4");
        assertThat(alice.moves()).isZero();
    }

    @Test
    void shouldDetectAStalledLinkThroughHeartbeatsAndRecoverWhatWasMissed() {
        TestClient alice = new TestClient(server, TestClient.config("alice", "reconcile").build()).start();
        alice.conns.get(LinkRole.MAIN).blackhole = true;
        long stalledAt = alice.now;
        server.post("r", "bob", "during the stall");

        alice.advance(Duration.ofMillis(2999));
        assertThat(alice.links.get(LinkRole.MAIN).generation()).isEqualTo(1);
        assertThat(alice.sent(Ping.class)).hasSize(2);
        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.links.get(LinkRole.MAIN).generation()).isEqualTo(2);
        assertThat(alice.session.isReady(LinkRole.MAIN)).isTrue();
        assertThat(alice.bodies()).containsExactly("during the stall");
        assertThat(alice.journal.changes().get(0).at() - stalledAt).isGreaterThanOrEqualTo(3_000_000_000L);
    }
}
