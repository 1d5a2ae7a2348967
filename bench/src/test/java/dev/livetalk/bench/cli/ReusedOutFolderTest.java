package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.ShardManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run into an {@code --out} that an earlier run of more scenarios wrote leaves the earlier
 * scenario folders there; its {@code shard.json} lists what it played, so that {@code livetalk
 * report} and {@code livetalk audit} of the folder read only the run's own scenarios and say in
 * one line which folders they left out; nor does a {@code --baseline} of that folder compare
 * with them. A folder without {@code shard.json} (an earlier
 * livetalk's run) is read whole, as before.
 */
class ReusedOutFolderTest extends CommandLineTest {
    @TempDir
    Path dir;

    private Path scenario(String name) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "name: " + name + "\nseed: 1\nduration: 1s\nusers: [a, b]\nrooms:\n  - name: r\n"
                + "    members: all\nload:\n  rate: 1\n");
        return file;
    }

    @Test
    void shouldReportAndAuditOnlyTheScenariosTheLastRunIntoTheFolderPlayed() throws Exception {
        Path one = scenario("one");
        Path two = scenario("two");
        Path out = dir.resolve("latest");
        assertThat(new ReusedOutFolderTest().run("run", one.toString(), two.toString(), "--network", "sim",
                "--strategies", "reconcile", "--out", out.toString(), "--quiet")).isZero();
        ReusedOutFolderTest again = new ReusedOutFolderTest();
        assertThat(again.run("run", one.toString(), "--network", "sim", "--strategies", "reconcile",
                "--out", out.toString(), "--quiet")).as(again.err.toString()).isZero();
        assertThat(again.out.toString()).contains("1 strategy run in 1 scenario");
        assertThat(out.resolve("two/results.json")).as("the earlier run's folder stays").exists();
        assertThat(ShardManifest.read(out).orElseThrow().scenarios()).containsExactly("one");

        ReusedOutFolderTest report = new ReusedOutFolderTest();
        assertThat(report.run("report", out.toString(), "--out", dir.resolve("report").toString()))
                .as(report.err.toString()).isZero();
        String note = "note: left out " + out.resolve("two") + ": not played by the run into " + out
                + " (its shard.json lists one); an earlier run into that folder left it";
        assertThat(report.out.toString()).contains(note, "1 strategy run in 1 scenario");
        assertThat(dir.resolve("report/summary.md")).content().doesNotContain("| two |");

        ReusedOutFolderTest audit = new ReusedOutFolderTest();
        assertThat(audit.run("audit", out.toString())).as(audit.err.toString()).isZero();
        assertThat(audit.out.toString()).contains(note).contains("checked in 1 scenario, all agree");

        ReusedOutFolderTest gated = new ReusedOutFolderTest(); // nor is it a baseline of two
        assertThat(gated.run("run", two.toString(), "--network", "sim", "--strategies", "reconcile",
                "--out", dir.resolve("gated").toString(), "--baseline", out.toString())).as(gated.err.toString()).isZero();
        assertThat(gated.out.toString() + gated.err).contains(note)
                .contains("gate: the baseline has no results of two: not compared");

        Files.delete(out.resolve(ShardManifest.FILE)); // a folder of an earlier livetalk: every scenario, as before
        ReusedOutFolderTest old = new ReusedOutFolderTest();
        assertThat(old.run("audit", out.toString())).isZero();
        assertThat(old.out.toString()).doesNotContain("note:").contains("checked in 2 scenarios, all agree");
    }
}
