package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.ExampleFiles;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScheduleTest {
    private static final String BASE = "name: t\nseed: 11\nduration: 60s\nusers: {count: 20}\n"
            + "rooms: {count: 2}\nload: {rate: 1}\n";

    private static Scenario scenario(String faults) throws ScenarioException {
        return ScenarioLoader.parse("t.yaml", BASE + faults, LoaderOptions.DEFAULTS);
    }

    @Test
    void shouldResolveTheSameScheduleTwiceWithOneSeed() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("asymmetric-latency.yaml"));

        assertThat(FaultSchedule.resolve(s, 42)).isEqualTo(FaultSchedule.resolve(s, 42));
        assertThat(FaultScheduleJson.toJson(FaultSchedule.resolve(s, 42)))
                .isEqualTo(FaultScheduleJson.toJson(FaultSchedule.resolve(s, 42)));
    }

    @Test
    void shouldChooseDifferentClientsForAShareWithDifferentSeeds() throws Exception {
        Scenario s = scenario("faults:\n  - type: down\n    at: 1s\n    for: 1s\n    target: {share: 0.25}\n");
        Set<List<String>> choices = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            FaultSchedule schedule = FaultSchedule.resolve(s, seed);
            List<String> clients = schedule.windows().get(0).clients();
            assertThat(clients).as("seed %d", seed).hasSize(5).doesNotHaveDuplicates().isSubsetOf(s.users());
            choices.add(clients);
        }
        assertThat(choices).as("five seeds choosing 5 of 20 clients").hasSizeGreaterThan(1);
    }

    @Test
    void shouldUseTheScenarioSeedByDefault() throws Exception {
        Scenario s = scenario("faults:\n  - type: down\n    at: 1s\n    for: 1s\n    target: {share: 0.5}\n");

        assertThat(FaultSchedule.resolve(s)).isEqualTo(FaultSchedule.resolve(s, 11));
        assertThat(FaultSchedule.resolve(s).seed()).isEqualTo(11);
    }

    @Test
    void shouldRepeatAPeriodicFaultUntilTheEndOfTheRun() throws Exception {
        Scenario s = scenario("faults:\n  - type: reset-peer\n    at: 5s\n    every: 10s\n    for: 2s\n");

        List<FaultWindow> windows = FaultSchedule.resolve(s).windows();

        assertThat(windows).extracting(w -> w.start().toSeconds()).containsExactly(5L, 15L, 25L, 35L, 45L, 55L);
        assertThat(windows).extracting(FaultWindow::occurrence).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(windows.get(5).end()).isEqualTo(Duration.ofSeconds(57));
        assertThat(windows.get(0).clients()).isEqualTo(s.users());
    }

    @Test
    void shouldStopAPeriodicFaultAfterCount() throws Exception {
        Scenario s = scenario("faults:\n  - type: stall\n    every: 10s\n    for: 1s\n    count: 3\n");

        assertThat(FaultSchedule.resolve(s).windows()).extracting(w -> w.start().toSeconds())
                .containsExactly(0L, 10L, 20L);
    }

    @Test
    void shouldSpacePoissonWindowsFromTheSeedWithoutOverlap() throws Exception {
        Scenario s = scenario("faults:\n  - type: down\n    every: 5s\n    for: 1s\n    arrival: poisson\n");

        List<FaultWindow> a = FaultSchedule.resolve(s, 1).windows();
        List<FaultWindow> b = FaultSchedule.resolve(s, 2).windows();

        assertThat(a).isEqualTo(FaultSchedule.resolve(s, 1).windows());
        assertThat(a).extracting(FaultWindow::start).isNotEqualTo(b.stream().map(FaultWindow::start).toList());
        for (List<FaultWindow> windows : List.of(a, b)) {
            assertThat(windows).isNotEmpty();
            for (int i = 1; i < windows.size(); i++) {
                assertThat(windows.get(i).start()).isGreaterThan(windows.get(i - 1).end());
            }
            assertThat(windows.get(windows.size() - 1).end()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    /** A scenario built without validation (a library caller's) still gets at most the limit of windows. */
    @Test
    void shouldStopAPoissonFaultWithoutCountAtTheWindowLimit() throws Exception {
        Scenario s = scenario("");
        FaultSpec tiny = new FaultSpec("tiny", new DownFault(), new Timing.Every(Duration.ZERO, Duration.ofNanos(2),
                Duration.ofNanos(1), java.util.OptionalInt.empty(), dev.livetalk.scenarios.Arrival.POISSON),
                DirectionSelector.BOTH, new Target.AllClients(LinkSelector.BOTH));
        Scenario unchecked = new Scenario(s.name(), s.description(), s.seed(), s.network(), s.duration(), s.warmup(),
                s.quiesce(), s.users(), s.rooms(), s.clientShape(), s.load(), s.strategies(), List.of(tiny), s.budgets(),
                s.server(), s.clients());

        assertThat(FaultSchedule.resolve(unchecked).windows()).hasSize(Timing.MAX_WINDOWS);
    }

    @Test
    void shouldResolveRoomClientAndServerTargets() throws Exception {
        Scenario s = scenario("faults:\n"
                + "  - {type: latency, latency: 10ms, at: 1s, for: 1s, target: {room: room2}}\n"
                + "  - {type: latency, latency: 10ms, at: 2s, for: 1s, target: {client: user07}}\n"
                + "  - {type: latency, latency: 10ms, at: 3s, for: 1s, target: server}\n");

        List<FaultWindow> windows = FaultSchedule.resolve(s).windows();

        assertThat(windows.get(0).clients()).hasSize(10).first().isEqualTo("user02");
        assertThat(windows.get(1).clients()).containsExactly("user07");
        assertThat(windows.get(2).clients()).isEmpty();
        assertThat(windows.get(2).serverSide()).isTrue();
    }

    @Test
    void shouldListTheWindowsActiveAtATime() throws Exception {
        Scenario s = scenario("faults:\n  - {type: down, at: 10s, for: 5s}\n  - {type: stall, at: 12s, for: 1s}\n");
        FaultSchedule schedule = FaultSchedule.resolve(s);

        assertThat(schedule.activeAt(Duration.ofSeconds(12))).extracting(FaultWindow::kind)
                .containsExactly(FaultKind.DOWN, FaultKind.STALL);
        assertThat(schedule.activeAt(Duration.ofSeconds(15))).isEmpty();
        assertThat(schedule.activeAt(Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void shouldWriteTheScheduleAsJson() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("asymmetric-latency.yaml"));

        JsonNode json = new ObjectMapper().readTree(FaultScheduleJson.toJson(FaultSchedule.resolve(s)));

        assertThat(json.get("seed").asLong()).isEqualTo(42);
        JsonNode first = json.get("windows").get(0);
        assertThat(first.get("fault").asText()).isEqualTo("slow-uplink");
        assertThat(first.get("type").asText()).isEqualTo("latency");
        assertThat(first.get("start").asText()).isEqualTo("5s");
        assertThat(first.get("endNanos").asLong()).isEqualTo(35_000_000_000L);
        assertThat(first.get("parameters").get("latency").asText()).isEqualTo("400ms");
        assertThat(first.get("parameters").get("jitter").asText()).isEqualTo("100ms");
        assertThat(first.get("direction").asText()).isEqualTo("upstream");
        assertThat(first.get("clients")).hasSize(1);
        assertThat(json.get("windows").get(1).get("clients")).hasSize(2);
    }

    @Test
    void shouldWriteAFaultWithoutParametersAsAnEmptyObject() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("outage.yaml"));

        JsonNode json = new ObjectMapper().readTree(FaultScheduleJson.toJson(FaultSchedule.resolve(s)));

        assertThat(json.get("windows").get(0).get("parameters").isEmpty()).isTrue();
        assertThat(json.get("windows").get(0).get("clients")).hasSize(12);
    }

    @Test
    void shouldWriteTheScheduleExactlyAsTheGoldenFile() throws Exception {
        Scenario s = ScenarioLoader.load(ExampleFiles.example("asymmetric-latency.yaml"));
        Path golden = Path.of(FaultScheduleTest.class.getResource("/schedules/asymmetric-latency.json").toURI());

        assertThat(FaultScheduleJson.toJson(FaultSchedule.resolve(s))).isEqualTo(Files.readString(golden));
    }
}
