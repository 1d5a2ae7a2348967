package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {
    private static final BudgetVerdict HOLDS = new BudgetVerdict("lost == 0", "reconcile", 0.0, "", true,
            "lost = 0, budget == 0");
    private static final BudgetVerdict FAILS = new BudgetVerdict("peer-final p(99) < 800ms", "reconcile", 9e8, "ns",
            false, "peer-final p(99) = 900ms, budget < 800ms");
    private static final RegressionVerdict SAME = new RegressionVerdict("reconcile", "lost", 0, 0, true, "same");
    private static final RegressionVerdict WORSE = new RegressionVerdict("reconcile", "duplicates", 0, 3, false,
            "reconcile duplicates: 3 vs 0 in the baseline (+3, allowed +0: tolerance +0 and count noise 3 sqrt(0))");

    /** A strategy that loses and duplicates everything: invariants broken, but no budget on it. */
    private static StrategyResult strategy(String name, BudgetVerdict... budgets) {
        CorrectnessFigures broken = new CorrectnessFigures(4, 2, 50, 10, 5, 0, 3, 0.5, 3, 3, 0, 1, java.util.Map.of(), null);
        return new StrategyResult(name, broken, List.of(), List.of(budgets), List.of(), List.of());
    }

    private static ResultsDocument document(long seed, StrategyResult... strategies) {
        return ResultsDocument.of("outage", seed, "sim", null, null, List.of(strategies));
    }

    @Test
    void shouldPassWhenEveryBudgetHoldsWhateverTheInvariantsOfAComparisonStrategySay() {
        Verdict verdict = Verdict.of(document(1, strategy("event-only"), strategy("reconcile", HOLDS)), List.of(SAME));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.PASS);
        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.word()).isEqualTo("PASS");
    }

    @Test
    void shouldFailOnAFailedBudgetAndOnARegressionNamingScenarioSeedAndStrategy() {
        Verdict verdict = Verdict.of(List.of(
                new Verdict.CheckedRun(document(1, strategy("reconcile", HOLDS)), List.of(WORSE, SAME)),
                new Verdict.CheckedRun(document(2, strategy("reconcile", FAILS)), List.of())));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.FAIL);
        assertThat(verdict.regressions()).containsExactly(new Verdict.Regression("outage", 1, WORSE));
        assertThat(verdict.failedBudgets()).containsExactly(new Verdict.BudgetFailure("outage", 2, FAILS));
        assertThat(verdict.failures()).extracting(Verdict.Failure::message).containsExactly(
                "regression: reconcile duplicates: 3 vs 0 in the baseline (+3, allowed +0: tolerance +0 and count noise 3 sqrt(0))",
                "budget `peer-final p(99) < 800ms`: peer-final p(99) = 900ms, budget < 800ms");
        assertThat(verdict.fails(verdict.runs().get(1).document(), FAILS)).isTrue();
        assertThat(verdict.fails(verdict.runs().get(0).document(), FAILS)).isFalse();
    }

    @Test
    void shouldNotLetHealthProblemsChangeTheOutcome() {
        Verdict verdict = new Verdict(List.of(new Verdict.CheckedRun(document(1, strategy("reconcile", HOLDS)),
                List.of())), List.of("scheduling lag p99 40ms"), Optional.empty());
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void shouldBeStoppedWhenTheRunStoppedEvenIfEverythingHeld(@TempDir Path dir) throws Exception {
        RunStop stop = new RunStop(RunStop.Cause.SIGTERM, "interrupted by SIGTERM", "scenario outage, strategy reconcile",
                List.of("baseline"));
        Verdict verdict = Verdict.of(document(1, strategy("reconcile", HOLDS)), List.of()).stopped(stop);
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.STOPPED);
        assertThat(verdict.word()).isEqualTo("INTERRUPTED");
        assertThat(verdict.passed()).isFalse();

        stop.write(dir);
        assertThat(RunStop.read(dir.resolve(RunStop.FILE))).isEqualTo(stop);
        assertThat(stop.sentence()).isEqualTo(
                "interrupted by SIGTERM during scenario outage, strategy reconcile; finished scenarios: baseline");
    }

    @Test
    void shouldBeUntrustedUnderStrictWhenTheHarnessWasLateAndOnlyThen() {
        Verdict lenient = new Verdict(List.of(new Verdict.CheckedRun(document(1, strategy("reconcile", HOLDS)),
                List.of())), List.of("scheduling lag p99 40ms"), Optional.empty());
        assertThat(lenient.strict(true).outcome()).isEqualTo(Verdict.Outcome.UNTRUSTED);
        assertThat(lenient.strict(true).word()).isEqualTo("UNTRUSTED");
        assertThat(lenient.strict(true).passed()).isFalse();
        assertThat(lenient.strict(false).outcome()).isEqualTo(Verdict.Outcome.PASS);
        Verdict healthy = Verdict.of(document(1, strategy("reconcile", HOLDS)), List.of()).strict(true);
        assertThat(healthy.outcome()).isEqualTo(Verdict.Outcome.PASS);
    }

    @Test
    void shouldBeStoppedByAScenarioWhoseDocumentSaysAHarnessFailureStoppedIt() {
        ResultsDocument stopped = document(1, strategy("event-only")).stoppedBy(new dev.livetalk.metrics.results
                .ScenarioStop(dev.livetalk.metrics.results.ScenarioStop.Cause.HARNESS_FAILURE, "reconcile",
                "Toxiproxy did not answer within 5 s"));
        Verdict verdict = Verdict.of(stopped, List.of());
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.STOPPED);
        assertThat(verdict.word()).isEqualTo("HARNESS FAILED");
        assertThat(verdict.stop().orElseThrow().sentence()).isEqualTo("the harness failed: Toxiproxy did not answer"
                + " within 5 s during scenario outage, strategy reconcile; finished scenarios: none");
    }
}
