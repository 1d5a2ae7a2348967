package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk run --shard K/N} through the real Toxiproxy: two short scenarios x two
 * strategies played whole and as two shards (two invocations, each with its own Toxiproxy),
 * merged by {@code livetalk report}: per scenario and strategy the same budgets pass and fail,
 * the same verdict line and exit code. (A real network's figures differ from run to run; the
 * budgets are chosen to be far from their limits: one holds by a wide margin, one fails by one.)
 */
class ShardedRunIT extends CommandLineTest {
    private static final String SCENARIO = """
            name: %s
            seed: 7
            duration: 2s
            warmup: 500ms
            quiesce: 1500ms
            users: [ann, ben, cat]
            rooms:
              - name: lobby
                members: all
            load:
              rate: 6
            strategies: [event-only, reconcile]
            %s
            budgets:
              - lost == 0 for reconcile
              - converged == 100%% for reconcile
              - duplicates == 0
            %s
            """;

    @TempDir
    Path dir;

    @Test
    void twoShardsJudgeAsTheWholeRun() throws Exception {
        Path calm = Files.writeString(dir.resolve("it-calm.yaml"), SCENARIO.formatted("it-calm", "", ""));
        // sends made while every link is down for 1 s reach their peers long after 100 ms: fails by far
        Path outage = Files.writeString(dir.resolve("it-outage.yaml"), SCENARIO.formatted("it-outage", """
                faults:
                  - type: down
                    at: 500ms
                    for: 1s
                    target: all""", "  - peer-final p(99) < 100ms for reconcile"));
        List<String> scenarios = List.of(outage.toString(), calm.toString());

        Path whole = dir.resolve("whole");
        int wholeCode = play(scenarios, null, whole);
        String wholeConsole = out.toString();
        assertThat(wholeCode).as(wholeConsole + err).isEqualTo(ExitCode.BUDGET_FAILED.code());

        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path folder = dir.resolve("shard-" + k);
            shards.add(folder);
            play(scenarios, k + "/2", folder);
            assertThat(err.toString()).contains("shard " + k + "/2: 2 of 4 strategy runs");
        }
        assertThat(budgets(shards)).isEqualTo(budgets(List.of(whole))).hasSize(4);

        out.getBuffer().setLength(0);
        int merged = run("report", shards.get(0).toString(), shards.get(1).toString(),
                "--out", dir.resolve("merged").toString());
        assertThat(merged).as(err.toString()).isEqualTo(wholeCode);
        assertThat(judged(out.toString())).isEqualTo(judged(wholeConsole)).contains("peer-final p(99) < 100ms");
        assertThat(dir.resolve("merged/summary.md")).content().contains("merged from 2 shards");
    }

    private int play(List<String> scenarios, String shard, Path folder) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("run", "--no-calibration", "--no-ledger", "--out", folder.toString()));
        args.addAll(scenarios);
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        return run(args.toArray(String[]::new));
    }

    /** The failures listed and the verdict line, without the figures measured (a real network's differ). */
    private static String judged(String console) {
        return ShardedRuns.verdict(console).replaceAll("(?m)(budget `[^`]*`):.*$", "$1");
    }

    /** Per scenario/strategy, each budget and whether it passed. */
    private static Map<String, List<String>> budgets(List<Path> folders) throws Exception {
        Map<String, List<String>> budgets = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : ShardedRuns.figures(folders).entrySet()) {
            if (!e.getKey().contains("/")) {
                continue;
            }
            List<String> list = new ArrayList<>();
            e.getValue().get("budgets").forEach(b -> list.add(b.get("budget").asText() + ": "
                    + (b.get("passed").asBoolean() ? "passed" : "failed")));
            budgets.put(e.getKey(), list);
        }
        return budgets;
    }
}
