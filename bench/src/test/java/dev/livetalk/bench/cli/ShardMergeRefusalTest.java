package dev.livetalk.bench.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk report} over shards' folders refuses, with exit 2 and a message naming the
 * folders, what would judge part of a run (or parts of different runs) as the whole; and the
 * folders an earlier run left in a shard's output are never merged as the shard's.
 */
class ShardMergeRefusalTest extends CommandLineTest {
    /** Two scenarios, 3 units: sim-outage event-only (shard 1), reconcile (2); sim-calm reconcile (1). */
    private static final String CALM = SimOutage.CALM;

    @TempDir
    Path dir;

    private Path outage;
    private Path calm;

    @BeforeEach
    void scenarios() throws Exception {
        outage = Files.writeString(dir.resolve("sim-outage.yaml"), SimOutage.YAML);
        calm = Files.writeString(dir.resolve("sim-calm.yaml"), CALM);
    }

    private Path shard(String shard, String name, String... more) {
        Path folder = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("run", outage.toString(), calm.toString(),
                "--network", "sim", "--no-ledger", "--out", folder.toString()));
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        args.addAll(List.of(more));
        int code = run(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return folder;
    }

    private String refused(Path... folders) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> args = new java.util.ArrayList<>(List.of("report"));
        for (Path folder : folders) {
            args.add(folder.toString());
        }
        args.addAll(List.of("--out", dir.resolve("merged").toString()));
        assertThat(run(args.toArray(String[]::new))).as(out + "\n" + err).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        return err.toString();
    }

    @Test
    void aMissingShardIsRefused() {
        Path one = shard("1/2", "one");
        assertThat(refused(one)).contains("shard 2/2 is missing", "(1 of 2 given)");
    }

    @Test
    void aShardGivenTwiceIsRefused() throws Exception {
        Path one = shard("1/2", "one");
        Path two = shard("2/2", "two");
        Path again = shard("1/2", "again");
        assertThat(refused(one, two, again)).contains("shard 1/2 is given twice: " + one + " and " + again);
    }

    @Test
    void shardsOfAnotherSeedAreRefused() {
        Path one = shard("1/2", "one");
        Path two = shard("2/2", "two", "--seed", "5");
        assertThat(refused(one, two)).contains(two + " (shard 2/2) is of another run than " + one, "plans differ");
    }

    @Test
    void shardsOfAnotherScenarioFileAreRefused() throws Exception {
        Path one = shard("1/2", "one");
        Files.writeString(calm, CALM + "budgets:\n  - lost == 0\n");
        Path two = shard("2/2", "two");
        assertThat(refused(one, two)).contains(two + " (shard 2/2) is of another run than " + one);
    }

    @Test
    void aShardMixedWithAnUnshardedRunIsRefused() {
        Path one = shard("1/2", "one");
        Path two = shard("2/2", "two");
        Path whole = shard(null, "whole");
        assertThat(refused(one, two, whole)).contains("shards' folders (" + one + ", " + two + ")",
                "(" + whole + ")");
    }

    /**
     * A shard played into the folder of an earlier unsharded run: the earlier results of the
     * scenario this shard does not play are removed, and the merge is the whole run's.
     */
    @Test
    void anEarlierRunInTheShardsFolderIsNotMerged() throws Exception {
        Path whole = shard(null, "whole");
        Path one = shard("1/2", "one");
        Path two = dir.resolve("two");
        Files.createDirectories(two);
        copy(whole, two); // an earlier unsharded run in shard 2's folder
        shard("2/2", "two");
        assertThat(two.resolve("sim-calm/results.json")).as("sim-calm is shard 1's only").doesNotExist();
        assertThat(ShardedRuns.figures(List.of(one, two))).isEqualTo(ShardedRuns.figures(List.of(whole)));

        // a stale results.json put back afterwards is not read: shard.json says what the shard played
        Files.copy(whole.resolve("sim-calm/results.json"), two.resolve("sim-calm/results.json"));
        out.getBuffer().setLength(0);
        assertThat(run("report", one.toString(), two.toString(), "--out", dir.resolve("merged").toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("verdict: PASS (every budget holds: 3 strategy runs in 2 scenarios)");

        // results that are not what shard.json lists are refused, naming the file
        Files.copy(whole.resolve("sim-outage/results.json"), two.resolve("sim-outage/results.json"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(refused(one, two)).contains(two.resolve("sim-outage/results.json") + " holds strategies"
                + " [event-only, reconcile]", "lists [reconcile]");
    }

    /**
     * A shard played into the folder of an earlier --seeds sweep: the sweep's sweep.json and
     * sweep.md go, so the merge takes the folder for the run's shard it is, not for a sweep's.
     */
    @Test
    void anEarlierSweepInTheShardsFolderIsNotTakenForOne() throws Exception {
        Path whole = shard(null, "whole");
        Path one = shard("1/2", "one");
        Path two = shard("2/2", "two", "--seeds", "1..2", "--strategies", "reconcile");
        assertThat(two.resolve("sweep.json")).exists();
        shard("2/2", "two");
        assertThat(two.resolve("sweep.json")).doesNotExist();
        assertThat(two.resolve("sweep.md")).doesNotExist();
        out.getBuffer().setLength(0);
        assertThat(run("report", one.toString(), two.toString(), "--out", dir.resolve("merged").toString()))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("verdict: PASS (every budget holds: 3 strategy runs in 2 scenarios)");
        assertThat(ShardedRuns.figures(List.of(one, two))).isEqualTo(ShardedRuns.figures(List.of(whole)));
    }

    /**
     * Shards played with --baseline each judge their regressions (exit 99 when one regressed);
     * a merge without --baseline would drop them and pass where the unsharded run fails, so it
     * is refused, naming the shard and its baseline; with --baseline the merge judges them.
     */
    @Test
    void shardsPlayedAgainstABaselineAreNotMergedWithoutOne() throws Exception {
        Path earlier = shard(null, "earlier");
        Path one = shard("1/2", "one", "--baseline", earlier.toString());
        Path two = shard("2/2", "two", "--baseline", earlier.toString());
        assertThat(refused(one, two)).contains(one + " (shard 1/2) was played with --baseline " + earlier,
                "give the merge --baseline");
        out.getBuffer().setLength(0);
        assertThat(run("report", one.toString(), two.toString(), "--baseline", earlier.toString(), "--out",
                dir.resolve("merged").toString())).as(out + "\n" + err).isZero();
    }

    /**
     * --json on a merge of a run's shards writes the JSON Lines the unsharded run writes (one
     * object per strategy run, each naming the shard folder that holds it), the text on
     * standard error; it was ignored, the text on standard output.
     */
    @Test
    void jsonOnAMergeWritesTheRunsLines() throws Exception {
        Path whole = shard(null, "whole");
        Path one = shard("1/2", "one");
        Path two = shard("2/2", "two");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("run", outage.toString(), calm.toString(), "--network", "sim", "--no-ledger", "--out",
                whole.toString(), "--json")).as(err.toString()).isZero();
        List<String> unsharded = out.toString().lines().map(l -> l.replace(whole.toString(), "FOLDER")).toList();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("report", one.toString(), two.toString(), "--out", dir.resolve("merged").toString(), "--json"))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("verdict: PASS");
        List<String> merged = out.toString().lines().toList();
        assertThat(merged).hasSize(3);
        assertThat(merged.get(1)).contains("\"strategy\":\"reconcile\"", "\"folder\":\"" + two.resolve("sim-outage"));
        assertThat(merged.stream().map(l -> l.replace(one.toString(), "FOLDER").replace(two.toString(), "FOLDER"))
                .toList()).isEqualTo(unsharded);
    }

    /** Shards played on different machines (a CI matrix): the merged report shows each one's environment. */
    @Test
    void shardsOfDifferentMachinesAreEachShown() throws Exception {
        Path one = shard("1/2", "one");
        Path two = shard("2/2", "two");
        Path results = two.resolve("sim-outage/results.json");
        Files.writeString(results, Files.readString(results).replaceFirst("\"cores\" : \\d+", "\"cores\" : 96"));
        Path manifest = two.resolve("shard.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"host\" : \"[^\"]*\"",
                "\"host\" : \"ci-runner-7\""));
        Path merged = dir.resolve("merged");
        assertThat(run("report", one.toString(), two.toString(), "--out", merged.toString())).as(err.toString())
                .isZero();
        assertThat(merged.resolve("summary.md")).content()
                .contains("merged from 2 shards: they ran in different environments")
                .containsPattern("\\| 1/2 \\| \\.\\./one \\| [^|]+ \\| 2 of 3 \\|")
                .containsPattern("\\| 2/2 \\| \\.\\./two \\| ci-runner-7 \\| 1 of 3 \\| [^|]+ \\| 96 \\|")
                .contains("--shard 2/2");
        assertThat(merged.resolve("index.html")).content().contains("<td>ci-runner-7</td>", "<td>96</td>",
                "<p id=\"shards\">merged from 2 shards: they ran in different environments");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
