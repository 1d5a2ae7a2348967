package dev.livetalk.network;

import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which server a plan needs, from its fault windows: its own process, a durable history, a standby. */
class ServerFaultsTest {
    private static List<FaultWindow> windows(String file) throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("../scenarios").resolve(file), LoaderOptions.DEFAULTS);
        return FaultSchedule.resolve(scenario, scenario.seed()).windows();
    }

    @Test
    void shouldKeepAStandbyOnlyForAPlanWithARestart() throws Exception {
        assertThat(ServerFaults.restartIn(windows("crash-durable.yaml"))).as("durable restarts").isTrue();
        assertThat(ServerFaults.restartIn(windows("deploy-restart.yaml"))).as("restarts").isTrue();
        assertThat(ServerFaults.anyIn(windows("server-pause.yaml"))).as("a pause needs the server's process").isTrue();
        assertThat(ServerFaults.restartIn(windows("server-pause.yaml"))).as("but no standby").isFalse();
        assertThat(ServerFaults.restartIn(windows("flapping-link.yaml"))).as("link faults only").isFalse();
    }
}
