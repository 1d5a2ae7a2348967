package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One chaos script, every built-in strategy: the final transcripts and the flaws README.md's strategy table
 * table promises. Alice misses b2 when she sends a1 (her echo races it), then her connection
 * dies after the server committed a2 but before its ack and broadcast came back; b5 and b6 are
 * posted during the outage; she reconnects; b7 follows. Carol stays connected throughout.
 * Server seqs: b1=1 b2=2 a1=3 a2=4 b5=5 b6=6, then a naive resend of a2 (7), b7.
 */
class StrategyFlawsTest {

    static Stream<Arguments> table() {
        List<String> all = List.of("b1", "b2", "a1", "a2", "b5", "b6", "b7");
        return Stream.of(
                Arguments.of("event-only", List.of("b1", "a1", "b2", "a2", "b7"), new Audit(3, 0, 1, 1, 0),
                        all, Audit.EXACT),
                Arguments.of("naive-retry", List.of("b1", "a1", "b2", "a2", "b7"), new Audit(3, 0, 1, 0, 0),
                        List.of("b1", "b2", "a1", "a2", "b5", "b6", "a2", "b7"), new Audit(0, 1, 0, 0, 0)),
                Arguments.of("ordered", List.of("b1", "b2", "a1", "a2"), new Audit(4, 0, 0, 1, 0),
                        all, Audit.EXACT),
                Arguments.of("gap-fill", all, Audit.EXACT, all, Audit.EXACT),
                Arguments.of("reconcile", all, Audit.EXACT, all, Audit.EXACT),
                Arguments.of("snapshot", all, Audit.EXACT, all, Audit.EXACT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void shouldShowTheFlawsOfItsRowInTheStrategyTable(String strategy, List<String> aliceSees, Audit aliceFlaws,
                                                      List<String> carolSees, Audit carolFlaws) {
        FakeServer server = new FakeServer();
        TestClient alice = new TestClient(server, TestClient.config("alice", strategy).build()).start();
        TestClient carol = new TestClient(server, TestClient.config("carol", strategy).build()).start();

        server.post("r", "bob", "b1");
        alice.pump();
        alice.holdFrames = true;
        server.post("r", "bob", "b2");
        alice.send("a1");
        alice.holdFrames = false;
        alice.pump();
        carol.pump();

        alice.holdFrames = true;
        alice.send("a2");
        alice.cut(LinkRole.MAIN);
        alice.holdFrames = false;
        server.post("r", "bob", "b5");
        server.post("r", "bob", "b6");
        carol.pump();
        alice.advance(Duration.ofSeconds(5));
        carol.pump();

        server.post("r", "bob", "b7");
        alice.pump();
        carol.pump();
        alice.advance(Duration.ofSeconds(5));
        carol.advance(Duration.ofSeconds(10));

        assertThat(alice.bodies()).as(alice.lines()).containsExactlyElementsOf(aliceSees);
        assertThat(Audit.of(alice.session.transcript("r").entries(), server.log("r"))).isEqualTo(aliceFlaws);
        assertThat(carol.bodies()).as(carol.lines()).containsExactlyElementsOf(carolSees);
        assertThat(Audit.of(carol.session.transcript("r").entries(), server.log("r"))).isEqualTo(carolFlaws);
        assertThat(alice.session.pendingSendCount()).as("stuck pending").isZero();
    }
}
