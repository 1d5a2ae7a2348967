package dev.livetalk.bench.ceiling;

import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Room;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.fault.Timing;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleShapeTest {
    /** The library's scale scenario's shape (scenarios/scale/200-clients.yaml), on the simulator to show the resize moves it to Toxiproxy. */
    static final String SHAPE = """
            name: scale-200-clients
            seed: 200
            network: sim
            duration: 60s
            warmup: 2s
            quiesce: 5s
            users: {count: 200, prefix: user}
            rooms: {count: 20, prefix: room}
            load: {rate: 5.25, arrival: poisson}
            strategies: [reconcile]
            faults:
              - type: latency
                name: busy-cell
                latency: 100ms
                jitter: 50ms
                direction: downstream
                at: 20s
                for: 5s
                target: {share: 0.2}
            budgets:
              - scheduling-lag p(99) < 10ms
            """;

    static ScaleShape shape() throws Exception {
        return new ScaleShape(ScenarioLoader.parse("200-clients.yaml", SHAPE, LoaderOptions.DEFAULTS));
    }

    @Test
    void shouldKeepTenUsersPerRoomAndTheFaultAtTheSameShareOfTheDuration() throws Exception {
        Scenario resized = shape().resize(400, Duration.ofSeconds(60), "reconcile");
        assertThat(resized.users()).hasSize(400).startsWith("user001").endsWith("user400");
        assertThat(resized.rooms()).hasSize(40).allSatisfy(r -> assertThat(r.members()).hasSize(10));
        assertThat(resized.rooms().getFirst().members()).startsWith("user001", "user041");
        assertThat(resized.faults().getFirst().timing()).isEqualTo(new Timing.Once(Duration.ofSeconds(20), Duration.ofSeconds(5)));
        assertThat(resized.network()).isEqualTo(Backend.TOXIPROXY);
        assertThat(resized.name()).isEqualTo("ceiling-400-clients");
        assertThat(resized.load().ratePerSender()).isEqualTo(5.25);
        assertThat(resized.seed()).isEqualTo(200);
        assertThat(resized.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(resized.quiesce()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldScaleTheFaultWithTheDurationAndKeepOneRoomForFewClients() throws Exception {
        Scenario six = shape().resize(4, Duration.ofSeconds(6), "reconcile");
        assertThat(six.duration()).isEqualTo(Duration.ofSeconds(6));
        assertThat(six.faults().getFirst().timing()).isEqualTo(new Timing.Once(Duration.ofSeconds(2), Duration.ofMillis(500)));
        assertThat(six.rooms()).extracting(Room::members).containsExactly(six.users());
        Scenario fifty = shape().resize(55, Duration.ofSeconds(20), "reconcile");
        assertThat(fifty.rooms()).hasSize(6); // 5.5 rounds up
        assertThat(fifty.faults().getFirst().timing())
                .isEqualTo(new Timing.Once(Duration.ofMillis(6667), Duration.ofMillis(1667)));
        assertThat(shape().shortestFaultWindow(Duration.ofSeconds(6))).isEqualTo(Duration.ofMillis(500));
    }
}
