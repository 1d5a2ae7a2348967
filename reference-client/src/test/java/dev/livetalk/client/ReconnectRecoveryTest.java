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

    /**
     * A client with a gap at seq 2 (its frame lost, seq 3 shown) whose link stays alive (pings
     * answered) while the server does not answer history requests.
     */
    private TestClient clientWithAGapTheServerIsSlowToFill(String strategy) {
        TestClient alice = clientWithAGap(strategy);
        server.holdHistory = true;
        return alice;
    }

    /** A client with a gap at seq 2: its frame lost, seq 3 shown. */
    private TestClient clientWithAGap(String strategy) {
        TestClient alice = new TestClient(server, TestClient.config("alice", strategy).build()).start();
        server.post("r", "bob", "m1");
        alice.pump();
        loseOneThenShowNext(alice, "m2", "m3");
        return alice;
    }

    /** bob posts {@code lost}, whose frame to alice is lost, then {@code next}, shown: a gap at {@code lost}. */
    private void loseOneThenShowNext(TestClient alice, String lost, String next) {
        alice.holdFrames = true;
        server.post("r", "bob", lost);
        alice.dropWaitingFrames(LinkRole.MAIN);
        alice.holdFrames = false;
        server.post("r", "bob", next);
        alice.pump();
    }

    /** Lets time pass until the main link is ready again: at most a minute (reconnects back off to 5 s). */
    private static void reconnect(TestClient alice) {
        for (int ms = 0; ms < 60_000 && !alice.session.isReady(LinkRole.MAIN); ms++) {
            alice.advance(Duration.ofMillis(1));
        }
        assertThat(alice.session.isReady(LinkRole.MAIN)).as("the main link is ready again within a minute").isTrue();
    }

    /**
     * A fetch the server does not answer is asked again after the gap timeout (200 ms), then after
     * waits doubled each time up to 6.4 s: 8 requests in 20 s, where one every 200 ms was 100 (under
     * a reconnect storm each was another request for the busy server to answer late, and it never
     * caught up). Once the replies come, the gap is filled and the waits start again from 200 ms.
     */
    @Test
    void shouldDoubleTheWaitForAHistoryReplyThatDoesNotComeThenStartAgainOnceAnswered() {
        TestClient alice = clientWithAGapTheServerIsSlowToFill("reconcile");

        alice.advance(Duration.ofSeconds(20));

        // at 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8 and 19.2 s
        assertThat(alice.sent(HistoryRequest.class)).hasSize(8).containsOnly(HistoryRequest.range("r", 2, 2));
        assertThat(alice.session.isReady(LinkRole.MAIN)).as("the link stayed up: pings answered").isTrue();
        assertThat(alice.links.get(LinkRole.MAIN).generation()).isEqualTo(1);

        server.answerHistory();
        alice.pump();
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");

        loseOneThenShowNext(alice, "m4", "m5");
        alice.advance(Duration.ofMillis(250));
        assertThat(alice.sent(HistoryRequest.class)).hasSize(9).last().isEqualTo(HistoryRequest.range("r", 4, 4));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    /**
     * A request lost on the way (never answered: the simulator's message loss, a frame the server
     * drops over its rate limit) holds nothing up once a reply makes progress: the first request
     * for m2 is lost, the second fills the gap, and the request for the next gap (m4) is asked
     * again after the gap timeout, 200 ms, not after a wait doubled for the request that never came.
     * Counting requests out kept the lost one counted, every wait after it doubled, and under
     * 10% loss in the simulator reconcile lost messages (MessageFaultTest).
     */
    @Test
    void shouldNotLetALostRequestDoubleTheWaitsAfterAReplyMadeProgress() {
        TestClient alice = clientWithAGap("gap-fill");
        server.dropHistory = 1;
        server.holdHistory = true;
        alice.advance(Duration.ofMillis(500)); // asked at 0.2 s (lost), again at 0.4 s (held)
        assertThat(alice.sent(HistoryRequest.class)).hasSize(2);
        loseOneThenShowNext(alice, "m4", "m5"); // a second gap: m4

        server.answerOldestHistory(); // m2: progress, m4 asked for at once
        alice.pump();
        assertThat(alice.sent(HistoryRequest.class)).hasSize(3).last().isEqualTo(HistoryRequest.range("r", 4, 4));
        alice.advance(Duration.ofMillis(250));

        assertThat(alice.sent(HistoryRequest.class)).as("m4 asked again 200 ms after, at 0.7 s")
                .hasSize(4).last().isEqualTo(HistoryRequest.range("r", 4, 4));
        server.answerHistory();
        alice.pump();
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    /**
     * The fetches a room asked for while its link was down were never sent (the session drops a
     * request of a room not joined on a ready link), so no reply of theirs will come: on the new
     * link the waits start again from the gap timeout. They were counted as requests out, kept
     * doubling the wait for 10 s (to 6.4 s) and were never answered, so the first request on the
     * new link was awaited 6.4 s and no reply could end a wait again until the next disconnect.
     */
    @Test
    void shouldStartTheWaitsAgainOnANewLinkWhateverWasAskedForWhileTheLinkWasDown() {
        TestClient alice = clientWithAGap("gap-fill");
        alice.serverReachable = false;
        alice.cut(LinkRole.MAIN);
        alice.advance(Duration.ofSeconds(10)); // the gap outlives its timer again and again, nothing can be sent
        assertThat(alice.sent(HistoryRequest.class)).isEmpty();

        server.holdHistory = true; // back, and slow to answer
        alice.serverReachable = true;
        reconnect(alice);
        assertThat(alice.sent(HistoryRequest.class)).containsExactly(HistoryRequest.range("r", 2, 2));

        alice.advance(Duration.ofMillis(250));
        assertThat(alice.sent(HistoryRequest.class)).as("asked again once the gap timeout ran out").hasSize(2);
        server.answerHistory();
        alice.pump();
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");
    }

    /**
     * A request the server dropped (over its rate limit: a rate-limited error, no reply) is
     * never answered on a link that stays up. Once nothing is missing, the waits start again
     * from the gap timeout: a new gap is fetched when its timer runs out, not when the doubled
     * wait of the request that filled the first gap runs out (a reply no longer ended it, as
     * one request was still counted out, and the doubling never started again from 200 ms).
     */
    @Test
    void shouldStartTheWaitsAgainOnceNothingIsMissingThoughTheServerDroppedARequest() {
        TestClient alice = clientWithAGap("gap-fill");
        server.dropHistory = 3;
        alice.advance(Duration.ofMillis(1700)); // asked at 0.2, 0.4, 0.8 s (dropped), 1.6 s (answered)
        assertThat(alice.sent(HistoryRequest.class)).hasSize(4).containsOnly(HistoryRequest.range("r", 2, 2));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");

        loseOneThenShowNext(alice, "m4", "m5"); // a new gap: m4
        alice.advance(Duration.ofMillis(250));

        assertThat(alice.sent(HistoryRequest.class)).as("m4 asked for when its gap timer ran out, at 1.9 s, not 3.2 s")
                .hasSize(5).last().isEqualTo(HistoryRequest.range("r", 4, 4));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    /**
     * A snapshot loaded in chunks (the server caps a reply at 2 messages) whose first chunk was
     * asked twice: the late reply to the second ask, which only holds seqs below the chunk now
     * awaited, does not end the snapshot. It did: the snapshot finished at seq 5 with 3 to 5
     * never shown, and their chunk's reply, coming next, was dropped as below the watermark.
     */
    @Test
    void shouldNotEndASnapshotOnALateReplyToAnEarlierChunk() {
        TestClient alice = clientWithOneMessageThenCut("snapshot");
        server.post("r", "bob", "m4");
        server.post("r", "bob", "m5");
        server.maxHistoryReply = 2;
        server.holdHistory = true;
        reconnect(alice);
        alice.advance(Duration.ofMillis(250)); // the first chunk asked again at 0.2 s
        server.answerOldestHistory(); // m1, m2: the next chunk asked for
        alice.pump();
        assertThat(alice.sent(HistoryRequest.class)).containsExactly(
                HistoryRequest.range("r", 1, 5), HistoryRequest.range("r", 1, 5), HistoryRequest.range("r", 3, 5));

        server.answerOldestHistory(); // m1, m2 again: the reply to the second ask
        alice.pump();
        server.answerHistory(); // m3, m4, then m5 asked for and answered
        alice.pump();

        assertThat(alice.sent(HistoryRequest.class)).last().isEqualTo(HistoryRequest.range("r", 5, 5));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3", "m4", "m5");
    }
}
