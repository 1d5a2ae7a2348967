package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGINT or SIGTERM to a real {@code livetalk run} process: it says so, keeps the scenario
 * it finished, writes the report of a stopped run and exits 130 or 143; a {@code --seeds} sweep
 * likewise keeps the seeds it finished.
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
        String err = stopRealRun(RunStop.Cause.SIGINT, 1);

        assertThat(err).contains("livetalk: interrupted by SIGINT: stopping the run");
    }

    /**
     * What {@code timeout} does: SIGTERM to the command, then at once again to its
     * process group (two kills from one shell here). The copy used to halt the run without its
     * report (2 of 6 {@code timeout} runs); when the two reach the process as one, there is no
     * copy to take, so the test passes without the fix then: {@link RunInterruptionTest} is the
     * one that always tells.
     */
    @Test
    void shouldTakeASigtermSentTwiceAtOnceAsOneWriteWhatItFinishedAndExit143() throws Exception {
        String err = stopRealRun(RunStop.Cause.SIGTERM, 2);

        assertThat(err).contains("livetalk: interrupted by SIGTERM: stopping the run").doesNotContain("exiting now");
    }

    /**
     * Runs two scenarios in a child process, sends {@code signal} {@code times} times once the
     * first finished, checks what the stopped run wrote and its exit code, and returns the child's
     * standard error after the signal.
     */
    private String stopRealRun(RunStop.Cause signal, int times) throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a-first.yaml"), SCENARIO.formatted("a-first", "3s", 4));
        Files.writeString(scenarios.resolve("b-second.yaml"), SCENARIO.formatted("b-second", "30s", 30));
        Path outDir = dir.resolve("out");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenarios.toString(), "--network", "sim", "--out", outDir.toString())
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(child, false));
        String name = signal.name().substring("SIG".length());
        StringBuilder rest = new StringBuilder();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = err.readLine()) != null && !line.equals("a-first: done")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("the child's standard error until it ended:\n" + seen).isEqualTo("a-first: done");
            String kill = "kill -" + name + " " + child.pid();
            assertThat(new ProcessBuilder("sh", "-c", String.join("; ", Collections.nCopies(times, kill)))
                    .start().waitFor()).isZero();
            while ((line = err.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(child.waitFor(RunInterruption.GRACE.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(rest.toString()).isEqualTo(ExitCode.of(signal).code());
        } finally {
            child.destroyForcibly();
        }
        assertThat(stdout.get(10, TimeUnit.SECONDS)).contains("a-first", "stopped: interrupted by " + signal
                + " during scenario b-second").endsWith("verdict: INTERRUPTED (interrupted by " + signal + ")\n");
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(signal);
        assertThat(stop.finished()).isEqualTo(List.of("a-first"));
        assertThat(outDir.resolve("a-first/results.json")).isNotEmptyFile();
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: INTERRUPTED");
        return rest.toString();
    }

    /**
     * A sweep of two scenarios given SIGTERM once the first, tiny one has swept its seeds, while
     * the second (minutes of simulated time per run) plays its first seed: it used to die at once
     * (143, nothing in its folder but the lock); now it abandons that seed and writes the first
     * scenario's sweep, its JSON lines and {@code stopped.json}.
     */
    @Test
    void shouldStopASweepOnARealSigtermWriteTheSeedsItFinishedAndExit143() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a-first.yaml"), SCENARIO.formatted("a-first", "2s", 4)
                + "  - lost >= 1 for event-only\n"); // fails where event-only lost nothing: JSON lines to check
        Files.writeString(scenarios.resolve("b-second.yaml"), SCENARIO.formatted("b-second", "5m", 30));
        Path outDir = dir.resolve("out");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenarios.toString(), "--network", "sim", "--seeds", "1..3", "--json",
                "--out", outDir.toString())
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(child, false));
        StringBuilder rest = new StringBuilder();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = err.readLine()) != null && !line.startsWith("a-first: seeds 1..3")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("the child's standard error until it ended:\n" + seen).startsWith("a-first: seeds");
            assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).start().waitFor()).isZero();
            while ((line = err.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(child.waitFor(RunInterruption.GRACE.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(rest.toString()).isEqualTo(ExitCode.INTERRUPTED_SIGTERM.code());
        } finally {
            child.destroyForcibly();
        }
        assertThat(rest.toString()).contains("livetalk: interrupted by SIGTERM: stopping the sweep, writing the results"
                + " of the finished seeds", "stopped: interrupted by SIGTERM during scenario b-second")
                .endsWith("verdict: INTERRUPTED (interrupted by SIGTERM)\n");
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.SIGTERM);
        assertThat(stop.finished()).isEqualTo(List.of("a-first"));
        assertThat(stop.during()).startsWith("scenario b-second");
        List<dev.livetalk.simulator.SweepReport> swept = SweepResults.read(outDir);
        assertThat(swept).extracting(dev.livetalk.simulator.SweepReport::scenario).containsExactly("a-first");
        assertThat(swept.getFirst().seeds()).hasToString("1..3");
        assertThat(swept.getFirst().runs()).isEqualTo(6);
        assertThat(SweepResults.seeds(outDir)).hasToString("1..3");
        assertThat(outDir.resolve(SweepResults.MARKDOWN)).content().contains("**INTERRUPTED**");
        List<String> lines = stdout.get(10, TimeUnit.SECONDS).lines().toList();
        assertThat(lines).hasSize(swept.getFirst().failures().size()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("\"kind\":\"seed\"", "\"scenario\":\"a-first\""));

        Path report = dir.resolve("report"); // livetalk report of the folder: the same stop, the same code
        assertThat(Main.run("report", outDir.toString(), "--out", report.toString(), "-q"))
                .isEqualTo(ExitCode.INTERRUPTED_SIGTERM.code());
        assertThat(SweepResults.read(report)).isEqualTo(swept);
        assertThat(report.resolve(SweepResults.MARKDOWN)).content().contains("**INTERRUPTED**: " + stop.sentence());
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
