package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.gate.BudgetEvaluator;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.budget.BudgetParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strategy that loses messages on a lossy network does not look faster: its peer latency
 * over every intended delivery reads never, and its budget fails, where the strategy that
 * recovers them keeps a figure.
 */
class LostDeliveryLatencyTest {
    private static final long SEED = 21;

    private static LatencyFigures peerFinal(Measurement m) {
        return StrategyResult.of(m, List.of(), List.of()).latency("peer-final", "all");
    }

    @Test
    void shouldReadPeerFinalP99AsNeverAndFailItsBudgetForAStrategyThatLosesTwoPercentOfDeliveries() {
        Scenario scenario = MessageFaultTest.withFault(
                "{type: message-loss, probability: 0.02, direction: downstream, at: 1s, for: 8s}");
        Measurement eventOnly = Measurement.of(SimulatedRunTest.play(scenario, "event-only", SEED).trace());
        Measurement reconcile = Measurement.of(SimulatedRunTest.play(scenario, "reconcile", SEED).trace());

        LatencyFigures lossy = peerFinal(eventOnly);
        LatencyFigures first = StrategyResult.of(eventOnly, List.of(), List.of()).latency("peer-first", "all");
        assertThat((double) first.never() / first.intended()).as("share of deliveries never shown")
                .isBetween(0.01, 0.03);
        assertThat(first.corrected().p99()).isEqualTo(Percentiles.NEVER);
        assertThat(lossy.never()).as("peer-final deliveries that never came").isPositive();
        assertThat(lossy.corrected().p99()).isEqualTo(Percentiles.NEVER);
        // over completed deliveries only it looks faster than the strategy that recovers everything
        assertThat(lossy.completedOnly().corrected().p99()).isLessThan(peerFinal(reconcile).corrected().p99());
        LatencyFigures recovered = peerFinal(reconcile);
        assertThat(recovered.never()).isZero();
        assertThat(recovered.corrected().p99()).isLessThan(Percentiles.NEVER);

        var budget = BudgetParser.parse("peer-final p(99) < 10s");
        BudgetVerdict failed = BudgetEvaluator.evaluate(budget, eventOnly);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.message()).startsWith("peer-final p(99) = never (" + lossy.never() + " of "
                + lossy.intended() + " never came)");
        assertThat(BudgetEvaluator.evaluate(budget, reconcile).passed()).isTrue();
    }
}
