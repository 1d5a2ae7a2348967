package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep sharded over 4 local processes of the shipped jar ({@code java -jar
 * bench/target/livetalk.jar run ... --shard K/4}, as {@code ./livetalk} runs it), played at the
 * same time, then merged by {@code livetalk report}: the merge says what the unsharded sweep says.
 */
class SweepShardIT extends CommandLineTest {
    private static final Path JAR = StrategyJars.projectRoot().resolve("bench/target/livetalk.jar");
    private static final String SEEDS = "1..24";

    @TempDir
    Path dir;

    @Test
    void shouldMergeFourShardProcessesIntoTheUnshardedSweep() throws Exception {
        assertThat(JAR).as("the shipped jar: build it with ./mvnw -pl bench -am package -DskipTests").isRegularFile();
        Path scenario = SweepShardTest.gatedSweepScenario(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> shards = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        try {
            for (int k = 1; k <= 4; k++) {
                Path out = dir.resolve("shard-" + k);
                folders.add(out.toString());
                shards.add(new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString(), "run", scenario.toString(),
                        "--network", "sim", "--seeds", SEEDS, "--strategies", String.join(",", SweepShardTest.STRATEGIES),
                        "--shard", k + "/4", "--out", out.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("shard-" + k + ".txt").toFile()).start());
            }
            for (int k = 1; k <= 4; k++) {
                Process shard = shards.get(k - 1);
                assertThat(shard.waitFor(10, TimeUnit.MINUTES)).as("shard %d/4 ended within 10 minutes", k).isTrue();
                String console = Files.readString(dir.resolve("shard-" + k + ".txt"), StandardCharsets.UTF_8);
                assertThat(shard.exitValue()).as(console).isIn(0, ExitCode.BUDGET_FAILED.code());
                assertThat(console).startsWith("shard " + k + "/4: 18 simulated runs of the sweep's 72\n");
            }
        } finally {
            shards.forEach(Process::destroyForcibly);
        }

        int whole = run("run", scenario.toString(), "--network", "sim", "--seeds", SEEDS, "--strategies",
                String.join(",", SweepShardTest.STRATEGIES), "--out", dir.resolve("whole").toString());
        String wholeOut = out.toString();
        out.getBuffer().setLength(0);
        List<String> report = new ArrayList<>(List.of("report"));
        report.addAll(folders);
        report.addAll(List.of("--out", dir.resolve("merged").toString()));
        int merged = run(report.toArray(String[]::new));

        assertThat(whole).as(wholeOut).isEqualTo(ExitCode.BUDGET_FAILED.code());
        assertThat(merged).as(err.toString()).isEqualTo(whole);
        assertThat(SweepShardTest.withoutPaths(out.toString())).isEqualTo(SweepShardTest.withoutPaths(wholeOut))
                .containsPattern("--seed \\d+ --strategies event-only,naive-retry\n");
        assertThat(dir.resolve("merged/sweep.json")).hasSameTextualContentAs(dir.resolve("whole/sweep.json"));
    }
}
