package dev.livetalk.scenarios;

import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.DuplicationFault;
import dev.livetalk.scenarios.fault.FaultSpec;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LinkSelector;
import dev.livetalk.scenarios.fault.MessageLossFault;
import dev.livetalk.scenarios.fault.PartitionFault;
import dev.livetalk.scenarios.fault.PauseFault;
import dev.livetalk.scenarios.fault.RestartFault;
import dev.livetalk.scenarios.fault.SlowCommitFault;
import dev.livetalk.scenarios.fault.ReorderFault;
import dev.livetalk.scenarios.fault.Target;
import dev.livetalk.scenarios.fault.Timing;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleScenariosTest {

    @Test
    void shouldValidateEveryExampleScenario() throws IOException {
        for (Path file : ExampleFiles.examples()) {
            assertThat(ScenarioLoader.validate(file)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void shouldReadTheBaselineScenario() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("baseline.yaml"));

        assertThat(s.name()).isEqualTo("baseline");
        assertThat(s.seed()).isEqualTo(1);
        assertThat(s.network()).isEqualTo(Backend.TOXIPROXY);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.users()).hasSize(10).startsWith("alice", "bob");
        assertThat(s.rooms()).extracting(Room::name).containsExactly("lobby", "ops");
        assertThat(s.rooms().get(0).members()).isEqualTo(s.users());
        assertThat(s.load()).isEqualTo(new Load(2, Arrival.POISSON, 0.1));
        assertThat(s.strategies()).isEqualTo(new StrategySelection.All());
        assertThat(s.faults()).isEmpty();
        assertThat(s.budgets()).hasSize(8);
    }

    @Test
    void shouldGenerateUsersAndSpreadThemOverGeneratedRooms() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("outage.yaml"));

        assertThat(s.users()).hasSize(12).first().isEqualTo("user01");
        assertThat(s.rooms()).extracting(Room::name).containsExactly("room1", "room2", "room3");
        assertThat(s.rooms().get(0).members()).containsExactly("user01", "user04", "user07", "user10");
        assertThat(s.faults()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("outage");
            assertThat(f.fault()).isEqualTo(new DownFault());
            assertThat(f.timing()).isEqualTo(new Timing.Once(Duration.ofSeconds(20), Duration.ofSeconds(5)));
            assertThat(f.target()).isEqualTo(new Target.AllClients(LinkSelector.BOTH));
        });
    }

    @Test
    void shouldReadSimulatorOnlyFaultsWhenTheNetworkIsSim() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("sim-message-loss.yaml"));

        assertThat(s.network()).isEqualTo(Backend.SIM);
        assertThat(s.clientShape()).isEqualTo(ClientShape.SPLIT);
        assertThat(s.faults()).extracting(FaultSpec::fault).containsExactly(
                new MessageLossFault(0.05), new DuplicationFault(0.05),
                new ReorderFault(Duration.ofMillis(200), 1.0), new PartitionFault());
        assertThat(s.faults()).extracting(FaultSpec::name)
                .containsExactly("message-loss#1", "duplication#2", "reorder#3", "partition#4");
        assertThat(s.faults().get(3).target()).isEqualTo(new Target.Client("alice", LinkSelector.SEND));
        assertThat(s.faults().get(3).timing()).isEqualTo(new Timing.Every(Duration.ZERO, Duration.ofSeconds(4),
                Duration.ofSeconds(2), java.util.OptionalInt.of(5), Arrival.CONSTANT));
    }

    @Test
    void shouldReadAsymmetricLatencyFaults() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("asymmetric-latency.yaml"));

        FaultSpec uplink = s.faults().get(0);
        assertThat(uplink.fault()).isEqualTo(new LatencyFault(Duration.ofMillis(400), Duration.ofMillis(100)));
        assertThat(uplink.direction()).isEqualTo(DirectionSelector.UPSTREAM);
        assertThat(uplink.target()).isEqualTo(new Target.Client("alice", LinkSelector.BOTH));
        assertThat(s.faults().get(1).target()).isEqualTo(new Target.Share(0.25, LinkSelector.BOTH));
        assertThat(s.budgets().get(0).strategies()).containsExactly("ordered", "reconcile");
    }

    @Test
    void shouldReadServerFaultsOnTheServerAndTheServerBlock() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("server-faults.yaml"));

        assertThat(s.network()).isEqualTo(Backend.TOXIPROXY);
        assertThat(s.faults()).extracting(FaultSpec::fault).containsExactly(new RestartFault(false), new PauseFault(),
                new RestartFault(true), new SlowCommitFault(Duration.ofMillis(20)));
        assertThat(s.faults()).extracting(FaultSpec::target).containsOnly(new Target.ServerSide());
        assertThat(s.faults()).extracting(FaultSpec::direction).containsOnly(DirectionSelector.BOTH);
        assertThat(s.server().historyLimit()).hasValue(50);
    }

    @Test
    void shouldLeaveTheServersRetentionAloneWithoutAServerBlock() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("baseline.yaml"));

        assertThat(s.server()).isEqualTo(ServerSettings.DEFAULTS);
        assertThat(s.server().historyLimit()).isEmpty();
    }
}
