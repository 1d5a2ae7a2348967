package dev.livetalk.bench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shards played with plugin jars: where each strategy came from (built in, or the SHA-256 of
 * its jar) is part of the plan, so shards whose strategy of one name came from different jars
 * are refused at merge as shards of another plan, saying the strategy's jars differ; shards
 * of an earlier livetalk, whose shard.json does not record it, merge with a note that says so.
 */
class ShardPluginJarsTest extends CommandLineTest {
    @TempDir
    static Path shared;

    private static Path template;
    private static Path changed;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildJars() throws IOException {
        template = StrategyJars.template(shared.resolve("my-strategy.jar"));
        changed = Files.copy(template, Files.createDirectories(shared.resolve("other")).resolve("my-strategy.jar"));
        try (FileSystem jar = FileSystems.newFileSystem(changed)) { // the same strategy, another build of its jar
            Files.writeString(jar.getPath("CHANGES.txt"), "built again");
        }
    }

    private Path shard(String k, Path jar, String... more) throws IOException {
        Path scenario = dir.resolve("sim-outage.yaml");
        if (!Files.exists(scenario)) {
            Files.writeString(scenario, SimOutage.YAML);
        }
        Path folder = dir.resolve("shard-" + k.replace('/', '-') + "-" + jar.getParent().getFileName());
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--plugins", jar.toString(),
                "--network", "sim", "--strategies", "my-strategy,reconcile", "--no-ledger", "--shard", k, "--out",
                folder.toString(), "-q"));
        args.addAll(List.of(more));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isIn(0, ExitCode.BUDGET_FAILED.code());
        return folder;
    }

    private int merge(Path... folders) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("report"));
        for (Path folder : folders) {
            args.add(folder.toString());
        }
        args.addAll(List.of("--out", dir.resolve("merged").toString()));
        return run(args.toArray(String[]::new));
    }

    @Test
    void shardsWhoseStrategyCameFromDifferentJarsAreRefused() throws IOException {
        Path one = shard("1/2", template);
        Path two = shard("2/2", changed);
        assertThat(one.resolve("shard.json")).content().contains("\"strategy\" : \"my-strategy\"",
                "\"from\" : \"plugin\"", "\"jar\" : \"my-strategy.jar\"", "\"from\" : \"built-in\"");

        assertThat(merge(one, two)).as(out + "\n" + err).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(two + " (shard 2/2) is of another run than " + one,
                "the strategy's jars differ: strategy my-strategy came from the plugin jar my-strategy.jar (sha256:",
                ") in " + one + " but from the plugin jar my-strategy.jar (sha256:")
                .doesNotContain("Exception", "strategy reconcile came");

        // the same jar in both shards merges
        Path again = shard("2/2", template);
        assertThat(merge(one, again)).as(out + "\n" + err).isIn(0, ExitCode.BUDGET_FAILED.code());
        assertThat(out.toString()).contains("merged from 2 shards of 2 strategy runs").doesNotContain("note:");
    }

    @Test
    void shardsOfAnEarlierLivetalkMergeSayingTheirJarsAreUnknown() throws IOException {
        Path one = shard("1/2", template);
        Path two = shard("2/2", changed);
        for (Path shard : List.of(one, two)) { // as an earlier livetalk wrote them: no origins, plans without them
            Path manifest = shard.resolve("shard.json");
            String json = Files.readString(manifest).replaceAll("(?s),\\s*\"origins\" : \\[.*\\]", "")
                    .replaceAll("\"plan\" : \"[^\"]*\"", "\"plan\" : \"sha256:" + "0".repeat(64) + "\"");
            Files.writeString(manifest, json);
        }
        assertThat(merge(one, two)).as(out + "\n" + err).isIn(0, ExitCode.BUDGET_FAILED.code());
        assertThat(out.toString()).contains("note: the shard.json of " + one + ", " + two + " do not record where the"
                + " strategies came from (written by an earlier livetalk): whether a strategy's plugin jar differed"
                + " between shards is unknown");

        // one of them played again by this livetalk: the plans differ, and the message says why
        Path newer = shard("2/2", template);
        assertThat(merge(one, newer)).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(one.resolve("shard.json") + " does not record where its strategies came"
                + " from (written by an earlier livetalk");
    }
}
