package dev.livetalk.simulator;

import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.StrategySelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every library scenario the simulator can play gives one trace per seed: the self-check holds for each of its strategies. */
class LibraryReplayTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.livetalk.simulator.Scenarios#simulated")
    void shouldReplayEachStrategyOfALibraryScenarioToTheSameTrace(String file) throws Exception {
        Scenario scenario = Scenarios.library(file);
        ScenarioRunner runner = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), RunSettings.DEFAULTS,
                RunProgress.NONE);
        RunPlan plan = RunPlan.resolve(scenario, scenario.seed());

        for (String strategy : strategies(scenario)) {
            assertThat(runner.play(plan, strategy).clients()).as(strategy).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseTheLibraryScenarioWithAFaultOnlyToxiproxyPlays() {
        assertThatThrownBy(() -> Scenarios.library("slow-link.yaml"))
                .hasMessageContaining("bandwidth");
        assertThat(Scenarios.NOT_SIMULATED).as("the only library scenarios left out of the simulated list")
                .containsExactly("slow-link.yaml");
        assertThat(Scenarios.simulated()).as("the library read from its folder").contains("outage.yaml",
                "busy-room-deploy.yaml", "resume-bound.yaml").doesNotContain("slow-link.yaml").hasSizeGreaterThan(13);
    }

    private static List<String> strategies(Scenario scenario) {
        return switch (scenario.strategies()) {
            case StrategySelection.Named named -> named.names();
            case StrategySelection.All all -> List.of("reconcile");
        };
    }
}
