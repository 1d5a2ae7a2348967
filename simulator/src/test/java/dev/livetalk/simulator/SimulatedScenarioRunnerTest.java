package dev.livetalk.simulator;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunProgress;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedScenarioRunnerTest {
    @TempDir
    Path folder;

    @Test
    void shouldWriteTheResultsDocumentOfTheToxiproxyRunnerWithNetworkSim() throws Exception {
        Scenario outage = Scenarios.outage();
        List<RunProgress.Status> statuses = new ArrayList<>();

        ResultsDocument results = new SimulatedScenarioRunner(SimSettings.DEFAULTS, statuses::add)
                .run(outage, List.of("event-only", "reconcile"), 4, folder);

        assertThat(results.network()).isEqualTo("sim");
        assertThat(results.seed()).isEqualTo(4);
        assertThat(results.environment().toxiproxyVersion()).isNull();
        assertThat(results.environment().calibration()).isEqualTo(new Calibration.VirtualTime());
        assertThat(results.strategies()).extracting(StrategyResult::strategy).containsExactly("event-only", "reconcile");
        StrategyResult reconcile = results.strategy("reconcile");
        assertThat(reconcile.correctness().lost()).isZero();
        assertThat(reconcile.budgets()).isNotEmpty().allSatisfy(v -> assertThat(v.passed()).as(v.message()).isTrue());
        assertThat(results.strategy("event-only").correctness().lost()).isPositive();
        assertThat(folder.resolve("reconcile.hlog")).isNotEmptyFile();
        assertThat(folder.resolve("fault-schedule.json")).isNotEmptyFile();
        assertThat(statuses).extracting(RunProgress.Status::strategy).containsExactly("event-only", "reconcile");
        ResultsJson.write(results, folder.resolve("results.json"));
        assertThat(ResultsJson.read(folder.resolve("results.json")).strategy("reconcile").correctness())
                .isEqualTo(reconcile.correctness());
    }

    @Test
    void shouldWriteTheSameFilesWhenReplayed() throws Exception {
        Scenario outage = Scenarios.outage();
        SimulatedScenarioRunner runner = new SimulatedScenarioRunner(SimSettings.DEFAULTS.withSelfCheck(false), RunProgress.NONE);

        runner.run(outage, List.of("reconcile"), 8, folder.resolve("one"));
        runner.run(outage, List.of("reconcile"), 8, folder.resolve("two"));

        assertThat(Files.readAllBytes(folder.resolve("one/reconcile.hlog")))
                .isEqualTo(Files.readAllBytes(folder.resolve("two/reconcile.hlog")));
    }

    @Test
    void shouldFailAsAHarnessBugWhenTwoPlaysDiffer() {
        assertThatThrownBy(() -> SimulatedScenarioRunner.requireSameTrace(Scenarios.outage(), "reconcile", 4, "ab", "cd"))
                .isInstanceOf(RunFailure.class)
                .hasMessage("harness bug: the simulator is not deterministic: outage with reconcile and seed 4 gave "
                        + "trace ab then cd");
    }
}
