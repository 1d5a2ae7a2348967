package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk run} end to end through the real Toxiproxy: the exit codes CI relies on
 * (0 budgets hold, 99 a budget fails or a figure regresses against the baseline, 2 invalid
 * input) and the files it writes.
 */
class RunCommandIT extends CommandLineTest {
    private static final String SCENARIO = """
            name: tiny
            seed: 3
            duration: 2s
            warmup: 500ms
            quiesce: 1s
            users: [ann, ben, cat]
            rooms:
              - name: lobby
                members: all
            load:
              rate: 5
            strategies: [reconcile]
            budgets:
            %s
            """;

    @TempDir
    Path dir;

    private Path scenario(String name, String budgets) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, SCENARIO.formatted(budgets.indent(2)));
        return file;
    }

    @Test
    void shouldExitZeroAndWriteEveryFileWhenBudgetsHold() throws Exception {
        Path outDir = dir.resolve("out");
        int code = run("run", scenario("tiny", "- lost == 0\n- converged == 100%").toString(), "--out", outDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(outDir.resolve("tiny/results.json")).isNotEmptyFile();
        assertThat(outDir.resolve("tiny/junit.xml")).content().contains("budget: lost == 0").doesNotContain("<failure");
        assertThat(outDir.resolve("tiny/fault-schedule.json")).isNotEmptyFile();
        assertThat(outDir.resolve("tiny/reconcile.hlog")).isNotEmptyFile();
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: PASS");
        assertThat(outDir.resolve("junit.xml")).content().contains("tiny.reconcile");
        assertThat(out.toString()).contains("tiny", "reconcile", "verdict: PASS");
    }

    @Test
    void shouldExitNinetyNineWhenABudgetFails() throws Exception {
        Path outDir = dir.resolve("out");
        int code = run("run", scenario("tiny", "- echo p(99) < 1ns").toString(), "--out", outDir.toString());
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: FAIL")
                .contains("echo p(99) < 1ns");
        assertThat(outDir.resolve("tiny/junit.xml")).content().contains("<failure");
    }

    @Test
    void shouldExitNinetyNineOnARegressionAgainstTheBaseline() throws Exception {
        Path baseline = dir.resolve("baseline");
        Path scenario = scenario("tiny", "- lost == 0");
        Files.writeString(scenario, Files.readString(scenario) + """
                faults:
                  - type: latency
                    latency: 50ms
                    direction: downstream
                    at: 0s
                    for: 2s
                    target: all
                """);
        assertThat(run("run", scenario.toString(), "--out", baseline.toString())).as(err.toString()).isZero();
        // A baseline where peers saw every message within 1 ms: 50 ms now is far beyond 10 %.
        Path results = baseline.resolve("tiny/results.json");
        Files.writeString(results, Files.readString(results)
                .replaceAll("(\"metric\" : \"peer-first\",[^}]*?\"p50\" : )\\d+", "$11000000"));
        // its interval logs still hold the real run: without them the gate takes the document's figures
        try (var hlogs = Files.list(baseline.resolve("tiny"))) {
            for (Path hlog : hlogs.filter(f -> f.toString().endsWith(".hlog")).toList()) {
                Files.delete(hlog);
            }
        }
        int code = run("run", scenario.toString(), "--out", dir.resolve("out").toString(), "--baseline",
                baseline.toString(), "--count-tolerance", "0");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        assertThat(dir.resolve("out/summary.md")).content().contains("baseline");
    }

    @Test
    void shouldExitTwoAndRunNothingForAnInvalidScenario() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: -3s\nusers: [a]\nrooms: []\nload: {rate: 0}\n");
        Path outDir = dir.resolve("out");
        assertThat(run("run", bad.toString(), "--out", outDir.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("bad.yaml:").contains("nothing was run");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void shouldExitTwoForAnUnknownStrategy() throws Exception {
        assertThat(run("run", scenario("tiny", "- lost == 0").toString(), "--strategies", "telepathy",
                "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'telepathy'").contains("reconcile");
    }
}
