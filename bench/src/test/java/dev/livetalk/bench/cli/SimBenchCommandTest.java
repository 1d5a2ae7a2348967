package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SimBenchCommandTest extends CommandLineTest {
    private static final Pattern ROUND = Pattern.compile(
            "^(warm-up|round) (\\d)/(\\d) +codec (on|off) +wall .* ([\\d,]+) deliveries", Pattern.MULTILINE);

    @Test
    void shouldPlayEveryRoundInBothModesThenSweepAndJudgeTheTargets(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, """
                name: small
                seed: 7
                network: sim
                duration: 4s
                warmup: 1s
                quiesce: 2s
                users: {count: 4, prefix: user}
                rooms: {count: 1, prefix: room}
                load: {rate: 3, arrival: poisson}
                """);

        int code = run("bench", "sim", "--scenario", scenario.toString(), "--warmup", "1", "--rounds", "2",
                "--sweep-seeds", "3", "--threads", "1");

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("scenario small: 4 clients for 4 s, strategy reconcile, seed 7")
                .containsPattern("\njvm .+ " + Runtime.version().feature() + "[^\n]*, \\d+ cores; options: ");
        Matcher rounds = ROUND.matcher(text);
        List<String> seen = new ArrayList<>();
        List<String> deliveries = new ArrayList<>();
        while (rounds.find()) {
            seen.add(rounds.group(1) + " " + rounds.group(2) + " " + rounds.group(4));
            deliveries.add(rounds.group(5));
        }
        assertThat(seen).containsExactly("warm-up 1 on", "round 1 on", "round 2 on", "round 1 off", "round 2 off");
        // one seed, one trace: the codec changes how frames travel, not what is delivered
        assertThat(deliveries).hasSize(5).allMatch(d -> d.equals(deliveries.getFirst()));
        assertThat(Long.parseLong(deliveries.getFirst().replace(",", ""))).isPositive();
        assertThat(text).contains("sweep sweep-10-clients, 3 seeds, 10 clients, 1 threads:", "0 failing seeds")
                .contains("| codec on, cold (first warm-up) | 1 |", "| codec on | 2 |", "| codec off (baseline) | 2 |")
                .contains("throughput ratio codec on / codec off: ")
                .contains("| 1,000 seeds of a 10-client scenario in < 60 s (3 seeds, 1 threads) |",
                        "not judged (not 1,000 seeds)")
                .containsPattern("\\| >= 1,000,000 deliveries per cpu-second \\(codec on, median\\) \\| [\\d,]+ \\| (met|MISSED) \\|");
    }

    @Test
    void shouldExitTwoNamingTheOptionAndTheRule() {
        assertThat(run("bench", "sim", "--rounds", "0")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--rounds must be >= 1: 0");
        assertThat(run("bench", "sim", "--sweep-seeds", "-5")).isEqualTo(2);
        assertThat(err.toString()).contains("--sweep-seeds must be >= 0: -5");
        assertThat(run("bench", "sim", "--strategy", "optimistic")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'optimistic'", "reconcile");
    }

    @Test
    void shouldExitTwoForAMissingOrInvalidScenario(@TempDir Path dir) throws IOException {
        assertThat(run("bench", "sim", "--scenario", dir.resolve("none.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such scenario file").contains("none.yaml");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: forever\n");
        assertThat(run("bench", "sim", "--scenario", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid scenario").contains("bad.yaml").contains("duration");
    }
}
