package dev.livetalk.bench.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk report} writes into a folder of its own: an {@code --out} that is one of its
 * input folders or inside one, a scenario's folder (it holds results.json) or inside one, or a
 * run's output folder is refused (exit 2, naming the folder and why) before anything is written;
 * a folder a report was written into before takes the report again. While a report writes, it
 * holds its folder as a run does: a second report or a run into it meanwhile is refused.
 */
class ReportOutFolderTest extends CommandLineTest {
    @TempDir
    Path dir;

    private Path latest;
    private Path outage;
    private Path calm;

    /** A run of two simulated scenarios into {@code latest}: latest/sim-outage and latest/sim-calm. */
    @BeforeEach
    void run() throws Exception {
        latest = dir.resolve("reports/latest");
        Path outageYaml = Files.writeString(dir.resolve("sim-outage.yaml"), SimOutage.YAML);
        Path calmYaml = Files.writeString(dir.resolve("sim-calm.yaml"), SimOutage.CALM);
        assertThat(run("run", outageYaml.toString(), calmYaml.toString(), "--network", "sim", "--out", latest.toString(),
                "-q")).as(err.toString()).isZero();
        outage = latest.resolve("sim-outage");
        calm = latest.resolve("sim-calm");
    }

    /** Exit 2 with no trace; returns the message. */
    private String refused(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run(args)).as(out + "\n" + err).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).doesNotContain("verdict");
        return err.toString();
    }

    private int rendered(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return run(args);
    }

    @Test
    void aReportIntoAnotherScenariosFolderIsRefusedAndLeavesItsJunitAlone() throws Exception {
        String junit = Files.readString(calm.resolve("junit.xml"));
        assertThat(refused("report", outage.toString(), "--out", calm.toString(), "-q"))
                .contains("--out " + calm + " is a scenario's folder (it holds results.json)",
                        "would replace its junit.xml", "give another --out");
        assertThat(calm.resolve("junit.xml")).hasContent(junit);
        assertThat(calm.resolve("index.html")).doesNotExist();
        assertThat(refused("report", outage.toString(), "--out", calm.resolve("again").toString()))
                .contains("--out " + calm.resolve("again") + " is inside a scenario's folder, " + calm);
        assertThat(calm.resolve("again")).doesNotExist();
        // a results.json given as a file: its own folder is a scenario's too
        assertThat(refused("report", outage.resolve("results.json").toString(), "--out", outage.toString()))
                .contains("--out " + outage + " is a scenario's folder");
    }

    @Test
    void aReportOfARunIntoOneOfItsScenarioFoldersOrIntoItselfIsRefusedButIntoAReportsFolderWritten() throws Exception {
        String junit = Files.readString(outage.resolve("junit.xml"));
        String runJunit = Files.readString(latest.resolve("junit.xml"));
        assertThat(refused("report", latest.toString(), "--out", outage.toString()))
                .contains("--out " + outage + " is a scenario's folder (it holds results.json)");
        assertThat(refused("report", latest.toString(), "--out", latest.resolve("rendered").toString()))
                .contains("--out " + latest.resolve("rendered") + " is inside the folder " + latest
                        + ", one of the folders reported", "a report writes into a folder of its own, outside every"
                        + " folder it reads");
        assertThat(refused("report", latest.toString(), "--out", latest.toString()))
                .contains("--out " + latest + " is the folder " + latest + ", one of the folders reported");
        assertThat(refused("report", outage.toString(), "--out", latest.toString()))
                .contains("--out " + latest + " holds a run's results (sim-calm/results.json)",
                        "overwrite the run's index.html, summary.md and junit.xml");
        assertThat(refused("report", latest.toString(), "--out", dir.resolve("reports/latest/./x/..").toString()))
                .contains("one of the folders reported");
        assertThat(outage.resolve("junit.xml")).hasContent(junit);
        assertThat(latest.resolve("junit.xml")).hasContent(runJunit);

        // a report's own folder (no results.json, no run's marker) takes a report again: re-rendering there works
        Path report = dir.resolve("report");
        assertThat(rendered("report", latest.toString(), "--out", report.toString(), "-q")).as(err.toString()).isZero();
        assertThat(rendered("report", latest.toString(), "--out", report.toString(), "-q")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("verdict: PASS");
        assertThat(rendered("report", outage.toString(), "--out", report.toString(), "-q")).as(err.toString()).isZero();
        assertThat(report.resolve("junit.xml")).content().contains("sim-outage").doesNotContain("sim-calm");
    }

    /** Two reports into one folder at once would mix their files: the second is refused while the first holds it. */
    @Test
    void aReportIntoAFolderAnotherReportHoldsIsRefusedUntilItIsLetGo() throws Exception {
        Path report = dir.resolve("report");
        Files.createDirectories(report);
        try (FileChannel held = FileChannel.open(report.resolve(OutputLock.FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            assertThat(held.tryLock()).as("locked here, as a report holds its folder").isNotNull();

            assertThat(refused("report", latest.toString(), "--out", report.toString(), "-q"))
                    .contains("--out " + report + " is in use: another livetalk run or report is writing into it");
            assertThat(report.resolve("index.html")).doesNotExist();
            assertThat(report.resolve("junit.xml")).doesNotExist();
        }
        assertThat(rendered("report", latest.toString(), "--out", report.toString(), "-q")).as(err.toString())
                .isZero();
        assertThat(report.resolve("index.html")).exists();
    }

    /** A report into the folder a run (another process) is writing waits for nothing: it is refused. */
    @Test
    void aReportIntoAFolderARunHoldsIsRefused() throws Exception {
        Path running = dir.resolve("running");
        Files.createDirectories(running);
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                running.resolve(OutputLock.FILE).toString()).redirectErrorStream(true).start();
        try (var said = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(said.readLine()).isEqualTo("locked");

            assertThat(refused("report", latest.toString(), "--out", running.toString()))
                    .contains("--out " + running + " is in use: another livetalk run or report is writing into it");
            assertThat(running.resolve("index.html")).doesNotExist();
        } finally {
            run.getOutputStream().close(); // the holder ends at the end of its input
            run.waitFor();
        }
    }

    @Test
    void aShardsFolderWithoutWorkIsARunsOutputToo() throws Exception {
        Path empty = dir.resolve("shards/5");
        Path calmYaml = dir.resolve("sim-calm.yaml");
        assertThat(run("run", calmYaml.toString(), "--network", "sim", "--shard", "5/5", "--out", empty.toString(), "-q"))
                .as(err.toString()).isZero();
        assertThat(refused("report", latest.toString(), "--out", empty.toString()))
                .contains("--out " + empty + " holds a run's results (shard.json)");
    }

    /** A sweep's shards merge again into the folder they were merged into (a retried CI merge). */
    @Test
    void aSweepsShardsMergeAgainIntoTheirMergedFolderButNotIntoAnothersSweep() throws Exception {
        Path outageYaml = dir.resolve("sim-outage.yaml");
        for (int k = 1; k <= 2; k++) {
            assertThat(run("run", outageYaml.toString(), "--network", "sim", "--seeds", "1..2", "--strategies",
                    "reconcile", "--shard", k + "/2", "--out", dir.resolve("sweep/" + k).toString(), "-q"))
                    .as(err.toString()).isZero();
        }
        String one = dir.resolve("sweep/1").toString();
        String two = dir.resolve("sweep/2").toString();
        Path all = dir.resolve("sweep-all");
        assertThat(rendered("report", one, two, "--out", all.toString(), "-q")).as(err.toString()).isZero();
        assertThat(rendered("report", one, two, "--out", all.toString(), "-q")).as(err.toString()).isZero();
        // a whole sweep of other seeds is a run's output: a merge of these shards does not overwrite it
        Path other = dir.resolve("other-sweep");
        assertThat(run("run", outageYaml.toString(), "--network", "sim", "--seeds", "3..4", "--strategies",
                "reconcile", "--out", other.toString(), "-q")).as(err.toString()).isZero();
        String sweep = Files.readString(other.resolve("sweep.json"));
        assertThat(refused("report", one, two, "--out", other.toString()))
                .contains("--out " + other + " holds a run's results (shard.json)");
        assertThat(other.resolve("sweep.json")).hasContent(sweep);
    }
}
