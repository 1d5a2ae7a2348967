package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGINT to a real {@code livetalk bench soak} process in the middle of its play: it exits
 * 130 (its help: stopped at once, the rest not printed) and leaves nothing of its own in the
 * temporary folder.
 */
class SoakBenchSignalTest {
    /** A hundred clients for five simulated minutes: seconds of play, so the signal lands in it. */
    private static final String SCENARIO = """
            name: signal-soak
            seed: 5
            network: sim
            duration: 5m
            warmup: 1s
            quiesce: 2s
            users: {count: 100, prefix: user}
            rooms: {count: 10, prefix: room}
            load: {rate: 4, arrival: poisson}
            budgets:
              - lost == 0
            """;

    @TempDir
    Path dir;

    @Test
    void shouldLeaveNoFolderOfItsOwnInTheTemporaryFolderWhenInterrupted() throws Exception {
        Path scenario = dir.resolve("soak.yaml");
        Files.writeString(scenario, SCENARIO);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "bench", "soak", scenario.toString(), "--minutes", "6", "--no-self-check")
                .start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("minute   1:")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("the child's standard output until it ended:\n" + seen).isNotNull();
            try (Stream<Path> made = Files.list(tmp)) {
                assertThat(made.map(p -> p.getFileName().toString())).as("the play's folder, before the signal")
                        .anyMatch(n -> n.startsWith("livetalk-bench-soak"));
            }
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor()).isZero();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(seen + stderr.get(10, TimeUnit.SECONDS)).isEqualTo(130);
        } finally {
            child.destroyForcibly();
        }
        assertThat(seen.toString()).as("the signal came in the play").doesNotContain("end of play");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("left in java.io.tmpdir")
                    .noneMatch(n -> n.startsWith("livetalk-bench-soak"));
        }
    }
}
