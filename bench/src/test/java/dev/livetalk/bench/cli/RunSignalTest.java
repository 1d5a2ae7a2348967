package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGINT to a real {@code livetalk run} process: it says so, keeps the scenario it
 * finished, writes the report of a stopped run and exits 130.
 */
class RunSignalTest {
    private static final String SCENARIO = """
            name: %s
            seed: 4
            duration: %s
            warmup: 500ms
            quiesce: 2s
            users: {count: %d, prefix: user}
            rooms:
              - name: lobby
                members: all
            load:
              rate: 4
            strategies: [event-only, reconcile]
            budgets:
              - lost == 0 for reconcile
            """;

    @TempDir
    Path dir;

    @Test
    void shouldStopOnARealSigintWriteWhatItFinishedAndExit130() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a-first.yaml"), SCENARIO.formatted("a-first", "3s", 4));
        Files.writeString(scenarios.resolve("b-second.yaml"), SCENARIO.formatted("b-second", "30s", 30));
        Path outDir = dir.resolve("out");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenarios.toString(), "--network", "sim", "--out", outDir.toString())
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(child, false));
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = err.readLine()) != null && !line.equals("a-first: done")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("the child's standard error until it ended:\n" + seen).isEqualTo("a-first: done");
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor()).isZero();
            StringBuilder rest = new StringBuilder();
            while ((line = err.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(child.waitFor(RunInterruption.GRACE.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(rest.toString()).isEqualTo(ExitCode.INTERRUPTED_SIGINT.code());
            assertThat(rest.toString()).contains("livetalk: interrupted by SIGINT: stopping the run");
        } finally {
            child.destroyForcibly();
        }
        assertThat(stdout.get(10, TimeUnit.SECONDS)).contains("a-first", "stopped: interrupted by SIGINT during "
                + "scenario b-second").endsWith("verdict: INTERRUPTED (interrupted by SIGINT)\n");
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.finished()).isEqualTo(List.of("a-first"));
        assertThat(outDir.resolve("a-first/results.json")).isNotEmptyFile();
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: INTERRUPTED");
    }

    private static String read(Process child, boolean err) {
        try {
            return new String((err ? child.getErrorStream() : child.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
