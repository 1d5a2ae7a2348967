package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two versions of one strategy in one run: {@code --plugins} the current jar,
 * {@code --baseline-plugins} the earlier one, {@code --strategies mine,mine@baseline}, played in
 * the simulator on the library's outage scenario. The versions are the template's strategy
 * (examples/strategy-template) renamed {@code mine}, compiled into jars of the same class names,
 * and a version of it that drops every fourth message it is given.
 */
class StrategyVersionsTest extends CommandLineTest {
    private static final Path OUTAGE = StrategyJars.projectRoot().resolve("scenarios/outage.yaml");

    @TempDir
    static Path jars;

    static Path mine;
    static Path mineAgain;
    static Path lossy;
    static Path oldReconcile;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTheVersions() throws IOException {
        String template = Files.readString(StrategyJars.TEMPLATE.resolve("src/main/java/com/example/chat/MyStrategy.java"))
                .replace("\"my-strategy\"", "\"mine\"");
        String dropping = template.replace("        Transcript transcript = ctx.transcript(message.room());",
                "        if (message.seq() % 4 == 0) {\n            return; // this version drops messages\n        }\n"
                        + "        Transcript transcript = ctx.transcript(message.room());");
        assertThat(dropping).as("the template's onMessage changed: update this test").isNotEqualTo(template);
        for (String folder : List.of("new", "old", "lossy", "old-reconcile")) {
            Files.createDirectories(jars.resolve(folder));
        }
        Map<String, String> service = Map.of(Plugins.SERVICE, "com.example.chat.MyStrategy$Provider\n");
        mine = StrategyJars.jar(jars.resolve("new/mine.jar"), Map.of("com.example.chat.MyStrategy", template), service);
        mineAgain = StrategyJars.jar(jars.resolve("old/mine.jar"), Map.of("com.example.chat.MyStrategy", template),
                service);
        lossy = StrategyJars.jar(jars.resolve("lossy/mine.jar"), Map.of("com.example.chat.MyStrategy", dropping),
                service);
        // an earlier version of a built-in strategy, built from its sources of then: livetalk's class
        // names (ReconcileStrategy and its Provider) with other code, the template's
        String old = Files.readString(StrategyJars.TEMPLATE.resolve("src/main/java/com/example/chat/MyStrategy.java"))
                .replace("package com.example.chat;", "package dev.livetalk.client.strategy.builtin;")
                .replace("MyStrategy", "ReconcileStrategy").replace("\"my-strategy\"", "\"reconcile\"")
                .replace("    /** Found by the ServiceLoader through META-INF/services. */",
                        "    @Override\n    public String toString() {\n        return \"the old reconcile\";\n    }\n\n"
                                + "    /** Found by the ServiceLoader through META-INF/services. */");
        assertThat(old).contains("the old reconcile", "\"reconcile\"");
        oldReconcile = StrategyJars.jar(jars.resolve("old-reconcile/reconcile.jar"),
                Map.of("dev.livetalk.client.strategy.builtin.ReconcileStrategy", old),
                Map.of(Plugins.SERVICE, "dev.livetalk.client.strategy.builtin.ReconcileStrategy$Provider\n"));
    }

    private int play(Path current, Path baseline, String strategies, Path out) {
        return run("run", "--plugins", current.toString(), "--baseline-plugins", baseline.toString(), "--strategies",
                strategies, "--network", "sim", "--no-ledger", "--out", out.toString(), OUTAGE.toString());
    }

    @Test
    void shouldFindEveryFigureUnchangedOrWithinNoiseBetweenTwoIdenticalVersions() throws IOException {
        Path out = dir.resolve("same");

        int code = play(mine, mineAgain, "mine,mine@baseline", out);

        assertThat(code).as(out + "\n" + this.out + err).isZero();
        ResultsDocument results = ResultsJson.read(out.resolve("outage/results.json"));
        assertThat(results.strategies()).extracting(StrategyResult::strategy).containsExactly("mine", "mine@baseline");
        assertThat(results.strategy("mine").correctness()).isEqualTo(results.strategy("mine@baseline").correctness());
        assertThat(this.out.toString()).contains("gate: a latency change regresses when significant",
                        "versions: outage: mine against mine@baseline: bought: nothing; cost: nothing; within noise: ")
                .contains("verdict: PASS");
        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("### Two versions of a strategy",
                "- outage: mine against mine@baseline: bought: nothing; cost: nothing; within noise: ");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<h3>Two versions of a strategy</h3>",
                "<b>mine against mine@baseline</b>: bought: nothing; cost: nothing;");
        String junit = Files.readString(out.resolve("outage/junit.xml"));
        assertThat(junit).contains("name=\"baseline: lost\"").doesNotContain("<failure");
    }

    @Test
    void shouldFailWithExit99WhenTheNewVersionLosesMessagesAndSayWhatItCost() throws IOException {
        Path out = dir.resolve("lossy");

        int code = play(lossy, mine, "mine,mine@baseline", out);

        assertThat(code).as(this.out + "\n" + err).isEqualTo(99);
        ResultsDocument results = ResultsJson.read(out.resolve("outage/results.json"));
        long before = results.strategy("mine@baseline").correctness().lost();
        long now = results.strategy("mine").correctness().lost();
        assertThat(now).as("the dropping version loses more").isGreaterThan(before);
        assertThat(this.out.toString())
                .containsPattern("versions: outage: mine against mine@baseline: bought: nothing; cost: [^\n]*lost "
                        + before + " -> " + now + "[^\n]*; within noise: ")
                .contains("outage / mine (seed ", "regression: mine lost: " + now + " vs " + before + " in the baseline")
                .contains("verdict: FAIL");
        assertThat(Files.readString(out.resolve("summary.md")))
                .containsPattern("- outage: mine against mine@baseline: bought: nothing; cost: [^\n]*lost " + before
                        + " -> " + now);
        assertThat(Files.readString(out.resolve("index.html"))).contains("<tr class=\"fail\"><td>lost</td><td>" + before
                + "</td><td>" + now + "</td>");
        assertThat(Files.readString(out.resolve("outage/junit.xml"))).contains("name=\"baseline: lost\">\n      <failure message=\"mine lost: " + now);
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("<failure");

        // the other way round, the same change is what the old version bought: an improvement, exit 0
        Path back = dir.resolve("back");
        assertThat(play(mine, lossy, "mine,mine@baseline", back)).as(this.out + "\n" + err).isZero();
        assertThat(Files.readString(back.resolve("summary.md")))
                .containsPattern("mine against mine@baseline: bought: [^\n]*lost " + now + " -> " + before
                        + "[^\n]*; cost: nothing;");
    }

    @Test
    void shouldCompareTheVersionsWhereShardsMeetInTheMergedReport() throws IOException {
        for (int k = 1; k <= 2; k++) {
            int code = run("run", "--plugins", lossy.toString(), "--baseline-plugins", mine.toString(), "--strategies",
                    "mine,mine@baseline", "--network", "sim", "--no-ledger", "--shard", k + "/2", "--out",
                    dir.resolve("shard" + k).toString(), OUTAGE.toString());
            assertThat(code).as("a shard plays one version: nothing to compare there\n" + this.out + err).isZero();
        }

        assertThat(this.out.toString()).doesNotContain("versions: ");
        int merged = run("report", dir.resolve("shard1").toString(), dir.resolve("shard2").toString(), "--out",
                dir.resolve("merged").toString());

        assertThat(merged).as(this.out + "\n" + err).isEqualTo(99);
        assertThat(Files.readString(dir.resolve("merged/summary.md")))
                .containsPattern("- outage: mine against mine@baseline: bought: nothing; cost: [^\n]*lost ");
        assertThat(this.out.toString()).as("the report says on the console what run says")
                .containsPattern("versions: outage: mine against mine@baseline: bought: nothing; cost: [^\n]*lost ");
        assertThat(dir.resolve("shard2/shard.json")).content().contains("\"strategy\" : \"mine@baseline\"",
                "\"jar\" : \"mine.jar\"");

        // a shard whose baseline came from another jar is of another plan
        Path other = dir.resolve("other");
        assertThat(run("run", "--plugins", lossy.toString(), "--baseline-plugins", lossy.toString(), "--strategies",
                "mine,mine@baseline", "--network", "sim", "--no-ledger", "--shard", "2/2", "--out", other.toString(),
                OUTAGE.toString())).isZero();
        assertThat(run("report", dir.resolve("shard1").toString(), other.toString(), "--out",
                dir.resolve("refused").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("strategy mine@baseline came from the plugin jar mine.jar (sha256:");
    }

    @Test
    void shouldPlayAnEarlierVersionOfABuiltInStrategyFromItsOwnClassLoader() throws IOException {
        BaselinePlugins baseline = BaselinePlugins.load(List.of(oldReconcile.toString()));
        Strategies all = baseline.addTo(Strategies.load());
        assertThat(all.create("reconcile@baseline", StrategySettings.defaults()).name()).isEqualTo("reconcile@baseline");
        assertThat(all.create("reconcile@baseline", StrategySettings.defaults()).toString())
                .as("the jar's class, not livetalk's of the same name").contains("the old reconcile");
        assertThat(all.create("reconcile", StrategySettings.defaults()).toString()).doesNotContain("the old reconcile");

        Path out = dir.resolve("built-in");
        int code = run("run", "--baseline-plugins", oldReconcile.toString(), "--strategies", "reconcile,reconcile@baseline",
                "--network", "sim", "--no-ledger", "--out", out.toString(), OUTAGE.toString());

        assertThat(code).as(this.out + "\n" + err).isIn(0, 99);
        assertThat(this.out.toString()).contains("versions: outage: reconcile against reconcile@baseline: bought: ");
        ResultsDocument results = ResultsJson.read(out.resolve("outage/results.json"));
        assertThat(results.strategy("reconcile@baseline").correctness().lost())
                .as("the old reconcile fetches nothing: it loses in the outage")
                .isGreaterThan(results.strategy("reconcile").correctness().lost());
    }

    @Test
    void shouldRefuseABaselineVersionWithoutBaselineJarsNamingTheValueAndTheRule() {
        int code = run("run", "--plugins", mine.toString(), "--strategies", "mine,mine@baseline", "--network", "sim",
                "--out", dir.resolve("out").toString(), OUTAGE.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--strategies: 'mine@baseline' is the baseline's version of mine",
                "--baseline-plugins JAR").doesNotContain("Exception");
    }

    @Test
    void shouldRefuseTheBaselineSuffixAloneNamingTheValueAndTheRule() {
        int code = run("run", "--strategies", "reconcile,@baseline", "--network", "sim",
                "--out", dir.resolve("out").toString(), OUTAGE.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--strategies: '@baseline' names no strategy: the baseline's version of a"
                + " strategy is NAME@baseline").doesNotContain("Exception");
    }

    @Test
    void shouldRefuseAVersionOtherThanTheBaselineNamingTheValueAndTheRule() {
        int code = run("run", "--strategies", "reconcile,reconcile@other", "--network", "sim",
                "--out", dir.resolve("out").toString(), OUTAGE.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--strategies: 'reconcile@other': the only version a strategy's name takes"
                + " is @baseline").doesNotContain("Exception");
    }

    @Test
    void shouldRefuseABaselineVersionTheBaselineJarsDoNotProvideListingWhatTheyProvide() {
        int code = play(mine, oldReconcile, "mine,mine@baseline", dir.resolve("out"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--strategies: 'mine@baseline': the baseline's jars (" + oldReconcile
                + ") provide no strategy 'mine'; they provide: reconcile").doesNotContain("Exception");
    }

    @Test
    void shouldRefuseBaselineJarsThatNothingPlays() {
        int code = play(mine, mineAgain, "mine", dir.resolve("out"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--baseline-plugins " + mineAgain + ": no strategy of --strategies is the"
                + " baseline's version: name one as NAME@baseline beside NAME (the jars provide: mine)");
    }

    @Test
    void shouldRefuseABaselineJarThatIsNoStrategyJar() throws IOException {
        Path empty = StrategyJars.jar(dir.resolve("empty.jar"), Map.of(), Map.of("README", "no strategy"));

        int code = play(mine, empty, "mine,mine@baseline", dir.resolve("out"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot load the baseline's strategies:",
                "--baseline-plugins: " + empty + ": the jar has no " + Plugins.SERVICE);
    }
}
