package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code livetalk run} prints with {@code --quiet} and {@code --json}, pinned by golden files
 * (the simulator is deterministic, so the figures are too; the run's folder reads {@code $OUT}).
 * Rewrite the golden files with {@code -Dlivetalk.golden.update=true} and review the diff.
 */
class ConsoleOutputTest extends CommandLineTest {
    /** reconcile keeps its budgets; event-only's lost budget fails. */
    private static final String FAILING = SimOutage.YAML + """
            budgets:
              - lost == 0 for reconcile
              - converged == 100% for reconcile
              - lost == 0 for event-only
              - peer-final p(99) < 5s for reconcile
            """;

    @TempDir
    Path dir;

    private Path scenario() throws IOException {
        return Files.writeString(dir.resolve("sim-outage.yaml"), FAILING);
    }

    /** {@code text} with the temporary folder as {@code $DIR}. */
    private String placeholders(String text) {
        return text.replace(dir.toAbsolutePath().normalize().toString(), "$DIR");
    }

    @Test
    void shouldPrintOnlyTheFailuresTheReportAndTheVerdictWhenQuiet() throws Exception {
        int code = run("run", scenario().toString(), "--network", "sim", "--out", dir.resolve("out").toString(), "--quiet");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        String console = placeholders(out.toString());
        assertThat(console).isEqualTo(golden("run-quiet.golden.txt", console));
        assertThat(console).startsWith("failed (").doesNotContain("scenario             strategy")
                .contains("report: $DIR/out/index.html\n").endsWith("verdict: FAIL (1 failed budget, 0 regressions, listed above)\n");
        assertThat(err.toString()).as("no progress lines, no notes").isEmpty();
    }

    @Test
    void shouldPrintOnlyTheReportAndTheVerdictOfAPassingRunWhenQuiet() throws Exception {
        int code = run("run", scenario().toString(), "--network", "sim", "--out", dir.resolve("out").toString(), "-q",
                "--strategies", "reconcile");

        assertThat(code).as(err.toString()).isZero();
        assertThat(placeholders(out.toString())).isEqualTo("not judged (1):\n  sim-outage (seed 4): budget"
                + " `lost == 0 for event-only`: not judged: it is for event-only, which the run did not play\n"
                + "report: $DIR/out/index.html\n"
                + "verdict: PASS (every judged budget holds: 1 strategy run in 1 scenario; 1 budget not judged, listed"
                + " above)\n");
    }

    @Test
    void shouldWriteOneJsonObjectPerStrategyRunOnStdoutAndTheHumanTextOnStderr() throws Exception {
        int code = run("run", scenario().toString(), "--network", "sim", "--out", dir.resolve("out").toString(), "--json");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        String lines = placeholders(out.toString());
        assertThat(lines).isEqualTo(golden("run-json.golden.jsonl", lines));
        List<String> each = lines.lines().toList();
        assertThat(each).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode eventOnly = mapper.readTree(each.get(0));
        assertThat(eventOnly.get("kind").asText()).isEqualTo("run");
        assertThat(eventOnly.get("strategy").asText()).isEqualTo("event-only");
        assertThat(eventOnly.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(eventOnly.get("latency").get("peer-final").get("p99").asText()).isEqualTo("never");
        JsonNode lost = eventOnly.get("budgets").get(0);
        assertThat(lost.get("expression").asText()).isEqualTo("lost == 0 for event-only");
        assertThat(lost.get("passed").asBoolean()).isFalse();
        assertThat(lost.get("allowed").get("comparison").asText()).isEqualTo("==");
        assertThat(lost.get("observed").asDouble()).isEqualTo(eventOnly.get("correctness").get("lost").asDouble())
                .isPositive();
        JsonNode reconcile = mapper.readTree(each.get(1));
        assertThat(reconcile.get("passed").asBoolean()).isTrue();
        assertThat(reconcile.get("results").asText()).isEqualTo("$DIR/out/sim-outage/results.json");
        assertThat(err.toString()).contains("scenario             strategy", "failed (1):",
                "verdict: FAIL (1 failed budget, 0 regressions, listed above)");
    }

    @Test
    void shouldWriteOneJsonObjectPerFailingSeedAndStrategyOfASweep() throws Exception {
        int code = run("run", scenario().toString(), "--network", "sim", "--seeds", "1..3", "--out",
                dir.resolve("out").toString(), "--json");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        String lines = placeholders(out.toString());
        assertThat(lines).isEqualTo(golden("sweep-json.golden.jsonl", lines));
        assertThat(lines.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"kind\":\"seed\""));
        assertThat(err.toString()).contains("failed (3):\n  sim-outage / event-only (seed 1): budget `lost == 0 for event-only`: lost = ",
                "sweep report: ", "verdict: FAIL (3 failed budgets, listed above)");
    }

    @Test
    void shouldEndASweepWithTheFailedBudgetsTheReportAndTheVerdict() throws Exception {
        int code = run("run", scenario().toString(), "--network", "sim", "--seeds", "1..2", "--out",
                dir.resolve("out").toString(), "--quiet");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        assertThat(placeholders(out.toString())).startsWith("failed (2):\n  sim-outage / event-only (seed 1): budget `lost == 0 for event-only`: lost = ")
                .contains("\n  sim-outage / event-only (seed 2): budget ")
                .endsWith("sweep report: $DIR/out/sweep.md\nverdict: FAIL (2 failed budgets, listed above)\n");
        out.getBuffer().setLength(0);
        assertThat(run("run", scenario().toString(), "--network", "sim", "--seeds", "1", "--strategies", "reconcile",
                "--out", dir.resolve("out").toString())).isZero();
        assertThat(out.toString()).contains("sim-outage: seeds 1..1, 1 run, every judged budget and invariant held;"
                        + " 1 budget not judged\n")
                .endsWith("not judged (1):\n  sim-outage (seeds 1..1): budget `lost == 0 for event-only`: not judged: it"
                        + " is for event-only, which the run did not play\nsweep report: " + dir.resolve("out/sweep.md")
                        + "\nverdict: PASS (every judged budget holds for every seed: 1 simulated run, 1 seed of 1"
                        + " scenario; 1 budget not judged, listed above)\n");
    }

    /**
     * A run and a sweep of strategies none of the scenario's budgets is for: each JSON line says NOT
     * JUDGED, as the verdict line, not PASS, and carries the budgets not judged; the exit code is 5.
     */
    @Test
    void shouldSayNotJudgedInEveryJsonLineWhenNoBudgetAppliesToAStrategyPlayed() throws Exception {
        int code = run("run", scenario().toString(), "--network", "sim", "--out", dir.resolve("out").toString(),
                "--json", "--strategies", "naive-retry");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.NOT_JUDGED.code());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode line = mapper.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.get("verdict").asText()).isEqualTo("NOT JUDGED");
        assertThat(line.get("passed").asBoolean()).isFalse();
        assertThat(line.get("notJudged")).hasSize(4);
        assertThat(line.get("notJudged").get(2).toString()).isEqualTo("{\"expression\":\"lost == 0 for event-only\","
                + "\"strategies\":[\"event-only\"],\"message\":\"not judged: it is for event-only, which the run did"
                + " not play\"}");
        assertThat(err.toString()).contains("verdict: NOT JUDGED (");

        out.getBuffer().setLength(0);
        assertThat(run("run", scenario().toString(), "--network", "sim", "--seeds", "1..2", "--out",
                dir.resolve("sweep").toString(), "--json", "--strategies", "naive-retry"))
                .as(err.toString()).isEqualTo(ExitCode.NOT_JUDGED.code());
        List<String> seeds = out.toString().lines().toList();
        assertThat(seeds).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{\"kind\":\"seed\"")
                .contains("\"verdict\":\"NOT JUDGED\",\"passed\":false,\"budgets\":[],\"notJudged\":[{\"expression\":"
                        + "\"lost == 0 for reconcile\""));
    }

    /**
     * Each run line carries its strategy's harness health as results.json decides it: trusted in the
     * simulator (not checked); a run whose results.json says 5 of 64 sends were over 10 ms late on a
     * real network re-renders untrusted, as the console's warning says.
     */
    @Test
    void shouldCarryEachStrategyRunsHarnessHealthInItsJsonLine() throws Exception {
        Path outDir = dir.resolve("out");
        run("run", scenario().toString(), "--network", "sim", "--out", outDir.toString(), "--json");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode simulated = mapper.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(simulated.get("health").toString()).isEqualTo("{\"checked\":false,\"trusted\":true,\"sends\":64,"
                + "\"lateSends\":0,\"schedulingLagP99\":0}");

        Path results = outDir.resolve("sim-outage/results.json");
        ObjectNode doc = (ObjectNode) mapper.readTree(results.toFile());
        doc.put("network", "toxiproxy");
        for (JsonNode strategy : doc.get("strategies")) {
            if (strategy.get("strategy").asText().equals("reconcile")) {
                ((ObjectNode) strategy).put("lateSends", 5);
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(results.toFile(), doc);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        run("report", outDir.toString(), "--out", dir.resolve("again").toString(), "--json");

        List<JsonNode> lines = out.toString().lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return mapper.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(lines).extracting(l -> l.get("strategy").asText()).containsExactly("event-only", "reconcile");
        assertThat(lines.get(0).get("health").toString()).isEqualTo("{\"checked\":true,\"trusted\":true,\"sends\":64,"
                + "\"lateSends\":0,\"schedulingLagP99\":0}");
        assertThat(lines.get(1).get("health").toString()).isEqualTo("{\"checked\":true,\"trusted\":false,\"sends\":64,"
                + "\"lateSends\":5,\"schedulingLagP99\":0}");
        assertThat(out.toString() + err).contains("harness health: sim-outage / reconcile: 5 of 64 sends (7.8%) over 10 ms"
                + " late").doesNotContain("sim-outage / event-only: ");
    }

    /** livetalk report prints what run prints at its end: the table, the failures, the report, the verdict. */
    @Test
    void shouldPrintTheRunsSummaryFromReport() throws Exception {
        run("run", scenario().toString(), "--network", "sim", "--out", dir.resolve("out").toString());
        String ofRun = out.toString();
        out.getBuffer().setLength(0);

        int code = run("report", dir.resolve("out").toString(), "--out", dir.resolve("again").toString());

        assertThat(code).isEqualTo(ExitCode.BUDGET_FAILED.code());
        String table = ofRun.substring(ofRun.indexOf("scenario "), ofRun.indexOf("report: "));
        assertThat(out.toString()).startsWith(table).contains("report: " + dir.resolve("again/index.html"))
                .endsWith("verdict: FAIL (1 failed budget, 0 regressions, listed above)\n");
    }

    /** Compares with the golden resource {@code name}, or rewrites it when asked to. */
    static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("livetalk.golden.update")) {
            Path file = Path.of("src/test/resources/dev/livetalk/bench/cli", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = ConsoleOutputTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name + "; run once with -Dlivetalk.golden.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
