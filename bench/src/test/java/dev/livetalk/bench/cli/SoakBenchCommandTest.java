package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SoakBenchCommandTest extends CommandLineTest {
    /** Four clients for a little over two simulated minutes: two minute samples per play. */
    private static final String SMALL = """
            name: small-soak
            seed: 7
            network: sim
            duration: 125s
            warmup: 1s
            quiesce: 2s
            users: {count: 4, prefix: user}
            rooms: {count: 1, prefix: room}
            load: {rate: 3, arrival: poisson}
            budgets:
              - lost == 0
            """;

    @Test
    void shouldSampleEverySimulatedMinuteOfEveryPlayAndWriteTheTableAndJson(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, SMALL);
        Path json = dir.resolve("out/soak.json");

        int code = run("bench", "soak", scenario.toString(), "--minutes", "3", "--repeat", "2", "--json", json.toString());

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("scenario small-soak: 4 clients, 1 rooms, 2.1 simulated minutes", "self-check on; 2 play(s)")
                .containsPattern("\njvm .+, \\d+ cores, max heap [\\d,]+ MB; options: ")
                .containsPattern("minute +1: heap after full GC +[\\d,.]+ MB +play wall +[\\d.]+ s +cpu +[\\d.]+ s")
                .containsPattern("minute +2: heap after full GC")
                // the self-check's second play begins once the first is recorded: never beside a sample of it
                .containsPattern("minute +1: .*; self-check play not started\\)\n")
                .doesNotContain("self-check play at minute 0")
                .contains("budgets met 1/1", "slope, MB per simulated minute", "peak heap in the play, MB",
                        "peak heap after the play, MB");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("kind").asText()).isEqualTo("bench-soak");
        assertThat(root.get("selfCheck").asBoolean()).isTrue();
        assertThat(root.get("plays")).hasSize(2);
        for (JsonNode play : root.get("plays")) {
            assertThat(play.get("minutes")).hasSize(2);
            assertThat(play.get("minutes").get(0).get("minute").asInt()).isEqualTo(1);
            assertThat(play.get("minutes").get(1).get("minute").asInt()).isEqualTo(2);
            assertThat(play.get("minutes").get(0).get("heapAfterGcMb").asDouble()).isPositive();
            assertThat(play.get("minutes").get(0).get("selfCheckPlayMinute").asText()).isEqualTo("not started");
            assertThat(play.get("playPeakMb").asDouble()).isGreaterThanOrEqualTo(play.get("minutes").get(0).get("heapAfterGcMb").asDouble());
            assertThat(play.get("afterPeakMb").asDouble()).isPositive();
            assertThat(play.get("slopeMbPerMinute").isNumber()).isTrue();
            assertThat(play.get("budgetsMet").asInt()).isEqualTo(1);
        }
        assertThat(root.get("figures").get("playPeakMb").get("min").asDouble())
                .isLessThanOrEqualTo(root.get("figures").get("playPeakMb").get("max").asDouble());
    }

    @Test
    void shouldPlayWithoutTheSelfCheckWhenToldSo(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, SMALL);

        assertThat(run("bench", "soak", scenario.toString(), "--minutes", "3", "--no-self-check")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("self-check off").contains("self-check play at minute -)");
    }

    @Test
    void shouldRefuseAScenarioLongerThanTheCapNamingBoth(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, SMALL);

        assertThat(run("bench", "soak", scenario.toString(), "--minutes", "2")).isEqualTo(ExitCode.INVALID_INPUT.code());

        assertThat(err.toString()).contains("scenario small-soak runs 2.1 simulated minutes (warm-up 1 s + duration 125 s"
                + " + quiesce 2 s), longer than --minutes 2").doesNotContain("Exception");
        assertThat(out.toString()).doesNotContain("minute");
    }

    @Test
    void shouldExitTwoNamingTheOptionAndTheRule(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, SMALL);
        assertThat(run("bench", "soak", scenario.toString(), "--repeat", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--repeat must be >= 1: 0");
        assertThat(run("bench", "soak", scenario.toString(), "--minutes", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--minutes must be >= 1: 0");
        assertThat(run("bench", "soak", scenario.toString(), "--strategy", "optimistic")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'optimistic'");
        assertThat(run("bench", "soak", dir.resolve("none.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such scenario file").contains("none.yaml");
    }
}
