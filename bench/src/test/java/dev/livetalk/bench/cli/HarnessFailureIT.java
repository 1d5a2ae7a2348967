package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.network.ToxiproxySettings;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Toxiproxy that stops answering its API mid-run: the run ends with exit 1, a message naming
 * the call and the deadline, and a results.json with the strategy that finished and why the
 * other stopped, within the API deadline of the silence (plus the cleanup's own deadline).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HarnessFailureIT extends CommandLineTest {
    private static final String SCENARIO = """
            name: silent
            seed: 5
            duration: 3s
            warmup: 500ms
            quiesce: 1s
            users: [ann, ben]
            rooms:
              - name: lobby
                members: all
            load:
              rate: 4
            strategies: [event-only, reconcile]
            faults:
              - type: stall
                at: 1s
                for: 1s
                target: all
            """;

    @TempDir
    Path dir;

    @Test
    void shouldEndWithExitOneAMessageAndPartialResultsWhenToxiproxyStopsAnswering() throws Exception {
        Path scenario = dir.resolve("silent.yaml");
        Files.writeString(scenario, SCENARIO);
        Path outDir = dir.resolve("out");
        ExecutorService watcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "silent-watcher"));
        try (ToxiproxyServer real = ToxiproxyLauncher.launch(Optional.empty());
             SilencingToxiproxyApi api = new SilencingToxiproxyApi(real.apiUrl())) {
            // the first strategy finished once its interval log is written: the next fault silences the API
            Future<?> arming = watcher.submit(() -> {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!Files.exists(outDir.resolve("silent/event-only.hlog")) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll with a deadline
                }
                api.arm();
            });
            int code = run("run", scenario.toString(), "--out", outDir.toString(), "--toxiproxy", api.url().toString());
            long ended = System.nanoTime();
            arming.get(1, TimeUnit.SECONDS);

            assertThat(code).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
            assertThat(api.silencedAt()).as("the API went silent").isPositive();
            Duration deadline = ToxiproxySettings.DEFAULTS.toxiproxyDeadline();
            Duration afterSilence = Duration.ofNanos(ended - api.silencedAt());
            assertThat(afterSilence).as("waited for the deadline").isGreaterThanOrEqualTo(deadline);
            // not hung: the fault's call and the cleanup's first call each wait one deadline
            assertThat(afterSilence).isLessThan(deadline.multipliedBy(2).plusSeconds(30));
            assertThat(err.toString()).contains("the harness failed", "strategy reconcile", "did not answer",
                    "within " + deadline.toMillis() + " ms", "partial results").doesNotContain("\tat ");

            JsonNode results = new ObjectMapper().readTree(outDir.resolve("silent/results.json").toFile());
            assertThat(results.path("strategies")).hasSize(1);
            assertThat(results.path("strategies").get(0).path("strategy").asText()).isEqualTo("event-only");
            assertThat(results.path("stopped").path("cause").asText()).isEqualTo("harness-failure");
            assertThat(results.path("stopped").path("strategy").asText()).isEqualTo("reconcile");
            assertThat(results.path("stopped").path("reason").asText()).contains("did not answer");
        } finally {
            watcher.shutdownNow();
        }
    }
}
