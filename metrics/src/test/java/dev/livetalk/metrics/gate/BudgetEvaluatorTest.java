package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.budget.BudgetParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BudgetEvaluatorTest {

    /** alice sends 10 messages; bob shows each 912 ms after it was meant to be sent; m3 never reaches carol. */
    private static Measurement measured(String strategy) {
        TraceFixture run = new TraceFixture(strategy);
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        Client carol = run.client("carol").join("lobby", 0);
        for (int i = 1; i <= 10; i++) {
            double at = i * 1_000;
            alice.send("lobby", "a" + i, at, at, at + 1);
            Message m = run.commit("lobby", "alice", "a" + i, at + 10);
            alice.ackBySeq("a" + i, m, at + 20);
            bob.place(m, at + 912);
            if (i != 3) {
                carol.place(m, at + 100);
            }
        }
        return Measurement.of(run.build());
    }

    private static BudgetVerdict verdict(String budget, Measurement measurement) {
        return BudgetEvaluator.evaluate(BudgetParser.parse(budget), measurement);
    }

    @Test
    void shouldFailALatencyBudgetAndSayTheObservedFigureTheRuleAndWhatNeverCame() {
        BudgetVerdict verdict = verdict("peer-first p(90) < 800ms", measured("reconcile"));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.strategy()).isEqualTo("reconcile");
        assertThat(verdict.unit()).isEqualTo("ns");
        assertThat(verdict.observed()).isCloseTo(912e6, within(912e3));
        assertThat(verdict.message()).isEqualTo("peer-first p(90) = 912ms (1 of 20 never came), budget < 800ms");
    }

    @Test
    void shouldEvaluateTheStatusTruthCountsAndTheSilentWait() {
        Measurement m = measured("reconcile"); // every echo shows 1 ms after its send; statuses stop at SENT
        assertThat(verdict("missing-echoes == 0", m).message()).isEqualTo("missing-echoes = 10, budget == 0");
        for (String held : List.of("unfounded-delivered == 0", "unfounded-read == 0", "status-ahead == 0",
                "status-backwards == 0")) {
            assertThat(verdict(held, m).passed()).as(held).isTrue();
        }
        BudgetVerdict wait = verdict("silent-wait max < 2s", m);
        assertThat(wait.passed()).isFalse();
        assertThat(wait.observed()).as("a1 shows SENT from 1.02 s to the last event at 10.912 s")
                .isCloseTo(9_892e6, within(9_892e3));
    }

    @Test
    void shouldFailALatencyBudgetWhosePercentileFallsOnWhatNeverCame() {
        BudgetVerdict verdict = verdict("peer-first p(99) < 10s", measured("reconcile"));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.observed()).isNull();
        assertThat(verdict.message()).isEqualTo("peer-first p(99) = never (1 of 20 never came), budget < 10s");
        assertThat(verdict("peer-first max < 10s", measured("reconcile")).message())
                .isEqualTo("peer-first max = never (1 of 20 never came), budget < 10s");
    }

    @Test
    void shouldPassALatencyBudgetTheFigureKeeps() {
        BudgetVerdict verdict = verdict("echo max < 2ms", measured("reconcile"));
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).isEqualTo("echo max = 1ms, budget < 2ms");
    }

    @Test
    void shouldEvaluateCountsAndTheConvergedShare() {
        Measurement m = measured("reconcile");
        BudgetVerdict lost = verdict("lost == 0", m);
        assertThat(lost.passed()).isFalse();
        assertThat(lost.observed()).isEqualTo(1.0);
        assertThat(lost.message()).isEqualTo("lost = 1, budget == 0");
        BudgetVerdict converged = verdict("converged == 100%", m);
        assertThat(converged.passed()).isFalse();
        assertThat(converged.message()).isEqualTo("converged = 66.7%, budget == 100%");
        assertThat(verdict("converged >= 2", m).passed()).isTrue();
        assertThat(verdict("duplicates == 0", m).passed()).isTrue();
    }

    @Test
    void shouldFailALatencyBudgetWithoutSamplesInItsPhase() {
        BudgetVerdict verdict = verdict("peer-final p(99) < 1s during", measured("reconcile"));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.observed()).isNull();
        assertThat(verdict.message()).isEqualTo("peer-final p(99) during: no samples, budget < 1s");
    }

    @Test
    void shouldHoldAConvergenceBudgetWithoutFaultWindowsAndFailOneThatNeverConverged() {
        assertThat(verdict("convergence max < 5s", measured("reconcile")).passed()).isTrue();
        TraceFixture run = new TraceFixture("event-only").window("outage", 1_000, 2_000);
        Client bob = run.client("bob").join("lobby", 0);
        run.commit("lobby", "alice", "a1", 1_100);
        bob.place(run.commit("lobby", "alice", "a2", 1_200), 1_300);
        BudgetVerdict never = verdict("convergence max < 5s", Measurement.of(run.build()));
        assertThat(never.passed()).isFalse();
        assertThat(never.message()).isEqualTo("convergence max = never (1 of 1 never converged), budget < 5s");
    }

    @Test
    void shouldApplyOnlyTheBudgetsScopedToTheStrategy() {
        List<BudgetVerdict> verdicts = BudgetEvaluator.evaluate(List.of(
                BudgetParser.parse("lost == 0 for reconcile"),
                BudgetParser.parse("duplicates == 0 for event-only, naive-retry"),
                BudgetParser.parse("moves == 0")), measured("event-only"));
        assertThat(verdicts).extracting(BudgetVerdict::budget)
                .containsExactly("duplicates == 0 for event-only, naive-retry", "moves == 0");
    }
}
