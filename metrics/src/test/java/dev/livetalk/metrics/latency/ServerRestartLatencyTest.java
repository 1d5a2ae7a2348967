package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.junit.jupiter.api.Test;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Latency across a restart without durable history: history A until 3 s, history B from 4 s (docs/METRICS.md, "Server restarts"). */
class ServerRestartLatencyTest {
    private final TraceFixture run = new TraceFixture("test").epoch("A");

    private Client member(String user) {
        return run.client(user).join("lobby", 0).welcome("main", "A", 0);
    }

    private LatencyReport collect() {
        return LatencyCollector.collect(ReplayedRun.of(run.build()));
    }

    @Test
    void shouldTakeNoPeerSampleOfAMessageTheServerLostAfterItsAckButKeepItsEchoAndAck() {
        Client alice = member("alice");
        Client bob = member("bob");
        alice.send("lobby", "a1", 1_000, 1_000, 1_001);
        Message a1 = run.commit("lobby", "alice", "a1", 1_030);
        alice.ackBySeq("a1", a1, 1_040);
        bob.place(a1, 1_050);
        run.restart("B");
        alice.welcome("main", "B", 4_000).clear("lobby", 4_010);
        bob.welcome("main", "B", 4_000).clear("lobby", 4_010);
        LatencyReport report = collect();
        for (Metric peer : new Metric[] {Metric.PEER_FIRST, Metric.PEER_FINAL}) {
            assertThat(report.series(peer, Phase.ALL).corrected().getTotalCount()).as(peer.name()).isZero();
            assertThat(report.series(peer, Phase.ALL).never()).as(peer.name()).isZero();
        }
        assertThat(report.series(Metric.ACK, Phase.ALL).corrected().getTotalCount()).isEqualTo(1);
        assertThat(report.series(Metric.ECHO, Phase.ALL).corrected().getTotalCount()).isEqualTo(1);
    }

    @Test
    void shouldJudgeAMessageCommittedAgainByItsFinalCommitWithPeerFirstFromItsFirstLine() {
        Client alice = member("alice");
        Client bob = member("bob");
        alice.send("lobby", "a1", 1_000, 1_000, 1_001);
        Message a1 = run.commit("lobby", "alice", "a1", 1_030);
        alice.ackBySeq("a1", a1, 1_040);
        bob.place(a1, 1_050);
        run.restart("B");
        alice.welcome("main", "B", 4_000).clear("lobby", 4_010);
        bob.welcome("main", "B", 4_000).clear("lobby", 4_010);
        Message again = run.commit("lobby", "alice", "a1", 4_100);
        alice.place(again, 4_110);
        bob.place(again, 4_500);
        LatencyReport report = collect();
        assertThat((double) report.series(Metric.PEER_FIRST, Phase.ALL).corrected().getMaxValue())
                .isCloseTo(ms(50), within(ms(50) * 0.001 + 1));
        assertThat((double) report.series(Metric.PEER_FINAL, Phase.ALL).corrected().getMaxValue())
                .isCloseTo(ms(3_500), within(ms(3_500) * 0.001 + 1));
        assertThat(report.series(Metric.PEER_FINAL, Phase.ALL).never()).isZero();
    }

    @Test
    void shouldPairAReadMarkOnlyWithAReceiptOfItsOwnEpoch() {
        Client alice = member("alice");
        Client bob = member("bob");
        Message a1 = run.commit("lobby", "alice", "a1", 100);
        bob.place(a1, 110).read("lobby", 1, 200); // read in A; the receipt never came before the restart
        run.restart("B");
        alice.welcome("main", "B", 4_000);
        bob.welcome("main", "B", 4_000);
        Message b1 = run.commit("lobby", "alice", "x1", 4_100);
        bob.clear("lobby", 4_110).place(b1, 4_120).read("lobby", 1, 4_200);
        alice.receipt("lobby", "bob", 1, 4_300); // B's receipt of seq 1: answers B's mark only
        LatencyReport report = collect();
        LatencySeries lag = report.series(Metric.READ_RECEIPT_LAG, Phase.ALL);
        assertThat(lag.corrected().getTotalCount()).isEqualTo(1);
        assertThat(lag.never()).isZero();
        assertThat((double) lag.corrected().getMaxValue()).isCloseTo(ms(100), within(ms(100) * 0.001 + 1));
    }
}
