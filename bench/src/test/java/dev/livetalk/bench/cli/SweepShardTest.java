package dev.livetalk.bench.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk run --seeds --shard K/N} and {@code livetalk report} over the shards' folders:
 * the merge says what the unsharded sweep says (docs/SHARDING.md), and refuses part of a sweep.
 */
class SweepShardTest extends CommandLineTest {
    /** Three strategies of which two break invariants on nearly every seed; event-only's losses gate. */
    static final List<String> STRATEGIES = List.of("event-only", "naive-retry", "reconcile");
    private static final String SEEDS = "1..40";

    @TempDir
    Path dir;

    private Path scenario;

    /** The 10-client sweep scenario of {@code livetalk bench sim}, with a budget that some seeds fail. */
    static Path gatedSweepScenario(Path dir) throws IOException {
        String yaml;
        try (InputStream in = SweepShardTest.class.getResourceAsStream("/dev/livetalk/bench/sim/sweep-10-clients.yaml")) {
            assertThat(in).as("the bench's sweep scenario on the class path").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("sweep-10-clients.yaml");
        Files.writeString(file, yaml + "budgets:\n  - lost <= 40 for event-only\n");
        return file;
    }

    @BeforeEach
    void write() throws IOException {
        scenario = gatedSweepScenario(dir);
    }

    private int sweep(Path outDir, String seeds, String... more) {
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--network", "sim", "--seeds", seeds,
                "--strategies", String.join(",", STRATEGIES), "--out", outDir.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** The console without the line naming the output folder, which differs. */
    static String withoutPaths(String console) {
        return console.replaceAll("(?m)^sweep report: .*\n", "");
    }

    @Test
    void shouldMergeFourShardsIntoWhatTheUnshardedSweepSays() throws Exception {
        int whole = sweep(dir.resolve("whole"), SEEDS);
        String wholeOut = out.toString();
        assertThat(dir.resolve("whole/shard.json")).content().contains("\"kind\" : \"sweep\"", "\"shard\" : \"1/1\"",
                "\"units\" : 120");

        List<String> shards = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            out.getBuffer().setLength(0);
            int code = sweep(dir.resolve("shard-" + k), SEEDS, "--shard", k + "/4");
            assertThat(code).as(err.toString()).isIn(0, ExitCode.BUDGET_FAILED.code());
            assertThat(out.toString()).startsWith("shard " + k + "/4: 30 simulated runs of the sweep's 120\n")
                    .contains("seeds " + SEEDS + ", shard " + k + "/4, 30 runs");
            assertThat(dir.resolve("shard-" + k + "/shard.json")).content().contains("\"shard\" : \"" + k + "/4\"",
                    "\"owned\" : 30");
            shards.add(dir.resolve("shard-" + k).toString());
        }
        out.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(shards.reversed()); // in any order
        args.addAll(List.of("--out", dir.resolve("merged").toString()));
        int merged = run(args.toArray(String[]::new));
        String mergedOut = out.toString();

        assertThat(whole).as(wholeOut).isEqualTo(ExitCode.BUDGET_FAILED.code());
        assertThat(merged).as(err.toString()).isEqualTo(whole);
        assertThat(withoutPaths(mergedOut)).isEqualTo(withoutPaths(wholeOut));
        assertThat(dir.resolve("merged/sweep.md")).hasSameTextualContentAs(dir.resolve("whole/sweep.md"));
        assertThat(dir.resolve("merged/sweep.json")).hasSameTextualContentAs(dir.resolve("whole/sweep.json"));
        assertThat(dir.resolve("merged/shard.json")).hasSameTextualContentAs(dir.resolve("whole/shard.json"));

        // every failing seed once, with every strategy that failed on it and one replay command
        Matcher seeds = Pattern.compile("(?m)^  seed (\\d+)$").matcher(mergedOut);
        List<String> listed = new ArrayList<>();
        while (seeds.find()) {
            listed.add(seeds.group(1));
        }
        assertThat(listed).isNotEmpty().doesNotHaveDuplicates();
        assertThat(mergedOut).contains("\n    event-only: lost = ", "\n    naive-retry: lost == 0: observed ",
                "failed (", "verdict: FAIL (");
        // a seed whose strategies failed in different shards: event-only is unit 3i, naive-retry 3i + 1
        assertThat(mergedOut).containsPattern("--seed \\d+ --strategies event-only,naive-retry\n");
    }

    /**
     * {@code report --quiet} over a sweep's shards prints what {@code run --seeds --quiet} does:
     * the failed budgets, the report's path and the verdict, not every failing seed (a
     * 20,000-seed sweep whose every seed broke an invariant printed 6.5 MB, 60,000 lines).
     */
    @Test
    void quietMergePrintsWhatTheQuietSweepPrints() throws Exception {
        String seeds = "1..6";
        int whole = sweep(dir.resolve("whole"), seeds, "--quiet");
        String wholeOut = out.toString();
        List<String> args = new ArrayList<>(List.of("report"));
        for (int k = 1; k <= 2; k++) {
            assertThat(sweep(dir.resolve("shard-" + k), seeds, "--shard", k + "/2", "--quiet")).isIn(0, 99);
            args.add(dir.resolve("shard-" + k).toString());
        }
        out.getBuffer().setLength(0);
        args.addAll(List.of("--out", dir.resolve("merged").toString(), "--quiet"));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isEqualTo(whole);
        assertThat(out.toString()).doesNotContain("  seed ", "repro: ").contains("verdict: ");
        assertThat(withoutPaths(out.toString())).isEqualTo(withoutPaths(wholeOut));
    }

    @Test
    void shouldGiveTheJsonLinesOfTheUnshardedSweep() throws Exception {
        String seeds = "1..3";
        sweep(dir.resolve("whole"), seeds, "--json");
        String wholeJson = out.toString();
        for (int k = 1; k <= 2; k++) {
            sweep(dir.resolve("shard-" + k), seeds, "--shard", k + "/2");
        }
        out.getBuffer().setLength(0);
        int code = run("report", dir.resolve("shard-1").toString(), dir.resolve("shard-2").toString(), "--json",
                "--out", dir.resolve("merged").toString());
        assertThat(code).as(err.toString()).isIn(0, ExitCode.BUDGET_FAILED.code());
        assertThat(out.toString()).isEqualTo(wholeJson).contains("\"kind\":\"seed\"");
    }

    /**
     * A sweep whose scenario's budgets are all for a strategy it does not play (event-only) judged
     * nothing: NOT JUDGED, exit 5, as a run; its shards and their merge say the same, and its
     * outputs list the budget as not judged.
     */
    @Test
    void shouldSayNotJudgedAndExitFiveWhenNoBudgetAppliesToAStrategySwept() throws Exception {
        String seeds = "1..3";
        String strategies = "naive-retry,reconcile";
        int whole = run("run", scenario.toString(), "--network", "sim", "--seeds", seeds, "--strategies", strategies,
                "--out", dir.resolve("whole").toString(), "--quiet");
        String wholeOut = out.toString();

        assertThat(whole).as(err.toString()).isEqualTo(ExitCode.NOT_JUDGED.code()).isEqualTo(5);
        assertThat(withoutPaths(wholeOut)).isEqualTo("not judged (1):\n  sweep-10-clients (seeds 1..3): budget"
                + " `lost <= 40 for event-only`: not judged: it is for event-only, which the run did not play\n"
                + "verdict: NOT JUDGED (a scenario's budgets all apply to strategies the run did not play: 6 simulated"
                + " runs, 3 seeds of 1 scenario; 1 budget not judged, listed above)\n");
        assertThat(dir.resolve("whole/sweep.json")).content().contains("\"judged\" : 0", "\"notJudged\" : [ {\n"
                + "      \"budget\" : \"lost <= 40 for event-only\",\n      \"strategies\" : [ \"event-only\" ]");
        assertThat(dir.resolve("whole/sweep.md")).content().contains("; 1 budget not judged\n",
                "**Not judged: a scenario's budgets all apply to strategies the run did not play.**\n\n"
                        + "- sweep-10-clients (seeds 1..3): budget `lost <= 40 for event-only`: not judged");

        List<String> args = new ArrayList<>(List.of("report"));
        for (int k = 1; k <= 2; k++) {
            out.getBuffer().setLength(0);
            assertThat(run("run", scenario.toString(), "--network", "sim", "--seeds", seeds, "--strategies", strategies,
                    "--shard", k + "/2", "--out", dir.resolve("shard-" + k).toString(), "--quiet"))
                    .as("shard %d/2", k).isEqualTo(ExitCode.NOT_JUDGED.code());
            assertThat(out.toString()).contains("verdict: NOT JUDGED (a scenario's budgets all apply to strategies the"
                    + " run did not play: shard " + k + "/2, 3 simulated runs, 3 seeds of 1 scenario;");
            args.add(dir.resolve("shard-" + k).toString());
        }
        out.getBuffer().setLength(0);
        args.addAll(List.of("--out", dir.resolve("merged").toString(), "--quiet"));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isEqualTo(whole);
        assertThat(withoutPaths(out.toString())).isEqualTo(withoutPaths(wholeOut));
        assertThat(dir.resolve("merged/sweep.json")).hasSameTextualContentAs(dir.resolve("whole/sweep.json"));
        assertThat(dir.resolve("merged/sweep.md")).hasSameTextualContentAs(dir.resolve("whole/sweep.md"));

        out.getBuffer().setLength(0);
        assertThat(run("run", scenario.toString(), "--network", "sim", "--seeds", seeds, "--strategies",
                "event-only," + strategies, "--out", dir.resolve("judged").toString(), "--quiet"))
                .as("the budget judged").isIn(0, ExitCode.BUDGET_FAILED.code());
        assertThat(out.toString()).doesNotContain("not judged", "NOT JUDGED");
        assertThat(dir.resolve("judged/sweep.json")).content().contains("\"judged\" : 1").doesNotContain("notJudged");
    }

    @Test
    void shouldRefuseAMissingShardAnotherSweepsShardAndARunFolder() throws Exception {
        assertThat(sweep(dir.resolve("a1"), "1..2", "--shard", "1/3")).as(err.toString()).isIn(0, 99);
        assertThat(sweep(dir.resolve("a2"), "1..2", "--shard", "2/3")).as(err.toString()).isIn(0, 99);
        assertThat(sweep(dir.resolve("other3"), "1..3", "--shard", "3/3")).as(err.toString()).isIn(0, 99);
        String a1 = dir.resolve("a1").toString();
        String a2 = dir.resolve("a2").toString();

        err.getBuffer().setLength(0);
        assertThat(run("report", a1, a2, "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("shard 3/3 is missing: a merge judges the whole run");
        assertThat(dir.resolve("m/sweep.json")).doesNotExist();

        err.getBuffer().setLength(0);
        assertThat(run("report", a1, a2, dir.resolve("other3").toString(), "--out", dir.resolve("m").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("other3 (shard 3/3) is of another run than " + a1, "their plans differ");

        err.getBuffer().setLength(0);
        assertThat(run("report", a1, a1, "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("shard 1/3 is given twice");

        Path runFolder = Files.createDirectories(dir.resolve("a-run"));
        Files.writeString(runFolder.resolve("results.json"), "{}");
        err.getBuffer().setLength(0);
        assertThat(run("report", a1, runFolder.toString(), "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("merges either --seeds sweeps or runs, not both");
        assertThat(err.toString()).doesNotContain("Exception");
    }
}
