package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.budget.BudgetParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A strategy that loses messages must not look faster: its latency counts every intended
 * delivery, and one that never came is never.
 */
class LostMessagesLatencyTest {
    private static final int SENT = 100;

    /**
     * alice sends {@value #SENT} messages a second apart, all committed; bob shows each 50 ms
     * after it was meant to be sent, except the last {@code lost}, which never reach him.
     */
    private static Measurement losing(int lost) {
        TraceFixture run = new TraceFixture("event-only");
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        for (int i = 1; i <= SENT; i++) {
            double at = i * 1_000;
            alice.send("lobby", "a" + i, at, at, at + 1);
            Message m = run.commit("lobby", "alice", "a" + i, at + 10);
            alice.ackBySeq("a" + i, m, at + 20);
            if (i <= SENT - lost) {
                bob.place(m, at + 50);
            }
        }
        return Measurement.of(run.build());
    }

    @Test
    void shouldReadPeerFinalP99AsNeverAndFailItsBudgetWhenTwoPercentNeverCame() {
        Measurement m = losing(2);
        LatencyFigures peerFinal = StrategyResult.of(m, List.of(), List.of()).latency("peer-final", "all");
        assertThat(peerFinal.corrected().count()).isEqualTo(SENT);
        assertThat(peerFinal.never()).isEqualTo(2);
        assertThat(peerFinal.corrected().p99()).isEqualTo(Percentiles.NEVER);
        assertThat(peerFinal.raw().p99()).isEqualTo(Percentiles.NEVER);
        assertThat(peerFinal.completedOnly().corrected().count()).isEqualTo(SENT - 2);
        assertThat((double) peerFinal.completedOnly().corrected().p99()).isCloseTo(50e6, within(50e3));

        BudgetVerdict verdict = BudgetEvaluator.evaluate(BudgetParser.parse("peer-final p(99) < 800ms"), m);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.observed()).isNull();
        assertThat(verdict.message()).isEqualTo("peer-final p(99) = never (2 of 100 never came), budget < 800ms");
    }

    @Test
    void shouldKeepPeerFinalP99AndItsBudgetWhenExactlyOnePercentNeverCame() {
        Measurement m = losing(1);
        LatencyFigures peerFinal = StrategyResult.of(m, List.of(), List.of()).latency("peer-final", "all");
        assertThat((double) peerFinal.corrected().p99()).isCloseTo(50e6, within(50e3));
        assertThat(peerFinal.corrected().max()).isEqualTo(Percentiles.NEVER);

        BudgetVerdict verdict = BudgetEvaluator.evaluate(BudgetParser.parse("peer-final p(99) < 800ms"), m);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).isEqualTo("peer-final p(99) = 50ms (1 of 100 never came), budget < 800ms");
    }

    @Test
    void shouldReadTheSameFiguresOverIntendedAndCompletedDeliveriesWhenNothingWasLost() {
        LatencyFigures peerFinal = StrategyResult.of(losing(0), List.of(), List.of()).latency("peer-final", "all");
        assertThat(peerFinal.never()).isZero();
        assertThat(peerFinal.corrected()).isEqualTo(peerFinal.completedOnly().corrected());
        assertThat(peerFinal.raw()).isEqualTo(peerFinal.completedOnly().raw());
    }
}
