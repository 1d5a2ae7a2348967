package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.ShardManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk run --shard K/N} in the simulator: library scenarios (two of them with every
 * strategy) played whole, as 3 shards and as 5 shards (more than some scenarios have
 * strategies), the shards merged by {@code livetalk report}: every figure of every strategy, the
 * console's table, {@code junit.xml}, {@code summary.md}'s figures, the verdict and the exit code
 * are those of the whole run.
 */
class ShardedRunTest extends CommandLineTest {
    private static final Path LIBRARY = Path.of(System.getProperty("livetalk.scenarios", "../scenarios"));

    @TempDir
    static Path dir;

    /** The files in the order given: not sorted by name, so the run's order is the arguments'. */
    private static List<String> scenarios;

    private static Path whole;
    private static int wholeCode;
    private static String wholeConsole;

    @BeforeAll
    static void playWhole() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scenarios"));
        scenarios = new ArrayList<>();
        for (String name : List.of("outage", "baseline", "lost-ack")) {
            String yaml = Files.readString(LIBRARY.resolve(name + ".yaml"));
            if (name.equals("outage") || name.equals("baseline")) {
                yaml = yaml.replaceFirst("(?m)^strategies:.*$", "strategies: all");
                assertThat(yaml).as(name).contains("strategies: all");
            }
            Path file = folder.resolve(name + ".yaml");
            Files.writeString(file, yaml);
            scenarios.add(file.toString());
        }
        whole = dir.resolve("whole");
        ShardedRunTest test = new ShardedRunTest();
        wholeCode = test.run(args("--out", whole.toString()));
        wholeConsole = test.out.toString();
        assertThat(wholeConsole).as(test.err.toString()).contains("verdict: ");
        ShardManifest manifest = ShardManifest.read(whole).orElseThrow(); // the scenarios it played, for report and audit
        assertThat(manifest.wholeRun()).as("an unsharded run's shard.json is of the whole run, 1/1").isTrue();
        assertThat(manifest.owned()).isEqualTo(manifest.units());
        assertThat(manifest.scenarios()).containsExactly("outage", "baseline", "lost-ack");
    }

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--network", "sim", "--no-ledger"));
        args.addAll(scenarios);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void threeShardsMergeIntoTheWholeRun() throws Exception {
        shardsMergeIntoTheWholeRun(3);
    }

    @Test
    void fiveShardsMergeIntoTheWholeRunAlsoWhereAScenarioHasFewerStrategies() throws Exception {
        shardsMergeIntoTheWholeRun(5);
    }

    private void shardsMergeIntoTheWholeRun(int count) throws Exception {
        List<Path> shards = new ArrayList<>();
        List<String> ownedCounts = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            Path out = dir.resolve(count + "-shards/" + k);
            shards.add(out);
            clear();
            int code = run(args("--shard", k + "/" + count, "--out", out.toString()));
            assertThat(code).as(err.toString()).isIn(0, 99);
            ShardManifest manifest = ShardManifest.read(out).orElseThrow();
            assertThat(manifest.shard()).isEqualTo(k + "/" + count);
            assertThat(err.toString()).contains("shard " + k + "/" + count + ": " + manifest.owned() + " of "
                    + manifest.units() + " strategy runs");
            ownedCounts.add(String.valueOf(manifest.owned()));
            // a scenario with none of its strategies in this shard is not played and has no folder
            for (String scenario : List.of("outage", "baseline", "lost-ack")) {
                assertThat(Files.exists(out.resolve(scenario)))
                        .as("shard %s, scenario %s", k, scenario)
                        .isEqualTo(manifest.work().stream().anyMatch(u -> u.scenario().equals(scenario)));
            }
        }
        // 6 + 6 + 2 units, round robin
        assertThat(ownedCounts).isEqualTo(IntStream.rangeClosed(1, count)
                .mapToObj(k -> String.valueOf(14 / count + (14 % count >= k ? 1 : 0))).toList());

        assertThat(ShardedRuns.figures(shards)).isEqualTo(ShardedRuns.figures(List.of(whole)));

        Path merged = dir.resolve(count + "-shards/merged");
        clear();
        List<String> report = new ArrayList<>(List.of("report"));
        shards.reversed().forEach(s -> report.add(s.toString())); // the folders' order does not matter
        report.addAll(List.of("--out", merged.toString()));
        int code = run(report.toArray(String[]::new));
        assertThat(code).as(err.toString()).isEqualTo(wholeCode);
        assertThat(out.toString()).contains("merged from " + count + " shards of 14 strategy runs");
        assertThat(ShardedRuns.table(out.toString())).isEqualTo(ShardedRuns.table(wholeConsole)).isNotBlank();
        assertThat(ShardedRuns.verdict(out.toString())).isEqualTo(ShardedRuns.verdict(wholeConsole));
        assertThat(merged.resolve("junit.xml")).hasSameTextualContentAs(whole.resolve("junit.xml"));
        assertThat(ShardedRuns.summaryFigures(merged)).isEqualTo(ShardedRuns.summaryFigures(whole));
        assertThat(merged.resolve("summary.md")).content()
                .contains("### Environment: the run, merged from shards\n\nmerged from " + count
                        + " shards: they ran in one environment.");
        assertThat(merged.resolve("index.html")).content().contains("<p id=\"shards\">merged from " + count + " shards");
    }

    /** More shards than units: the shard writes its shard.json, says it had no work and exits 0. */
    @Test
    void aShardWithoutWorkSaysSoAndPasses() throws Exception {
        Path out = dir.resolve("no-work");
        int code = run("run", scenarios.get(2), "--network", "sim", "--shard", "5/8", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(this.out.toString()).contains("verdict: PASS (shard 5/8 had no work: the run has 2 units)");
        ShardManifest manifest = ShardManifest.read(out).orElseThrow();
        assertThat(manifest.owned()).isZero();
        assertThat(manifest.units()).isEqualTo(2);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly(OutputLock.FILE, "junit.xml", "shard.json"); // the lock the run held stays, empty
        }
    }

    private void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
