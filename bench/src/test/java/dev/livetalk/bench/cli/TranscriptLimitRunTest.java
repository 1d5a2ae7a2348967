package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated run whose clients keep 50 lines per room, where each room shows about 500: the
 * transcripts evict, and every figure of reconcile and event-only equals the run without a
 * limit except {@code silent-wait}, which ends when an own line scrolls away
 * (docs/METRICS.md, "Transcript limit"); the ledger lists the evicted lines and the audit agrees.
 */
class TranscriptLimitRunTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENARIO = """
            name: limit
            seed: 11
            duration: 60s
            warmup: 1s
            quiesce: 5s
            users: {count: 8, prefix: user}
            rooms: {count: 2, prefix: room}
            load:
              rate: 2
              arrival: poisson
              reply-share: 0.1
            strategies: [event-only, reconcile]
            faults:
              - type: down
                name: outage
                at: 20s
                for: 5s
                target: {share: 0.5}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldMeasureTheSameFiguresWithAWindowSmallerThanTheRun() throws Exception {
        JsonNode unlimited = play("unlimited", SCENARIO);
        JsonNode limited = play("limited", SCENARIO + "clients: {transcript-limit: 50}\n");

        assertThat(evictedLines("limited", "reconcile")).isGreaterThan(8 * 300);
        assertThat(evictedLines("unlimited", "reconcile")).isZero();
        assertThat(run("audit", dir.resolve("limited").toString())).as(out + err.toString()).isZero();
        for (int i = 0; i < 2; i++) {
            JsonNode with = withoutSilentWait(limited.get("strategies").get(i));
            JsonNode without = withoutSilentWait(unlimited.get("strategies").get(i));
            assertThat(with.get("correctness").get("lost").asLong()).isEqualTo(without.get("correctness").get("lost").asLong());
            assertThat(with).as(with.get("strategy").asText()).isEqualTo(without);
        }
    }

    /**
     * Through a restart without durable history: the lines that scrolled away before it belong
     * to the lost epoch, and the client can no longer remove them; they are history, not
     * phantoms, and a client that refetched the new epoch has converged (the audit agrees).
     */
    @Test
    void shouldNotHoldLinesThatScrolledAwayBeforeARestartAgainstTheFinalTranscript() throws Exception {
        String restart = SCENARIO.replace("strategies: [event-only, reconcile]", "strategies: [reconcile]")
                .replace("- type: down\n    name: outage\n    at: 20s\n    for: 5s\n    target: {share: 0.5}",
                        "- type: restart\n    name: deploy\n    durable: false\n    at: 30s\n    for: 1s");
        assertThat(restart).contains("type: restart");
        JsonNode limited = play("restart", restart + "clients: {transcript-limit: 50}\n");

        assertThat(evictedLines("restart", "reconcile")).isGreaterThan(8 * 100);
        JsonNode correctness = limited.get("strategies").get(0).get("correctness");
        assertThat(correctness.get("phantoms").asLong()).isZero();
        assertThat(correctness.get("convergedClients").asLong()).as(correctness.toString())
                .isEqualTo(correctness.get("clients").asLong());
        assertThat(run("audit", dir.resolve("restart").toString())).as(out + err.toString()).isZero();
    }

    /**
     * Every client's link is down for 2 s and the window keeps one line: a sender's line, acked
     * and left where it was put (gap-fill and snapshot place it by seq only when its broadcast
     * comes), scrolls away under the next line before that broadcast arrives. The broadcast
     * must not show the message a second time: the figures equal the run without a limit.
     */
    @Test
    void shouldNotShowAnOwnMessageAgainWhenItsLineScrolledAwayBeforeItsBroadcast() throws Exception {
        String outage = """
                name: limit
                seed: 4
                duration: 5s
                warmup: 1s
                quiesce: 3s
                users: {count: 8, prefix: user}
                rooms: {count: 2, prefix: room}
                load:
                  rate: 2
                  arrival: constant
                strategies: [gap-fill, snapshot]
                faults:
                  - type: down
                    name: outage
                    at: 1s
                    for: 2s
                    target: all
                """;
        JsonNode unlimited = play("outage", outage);
        JsonNode limited = play("outage-1", outage + "clients: {transcript-limit: 1}\n");

        assertThat(evictedLines("outage-1", "gap-fill")).isGreaterThan(8 * 20);
        for (int i = 0; i < 2; i++) {
            JsonNode with = withoutSilentWait(limited.get("strategies").get(i));
            JsonNode without = withoutSilentWait(unlimited.get("strategies").get(i));
            assertThat(with.get("correctness").get("duplicates").asLong()).as(with.get("strategy").asText()).isZero();
            assertThat(with).as(with.get("strategy").asText()).isEqualTo(without);
        }
    }

    /**
     * Split send and receive paths, half the receive paths 200 ms slow, one line a window: a
     * sender's acks come back before the broadcasts, and several of its acked lines scroll
     * away before the first broadcast places one by seq. None of them is shown twice (when
     * the transcript remembered only as many of their seqs as its limit, 6 were), and nothing
     * is lost that the run without a limit has.
     */
    @Test
    void shouldNotShowAgainOwnMessagesWhenMoreThanTheLimitScrolledAwayBeforeTheirBroadcasts() throws Exception {
        String split = """
                name: limit
                seed: 8
                duration: 5s
                warmup: 1s
                quiesce: 1s
                client-shape: split
                users: {count: 8, prefix: user}
                rooms: {count: 2, prefix: room}
                load:
                  rate: 3
                  arrival: poisson
                strategies: [ordered, gap-fill, snapshot]
                faults:
                  - type: latency
                    name: slow-receive
                    latency: 200ms
                    direction: downstream
                    at: 1s
                    for: 3s
                    target: {share: 0.5, link: receive}
                """;
        JsonNode unlimited = play("split", split);
        JsonNode limited = play("split-1", split + "clients: {transcript-limit: 1}\n");

        for (int i = 0; i < 3; i++) {
            JsonNode with = limited.get("strategies").get(i).get("correctness");
            JsonNode without = unlimited.get("strategies").get(i).get("correctness");
            String strategy = limited.get("strategies").get(i).get("strategy").asText();
            assertThat(without.get("duplicates").asLong()).as(strategy).isZero();
            assertThat(with.get("duplicates").asLong()).as(strategy).isZero();
            assertThat(with.get("lost").asLong()).as(strategy).isEqualTo(without.get("lost").asLong());
        }
    }

    private JsonNode play(String name, String yaml) throws IOException {
        Path scenario = dir.resolve(name + ".yaml");
        Files.writeString(scenario, yaml);
        assertThat(run("run", scenario.toString(), "--network", "sim", "--out", dir.resolve(name).toString()))
                .as(err.toString()).isZero();
        return JSON.readTree(dir.resolve(name).resolve("limit/results.json").toFile());
    }

    /** The strategy's figures less every {@code silent-wait} entry, overall and per room. */
    private static JsonNode withoutSilentWait(JsonNode strategy) {
        ObjectNode copy = strategy.deepCopy();
        strip(copy);
        copy.get("rooms").forEach(room -> strip((ObjectNode) room));
        return copy;
    }

    private static void strip(ObjectNode node) {
        var latency = node.withArray("latency");
        for (int i = latency.size() - 1; i >= 0; i--) {
            if (latency.get(i).get("metric").asText().equals("silent-wait")) {
                latency.remove(i);
            }
        }
        node.remove("hlogs"); // file names
    }

    private long evictedLines(String run, String strategy) throws IOException {
        Path file = dir.resolve(run).resolve("limit/ledger").resolve(strategy).resolve("transcripts.jsonl.gz");
        long evicted = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                evicted += JSON.readTree(line).path("evicted_lines").asLong();
            }
        }
        return evicted;
    }
}
