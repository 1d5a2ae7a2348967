package dev.livetalk.simulator;

import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftMinute;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A 4-minute soak scenario in the simulator: its results get a drift block of 4 minutes, and its drift budgets hold. */
class SoakDriftTest {
    @TempDir
    Path folder;

    @Test
    void shouldWriteADriftBlockOfFourMinutesForAFourMinuteRun() throws Exception {
        Path file = Path.of(SoakDriftTest.class.getResource("/scenarios/soak-4-minutes.yaml").toURI());
        Scenario soak = ScenarioLoader.load(file, Scenarios.SIM);
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS, () -> 0L, stage -> { });

        ResultsDocument results = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(soak, List.of("reconcile"), soak.seed(), folder);

        StrategyResult reconcile = results.strategy("reconcile");
        Drift drift = reconcile.drift();
        assertThat(drift).as("a drift block").isNotNull();
        assertThat(drift.minutes()).extracting(DriftMinute::minute).containsExactly(0, 1, 2, 3);
        // 8 senders at 1 message/s, each delivered to 7 peers: about 3,360 peer-final samples a minute
        assertThat(drift.minutes()).allSatisfy(m -> {
            assertThat(m.latency("peer-final").count()).isBetween(3_000L, 3_700L);
            assertThat(m.latency("scheduling-lag").count()).isBetween(430L, 530L);
            assertThat(m.correctness().samples()).isEqualTo(60);
        });
        long peerFinal = drift.minutes().stream().mapToLong(m -> m.latency("peer-final").count()).sum();
        assertThat(peerFinal).as("the minutes hold the samples of the load, not of the quiet tail")
                .isLessThanOrEqualTo(reconcile.latency("peer-final", "all").corrected().count());
        assertThat(drift.trends()).extracting(t -> t.metric()).contains("echo", "ack", "peer-first", "peer-final",
                "scheduling-lag", "read-receipt-lag");
        assertThat(drift.trend("peer-final").points()).isEqualTo(4);
        assertThat(drift.trend("peer-final").pValue()).as("4 points: never below 2/24").isGreaterThanOrEqualTo(2.0 / 24);
        assertThat(drift.marked()).as("a steady run with 4 points marks no trend").isEmpty();
        assertThat(reconcile.budgets()).extracting(BudgetVerdict::budget).containsExactly("lost == 0",
                "scheduling-lag p(99) drift < 20%", "peer-final p(99) drift < 50%");
        assertThat(reconcile.budgets()).allSatisfy(v -> assertThat(v.passed()).as(v.message()).isTrue());
        assertThat(reconcile.budgets().get(2).message()).startsWith("peer-final p(99) drift = ")
                .contains("(minute 1 and minute 4 of 4)");
        assertThat(ResultsJson.fromJson(ResultsJson.toJson(results)).strategy("reconcile").drift()).isEqualTo(drift);
    }

    @Test
    void shouldJudgeDriftBudgetsInASeedSweepToo() throws Exception {
        Path file = Path.of(SoakDriftTest.class.getResource("/scenarios/soak-4-minutes.yaml").toURI());
        Scenario soak = ScenarioLoader.load(file, Scenarios.SIM);
        // seed 20 gives peer-final p99 +0.8% from the first minute to the last: "< 0%" fails
        Scenario strict = Scenarios.parse("soak-strict", java.nio.file.Files.readString(file)
                .replace("peer-final p(99) drift < 50%", "peer-final p(99) drift < 0%"));
        SeedSweep sweep = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 1);

        assertThat(sweep.check(soak, "soak.yaml", List.of("reconcile"), 20)).isEmpty();
        List<SeedFailure> failures = sweep.check(strict, "soak-strict.yaml", List.of("reconcile"), 20);

        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).budgets()).extracting(BudgetVerdict::message).singleElement().asString()
                .startsWith("peer-final p(99) drift = ").endsWith("budget < 0%");
    }

    @Test
    void shouldMarkALatencyThatRisesEveryMinuteAndFailItsDriftBudget() throws Exception {
        Path file = Path.of(SoakDriftTest.class.getResource("/scenarios/soak-rising-6-minutes.yaml").toURI());
        Scenario rising = ScenarioLoader.load(file, Scenarios.SIM);
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false), () -> 0L, stage -> { });

        StrategyResult reconcile = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(rising, List.of("reconcile"), rising.seed(), folder).strategy("reconcile");

        Drift drift = reconcile.drift();
        assertThat(drift.minutes()).hasSize(6);
        assertThat(drift.trend("peer-final").marked()).isTrue();
        assertThat(drift.trend("peer-final").slopeNanosPerMinute()).isBetween(9e6, 11e6);
        assertThat(drift.trend("peer-final").pValue()).isLessThan(0.05);
        assertThat(drift.trend("scheduling-lag").marked()).as("the harness kept its schedule").isFalse();
        assertThat(reconcile.budgets()).singleElement().satisfies(v -> {
            assertThat(v.passed()).isFalse();
            assertThat(v.message()).startsWith("peer-final p(99) drift = +").endsWith("budget < 20%");
        });
    }
}
