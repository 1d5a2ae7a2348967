package dev.livetalk.bench.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The folder a sharded run is merged into ({@code livetalk report SHARD... --out merged}) holds
 * no results.json nor ledger: {@code audit} and {@code explain} of it name the shard folders to
 * give instead; the merge never writes into a shard's folder; the report names the shards'
 * folders relative to its own, so it stays true when copied elsewhere together with them.
 */
class MergedShardFoldersTest extends CommandLineTest {
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

    private Path shard(String shard, Path folder) {
        assertThat(run("run", outage.toString(), calm.toString(), "--network", "sim", "--out", folder.toString(),
                "--shard", shard, "-q")).as(err.toString()).isZero();
        return folder;
    }

    private Path merged(Path one, Path two) {
        Path merged = dir.resolve("out/merged");
        assertThat(run("report", one.toString(), two.toString(), "--out", merged.toString(), "-q"))
                .as(err.toString()).isZero();
        return merged;
    }

    private String refused(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run(args)).as(out + "\n" + err).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        return err.toString();
    }

    @Test
    void auditOfAMergedFolderNamesTheShardFoldersToAudit() {
        Path one = shard("1/2", dir.resolve("shards/1"));
        Path two = shard("2/2", dir.resolve("shards/2"));
        Path merged = merged(one, two);
        assertThat(merged.resolve("shards.json")).exists();

        assertThat(refused("audit", merged.toString())).contains(merged + " is the report merged from 2 shards",
                "a merge copies no results.json nor ledger, they stay in the shard folders",
                "\n  livetalk audit " + one + "\n  livetalk audit " + two);
        // the command it gives works
        out.getBuffer().setLength(0);
        assertThat(run("audit", one.toString())).as(out + "\n" + err).isZero();
    }

    @Test
    void explainOfAMergedFolderNamesTheShardFolderHoldingTheScenarioAndStrategy() {
        Path one = shard("1/2", dir.resolve("shards/1"));
        Path two = shard("2/2", dir.resolve("shards/2"));
        Path merged = merged(one, two);

        assertThat(refused("explain", merged.toString(), "lobby:1", "--scenario", "sim-outage", "--strategy",
                "reconcile")).contains(merged + " is the report merged from 2 shards",
                "sim-outage / reconcile was played by shard 2/2; run:\n  livetalk explain " + two
                        + " lobby:1 --scenario sim-outage --strategy reconcile\n")
                .doesNotContain("livetalk explain " + one);
        assertThat(refused("explain", merged.toString(), "lobby:1", "--scenario", "sim-calm"))
                .contains("scenario sim-calm was played by shard 1/2; run:\n  livetalk explain " + one
                        + " lobby:1 --scenario sim-calm\n");
        assertThat(refused("explain", merged.toString(), "lobby:1")).contains("each shard's folder holds its part of"
                + " the run (shards 1/2, 2/2); run, for each:\n  livetalk explain " + one + " lobby:1\n  livetalk explain "
                + two + " lobby:1\n");
        assertThat(refused("explain", merged.toString(), "lobby:1", "--strategy", "reconcil"))
                .contains("no strategy 'reconcil' in the run merged into " + merged, "did you mean 'reconcile'?");

        // the command it gives works
        out.getBuffer().setLength(0);
        assertThat(run("explain", two.toString(), "lobby:1", "--scenario", "sim-outage", "--strategy", "reconcile"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("== sim-outage / reconcile ==");
    }

    /** The merge into one of its own shard folders (or one inside it) is refused before anything is written. */
    @Test
    void aMergeIntoOneOfItsShardFoldersIsRefusedBeforeWriting() throws Exception {
        Path one = shard("1/2", dir.resolve("shards/1"));
        Path two = shard("2/2", dir.resolve("shards/2"));
        String index = Files.readString(one.resolve("index.html"));
        String junit = Files.readString(one.resolve("junit.xml"));

        assertThat(refused("report", one.toString(), two.toString(), "--out", one.toString()))
                .contains("--out " + one + " is the shard folder " + one + ", one of the folders merged",
                        "a merge writes into a folder of its own, outside every shard's folder",
                        "overwrite the shard's index.html");
        assertThat(refused("report", one.toString(), two.toString(), "--out", dir.resolve("shards/2/../1/.").toString()))
                .contains("is the shard folder " + one);
        assertThat(refused("report", one.toString(), two.toString(), "--out", two.resolve("merged").toString()))
                .contains("--out " + two.resolve("merged") + " is inside the shard folder " + two);
        assertThat(one.resolve("index.html")).hasContent(index);
        assertThat(one.resolve("junit.xml")).hasContent(junit);
        assertThat(one.resolve("shards.json")).doesNotExist();
        assertThat(two.resolve("merged")).doesNotExist();
        // the shards still merge
        merged(one, two);
    }

    @Test
    void aSweepsMergeIntoOneOfItsShardFoldersIsRefused() throws Exception {
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path folder = dir.resolve("sweep/" + k);
            assertThat(run("run", outage.toString(), "--network", "sim", "--seeds", "1..2", "--strategies", "reconcile",
                    "--shard", k + "/2", "--out", folder.toString(), "-q")).as(err.toString()).isZero();
            shards.add(folder);
        }
        String sweep = Files.readString(shards.get(1).resolve("sweep.json"));
        assertThat(refused("report", shards.get(0).toString(), shards.get(1).toString(), "--out",
                shards.get(1).toString())).contains("is the shard folder " + shards.get(1),
                "overwrite the shard's sweep.md, sweep.json and shard.json");
        assertThat(shards.get(1).resolve("sweep.json")).hasContent(sweep);
        // and audit or explain of a sweep's folder says a sweep keeps neither
        assertThat(refused("audit", shards.get(0).toString())).contains(shards.get(0) + " is the folder of a --seeds"
                + " sweep, which keeps no results.json nor ledger", "repro: command");
    }

    /**
     * The merged report's explain commands and shard table name the shard folders relative to
     * the report's folder: copied elsewhere together with its shards, the commands still work
     * from the copy's folder.
     */
    @Test
    void theMergedReportNamesTheShardFoldersRelativeToItsFolder() throws Exception {
        Path one = shard("1/2", dir.resolve("shards/1"));
        Path two = shard("2/2", dir.resolve("shards/2"));
        Path merged = merged(one, two);

        String index = Files.readString(merged.resolve("index.html"));
        assertThat(index).doesNotContain("livetalk explain " + dir, "<td>" + one + "</td>") // the shards' command lines name them
                .contains("<code>livetalk explain ../../shards/1/sim-outage ",
                        "The commands name the run's folders relative to this report's folder: run them there");
        assertThat(merged.resolve("summary.md")).content().doesNotContain("| " + one + " |")
                .contains("| 1/2 | ../../shards/1 |", "| 2/2 | ../../shards/2 |");

        Path copy = dir.resolve("elsewhere/copy");
        copyTree(dir.resolve("shards"), copy.resolve("shards"));
        copyTree(dir.resolve("out"), copy.resolve("out"));
        Matcher command = Pattern.compile("<code>livetalk explain (\\S+) (\\S+) --strategy (\\S+)</code>").matcher(index);
        assertThat(command.find()).as(index).isTrue();
        Path copied = copy.resolve("out/merged").resolve(command.group(1)).normalize();
        assertThat(copied).startsWith(copy);
        out.getBuffer().setLength(0);
        assertThat(run("explain", copied.toString(), command.group(2), "--strategy", command.group(3)))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("== sim-outage / " + command.group(3) + " ==");
    }

    private static void copyTree(Path from, Path to) throws Exception {
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
