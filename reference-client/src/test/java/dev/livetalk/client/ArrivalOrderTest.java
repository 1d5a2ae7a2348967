package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.ReceiptKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scripted arrivals on one live connection, for every built-in strategy: reordering,
 * duplicates, gaps that fill themselves or need a fetch, a reply before its parent. Bob posts
 * m1, m2, m3 (seqs 1..3) while Alice's frames are held, then they arrive as scripted.
 */
class ArrivalOrderTest {
    private final FakeServer server = new FakeServer();

    private TestClient aliceWithThreeHeldMessages(String strategy) {
        TestClient alice = new TestClient(server, TestClient.config("alice", strategy).build()).start();
        alice.holdFrames = true;
        server.post("r", "bob", "m1");
        server.post("r", "bob", "m2");
        server.post("r", "bob", "m3");
        return alice;
    }

    private static final Map<String, List<String>> OUT_OF_ORDER = Map.of(
            "event-only", List.of("m3", "m1", "m2"), "naive-retry", List.of("m3", "m1", "m2"),
            "ordered", List.of("m1", "m2", "m3"), "gap-fill", List.of("m1", "m2", "m3"),
            "reconcile", List.of("m1", "m2", "m3"), "snapshot", List.of("m1", "m2", "m3"));

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldPlaceOutOfOrderArrivalsAsItsRowSays(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);

        alice.deliverInOrder(2, 0, 1);

        assertThat(alice.bodies()).isEqualTo(OUT_OF_ORDER.get(strategy));
        assertThat(alice.moves()).isZero();
    }

    private static final Map<String, List<String>> FIRST_SHOWN = Map.of(
            "event-only", List.of("m3"), "naive-retry", List.of("m3"), "ordered", List.of(),
            "gap-fill", List.of(), "reconcile", List.of(), "snapshot", List.of("m3"));

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldShowOrHoldAMessageBeyondAGap(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);

        alice.deliverInOrder(2);

        assertThat(alice.bodies()).isEqualTo(FIRST_SHOWN.get(strategy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldShowADuplicateArrivalOnlyWithoutDedupe(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);

        alice.deliverInOrder(0, 1, 1, 2);

        boolean dedupes = !strategy.equals("event-only") && !strategy.equals("naive-retry");
        assertThat(alice.bodies()).isEqualTo(dedupes ? List.of("m1", "m2", "m3") : List.of("m1", "m2", "m2", "m3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldCloseAGapThatFillsItselfWithoutAFetch(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);

        alice.deliverInOrder(0, 2);
        alice.advance(Duration.ofMillis(50));
        alice.session.onFrame(alice.links.get(LinkRole.MAIN), server.log("r").get(1), alice.now);
        alice.holdFrames = false;
        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");
        assertThat(alice.sent(HistoryRequest.class)).isEmpty();
    }

    private static final Map<String, List<String>> AFTER_LOST_MIDDLE = Map.of(
            "event-only", List.of("m1", "m3"), "naive-retry", List.of("m1", "m3"), "ordered", List.of("m1"),
            "gap-fill", List.of("m1", "m2", "m3"), "reconcile", List.of("m1", "m2", "m3"),
            "snapshot", List.of("m1", "m3"));

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldFetchAGapThatOutlivesTheTimerOnlyWhenItsRowSaysSo(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);
        alice.deliverInOrder(0, 2);
        alice.holdFrames = false;

        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.bodies()).isEqualTo(AFTER_LOST_MIDDLE.get(strategy));
        boolean fetches = strategy.equals("gap-fill") || strategy.equals("reconcile");
        assertThat(alice.sent(HistoryRequest.class))
                .isEqualTo(fetches ? List.of(HistoryRequest.range("r", 2, 2)) : List.of());
    }

    /**
     * A second gap that opens while the wake-up of the first fetch is still pending must get
     * its own fetch: every wake-up a strategy asks for is honoured, not only the earliest.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gap-fill", "reconcile"})
    void shouldFetchASecondGapOpenedWhileTheFirstFetchIsInFlight(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);
        alice.deliverInOrder(0, 2);
        alice.advance(Duration.ofMillis(200));
        assertThat(alice.sent(HistoryRequest.class)).containsExactly(HistoryRequest.range("r", 2, 2));
        alice.deliverAll();
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");

        alice.advance(Duration.ofMillis(50));
        server.post("r", "bob", "m4");
        server.post("r", "bob", "m5");
        server.post("r", "bob", "m6");
        alice.deliverInOrder(0, 2);
        alice.holdFrames = false;
        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(HistoryRequest.class))
                .containsExactly(HistoryRequest.range("r", 2, 2), HistoryRequest.range("r", 5, 5));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
    }

    /**
     * The last message of a quiet room is lost: no later message reveals the gap, but another
     * member's receipt does; the strategies that fetch gaps fetch it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gap-fill", "reconcile"})
    void shouldFetchALostLastMessageThatAReceiptReveals(String strategy) {
        TestClient alice = aliceWithThreeHeldMessages(strategy);
        alice.deliverInOrder(0, 1);
        alice.holdFrames = false;
        alice.advance(Duration.ofSeconds(1));
        assertThat(alice.bodies()).containsExactly("m1", "m2");

        alice.session.onFrame(alice.links.get(LinkRole.MAIN), new Receipt("r", "bob", ReceiptKind.DELIVERED, 3),
                alice.now);
        alice.pump();
        alice.advance(Duration.ofSeconds(1));

        assertThat(alice.sent(HistoryRequest.class)).contains(HistoryRequest.range("r", 3, 3));
        assertThat(alice.bodies()).containsExactly("m1", "m2", "m3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldShowAParentBeforeItsReplyUnlessItAppendsInArrivalOrder(String strategy) {
        TestClient alice = new TestClient(server, TestClient.config("alice", strategy).build()).start();
        alice.holdFrames = true;
        server.post("r", "bob", "parent");
        server.reply("r", "carol", "reply", "r:1");

        alice.deliverInOrder(1, 0);

        boolean arrivalOrder = strategy.equals("event-only") || strategy.equals("naive-retry");
        assertThat(alice.bodies()).isEqualTo(arrivalOrder ? List.of("reply", "parent") : List.of("parent", "reply"));
        assertThat(Audit.of(alice.session.transcript("r").entries(), server.log("r")).causal())
                .isEqualTo(arrivalOrder ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    void shouldMoveTheEchoOnlyWhenALaterMessageWasShownAboveIt(String strategy) {
        TestClient alice = new TestClient(server, TestClient.config("alice", strategy).build()).start();
        alice.holdFrames = true;
        alice.send("mine");
        server.post("r", "bob", "later");

        alice.deliverInOrder(2, 0, 1);

        assertThat(alice.bodies()).containsExactly("mine", "later");
        assertThat(alice.moves()).isEqualTo(strategy.equals("snapshot") ? 1 : 0);
    }
}
