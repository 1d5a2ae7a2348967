package dev.livetalk.network;

import dev.livetalk.run.LoadPlan;

import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultScheduleJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario of the library is valid and resolves, for one seed, to one fault schedule
 * and one load plan: two runs with the same seed play the same faults on the same clients.
 */
class LibraryScheduleTest {
    private static Scenario load(String file) throws Exception {
        return ScenarioLoader.load(Path.of("../scenarios").resolve(file), LoaderOptions.DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline.yaml", "mobile-jitter.yaml", "flapping-link.yaml", "outage.yaml",
        "slow-link.yaml", "asymmetric-latency.yaml", "split-paths.yaml", "thundering-herd.yaml", "lost-ack.yaml",
        "resume-bound.yaml", "scale/200-clients.yaml"})
    void shouldResolveTheSameScheduleAndLoadTwiceWithOneSeed(String file) throws Exception {
        Scenario scenario = load(file);
        assertThat(FaultScheduleJson.toJson(FaultSchedule.resolve(scenario, scenario.seed())))
                .isEqualTo(FaultScheduleJson.toJson(FaultSchedule.resolve(load(file), scenario.seed())));
        assertThat(LoadPlan.resolve(scenario, scenario.seed())).isEqualTo(LoadPlan.resolve(load(file), scenario.seed()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobile-jitter.yaml", "flapping-link.yaml", "slow-link.yaml", "lost-ack.yaml"})
    void shouldChooseAnotherShareOfClientsWithAnotherSeed(String file) throws Exception {
        Scenario scenario = load(file);
        var first = FaultSchedule.resolve(scenario, 1).windows().get(0).clients();
        boolean differs = false;
        for (long seed = 2; seed < 20 && !differs; seed++) {
            differs = !FaultSchedule.resolve(scenario, seed).windows().get(0).clients().equals(first);
        }
        assertThat(differs).as("some other seed picks other clients").isTrue();
    }

    @Test
    void shouldPlanTheScaleScenarioAtOverAThousandMessagesPerSecondOfItsMeasuredMinute() throws Exception {
        Scenario scale = load("scale/200-clients.yaml");
        long from = scale.warmup().toNanos();
        long to = from + scale.duration().toNanos();
        long measured = LoadPlan.resolve(scale, scale.seed()).sends().stream()
                .filter(send -> send.at() >= from && send.at() < to).count();
        assertThat(scale.users()).hasSize(200);
        assertThat(scale.duration().toSeconds()).isEqualTo(60);
        assertThat(measured * 1e9 / scale.duration().toNanos()).as("sends per second after the warm-up, seed %d",
                scale.seed()).isGreaterThanOrEqualTo(1_000);
    }
}
