package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code livetalk run --network sim}: the simulator behind the same command, files and exit codes. */
class SimRunCommandTest extends CommandLineTest {
    private static final String OUTAGE = SimOutage.YAML + """
            budgets:
              - lost == 0 for reconcile
              - converged == 100% for reconcile
            """;

    @TempDir
    Path dir;

    private Path scenario() throws Exception {
        Path file = dir.resolve("sim-outage.yaml");
        Files.writeString(file, OUTAGE);
        return file;
    }

    @Test
    void shouldRunInTheSimulatorAndWriteTheSameFiles() throws Exception {
        Path outDir = dir.resolve("out");
        assertThat(run("run", scenario().toString(), "--network", "sim", "--out", outDir.toString()))
                .as(err.toString()).isZero();
        assertThat(outDir.resolve("sim-outage/results.json")).content().contains("\"network\" : \"sim\"");
        assertThat(outDir.resolve("index.html")).isNotEmptyFile();
        assertThat(out.toString()).contains("event-only", "reconcile", "verdict: PASS");
    }

    /**
     * Budgets all for a strategy --strategies leaves out judge nothing: the run is NOT JUDGED, exit 5,
     * not a PASS; each budget is listed as not judged on the console, in results.json, summary.md and
     * junit.xml (skipped, with a failed case saying nothing was judged). Re-rendered, it says the same.
     */
    @Test
    void shouldSayNotJudgedAndNotPassWhenNoBudgetAppliesToAStrategyPlayed() throws Exception {
        Path outDir = dir.resolve("out");
        int code = run("run", scenario().toString(), "--network", "sim", "--strategies", "event-only", "--out",
                outDir.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.NOT_JUDGED.code()).isEqualTo(5);
        assertThat(out.toString()).contains("not judged (2):\n  sim-outage (seed 4): budget `lost == 0 for reconcile`:"
                        + " not judged: it is for reconcile, which the run did not play\n",
                "verdict: NOT JUDGED (a scenario's budgets all apply to strategies the run did not play: 1 strategy run"
                        + " in 1 scenario; 2 budgets not judged, listed above)").doesNotContain("PASS");
        assertThat(outDir.resolve("sim-outage/results.json")).content().contains("\"notJudged\" : [",
                "\"budget\" : \"converged == 100% for reconcile\"");
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: NOT JUDGED")
                .contains("- sim-outage (seed 4): budget `converged == 100% for reconcile`: not judged");
        assertThat(outDir.resolve("junit.xml")).content()
                .contains("<testcase classname=\"sim-outage.not-judged\" name=\"budget: lost == 0 for reconcile\">\n"
                        + "      <skipped message=\"not judged: it is for reconcile, which the run did not play\"/>")
                .contains("<testsuite name=\"livetalk.budgets\" tests=\"1\" failures=\"1\"");
        assertThat(run("report", outDir.toString(), "--out", dir.resolve("again").toString(), "-q"))
                .isEqualTo(ExitCode.NOT_JUDGED.code());

        out.getBuffer().setLength(0);
        assertThat(run("run", scenario().toString(), "--network", "sim", "--strategies", "event-only,reconcile",
                "--out", dir.resolve("both").toString(), "-q")).as("every budget judged").isZero();
        assertThat(out.toString()).doesNotContain("not judged").contains("verdict: PASS (every budget holds");
        assertThat(dir.resolve("both/sim-outage/results.json")).content().doesNotContain("notJudged");
    }

    /**
     * A shard is NOT JUDGED exactly when its whole run is: the shard that plays only event-only judges
     * nothing itself, but reconcile's budget is judged in the other shard, so it passes (listing the
     * gap-fill budget no strategy of the run applies to), as does the merge.
     */
    @Test
    void shouldNotCallAShardNotJudgedWhenAnotherShardJudgesItsScenario() throws Exception {
        Path file = dir.resolve("sim-outage.yaml");
        Files.writeString(file, SimOutage.YAML.replace("strategies: [event-only, reconcile]",
                "strategies: [event-only, reconcile, gap-fill]") + """
                budgets:
                  - lost == 0 for reconcile
                  - lost == 0 for gap-fill
                """);
        List<String> eventOnlyAlone = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path shard = dir.resolve("shard" + k);
            out.getBuffer().setLength(0);
            assertThat(run("run", file.toString(), "--network", "sim", "--strategies", "event-only,reconcile",
                    "--shard", k + "/2", "--out", shard.toString(), "-q")).as(out + "\n" + err).isZero();
            String results = Files.readString(shard.resolve("sim-outage/results.json"));
            assertThat(results).containsPattern("\"notJudged\" : \\[\\s*\\{\\s*\"budget\" : \"lost == 0 for gap-fill\",");
            if (!results.contains("\"strategy\" : \"reconcile\"")) {
                eventOnlyAlone.add("shard" + k);
                assertThat(results).contains("\"judgedInOtherShards\" : true");
                assertThat(out.toString()).contains("verdict: PASS").doesNotContain("NOT JUDGED");
            } else {
                assertThat(results).doesNotContain("judgedInOtherShards");
            }
        }
        assertThat(eventOnlyAlone).hasSize(1);
        assertThat(run("report", dir.resolve("shard1").toString(), dir.resolve("shard2").toString(), "--out",
                dir.resolve("merged").toString(), "-q")).as(out + "\n" + err).isZero();
        assertThat(dir.resolve("merged/summary.md")).content().contains("budget `lost == 0 for gap-fill`: not judged");
    }

    /**
     * A report of two runs of one scenario and seed, one NOT JUDGED (event-only) and one that played
     * the strategy its budgets are for, judged every budget: none is listed as not judged beside
     * its kept verdict, on the console, in summary.md or junit.xml.
     */
    @Test
    void shouldNotListABudgetAsNotJudgedWhenAnotherRunOfTheReportJudgedIt() throws Exception {
        Path eventOnly = dir.resolve("event-only");
        Path reconcile = dir.resolve("reconcile");
        assertThat(run("run", scenario().toString(), "--network", "sim", "--strategies", "event-only", "--out",
                eventOnly.toString(), "-q")).isEqualTo(ExitCode.NOT_JUDGED.code());
        assertThat(run("run", scenario().toString(), "--network", "sim", "--strategies", "reconcile", "--out",
                reconcile.toString(), "-q")).isZero();
        out.getBuffer().setLength(0);

        Path both = dir.resolve("both");
        assertThat(run("report", eventOnly.toString(), reconcile.toString(), "--out", both.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("verdict: PASS (every budget holds").doesNotContain("not judged");
        assertThat(both.resolve("summary.md")).content().doesNotContainIgnoringCase("not judged");
        assertThat(both.resolve("junit.xml")).content().doesNotContain("not-judged", "not judged")
                .contains("name=\"budget: lost == 0 for reconcile\"");
    }

    /** Without --out the run goes to reports/latest/ of the project (livetalk.home, as the launcher sets it). */
    @Test
    void shouldWriteIntoReportsLatestOfTheProjectWithoutOut() throws Exception {
        Path scenario = scenario();
        String before = System.getProperty("livetalk.home");
        System.setProperty("livetalk.home", dir.toString());
        try {
            assertThat(run("run", scenario.toString(), "--network", "sim")).as(err.toString()).isZero();
        } finally {
            if (before == null) {
                System.clearProperty("livetalk.home");
            } else {
                System.setProperty("livetalk.home", before);
            }
        }
        assertThat(dir.resolve("reports/latest/index.html")).isNotEmptyFile();
        assertThat(dir.resolve("reports/latest/sim-outage/results.json")).isNotEmptyFile();
        // how the run was started, in every output; the project folder is no git checkout: commit unknown
        String commandLine = "livetalk run " + scenario + " --network sim";
        assertThat(dir.resolve("reports/latest/sim-outage/results.json")).content()
                .containsPattern("\"startedAt\" : \"20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z\"")
                .contains("\"toolVersion\" : \"livetalk ", "\"gitCommit\" : \"unknown\"",
                        "\"commandLine\" : \"" + commandLine + "\"")
                .doesNotContain("gitDirty");
        assertThat(dir.resolve("reports/latest/summary.md")).content()
                .contains("- git commit: unknown\n", "- command line: `" + commandLine + "`\n")
                .containsPattern("- started: 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\n")
                .contains("### Which strategy is best\n\n- **sim-outage**: reconcile is correct (");
        assertThat(dir.resolve("reports/latest/index.html")).content()
                .contains("<code>" + commandLine + "</code></td>", "<p class=\"ranking\"><b>Verdict:</b> ");
    }

    /** event-only breaks invariants but has no budget: listed with a replay command, not gated, exit 0. */
    @Test
    void shouldListTheSeedsThatBrokeAnInvariantWithAReplayCommandWithoutFailing() throws Exception {
        Path outDir = dir.resolve("out");
        int code = run("run", scenario().toString(), "--network", "sim", "--seeds", "1..5", "--out", outDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("0 seeds failed a budget", "  seed 1\n    event-only: ", "(not gated)",
                "--network sim --seed 1 --strategies event-only").doesNotContain("reconcile: lost");
        assertThat(outDir.resolve("sweep.md")).content().contains("sim-outage: seeds 1..5");
    }

    /** The same sweep with the invariant written as a budget for event-only: now it gates, exit 99. */
    @Test
    void shouldFailASweepWhenASeedFailsABudget() throws Exception {
        Path file = dir.resolve("gated.yaml");
        Files.writeString(file, OUTAGE.replace("  - converged == 100% for reconcile",
                "  - converged == 100% for reconcile\n  - lost == 0 for event-only"));
        int code = run("run", file.toString(), "--network", "sim", "--seeds", "1..5", "--out",
                dir.resolve("out").toString());
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        assertThat(out.toString()).contains("  seed 1\n    event-only: lost = ");
    }

    @Test
    void shouldPassASweepOfTheStrategyThatHolds() throws Exception {
        assertThat(run("run", scenario().toString(), "--network", "sim", "--seeds", "1..5", "--strategies",
                "reconcile", "--out", dir.resolve("out").toString())).as(out.toString()).isZero();
    }

    @Test
    void shouldRefuseASweepOnToxiproxyAndABadRange() throws Exception {
        assertThat(run("run", scenario().toString(), "--seeds", "1..5")).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds sweeps in the simulator: add --network sim");
        assertThat(run("run", scenario().toString(), "--network", "sim", "--seeds", "9..3")).isEqualTo(2);
        assertThat(run("run", scenario().toString(), "--network", "carrier-pigeon")).isEqualTo(2);
        assertThat(err.toString()).contains("--network is toxiproxy or sim: 'carrier-pigeon'");
    }
}
