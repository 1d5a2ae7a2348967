package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Plugins}: the three sources, one loader, and every bad input as one error naming the
 * path, the class and the rule. The template's jar is compiled from examples/strategy-template.
 */
class PluginsTest extends CommandLineTest {
    @TempDir
    static Path shared;

    static Path template;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTemplate() throws IOException {
        template = StrategyJars.template(shared.resolve("my-strategy.jar"));
    }

    private Path absent() {
        return dir.resolve("no-plugins-folder");
    }

    @Test
    void shouldPlayTheTemplatesStrategyFromAJarGivenByTheOption() {
        Plugins plugins = Plugins.load(List.of(template.toString()), null, absent());

        Strategies strategies = plugins.strategies();
        assertThat(strategies.names()).startsWith(Strategies.BUILT_IN.toArray(String[]::new)).contains("my-strategy");
        assertThat(strategies.create("my-strategy", StrategySettings.defaults()).name()).isEqualTo("my-strategy");
        assertThat(strategies.create("my-strategy", StrategySettings.defaults()).getClass().getClassLoader())
                .as("loaded by the plugins' loader, not livetalk's").isNotSameAs(Strategies.class.getClassLoader());
        assertThat(plugins.origin("my-strategy")).contains(new Plugins.Jar(template, Plugins.Source.OPTION));
        assertThat(plugins.origin("reconcile")).isEmpty();
    }

    @Test
    void shouldReadLivetalkPluginsAsAPathSeparatedListOfJarsAndFolders() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("jars"));
        Files.copy(template, folder.resolve("my-strategy.jar"));
        Files.writeString(folder.resolve("README.md"), "not a jar, ignored");

        Plugins plugins = Plugins.load(List.of(), File.pathSeparator + folder + File.pathSeparator, absent());

        assertThat(plugins.strategies().names()).contains("my-strategy");
        assertThat(plugins.origin("my-strategy").orElseThrow().source()).isEqualTo(Plugins.Source.ENVIRONMENT);
        assertThat(plugins.jars()).hasSize(1);
    }

    @Test
    void shouldReadThePluginsFolderByDefault() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(template, folder.resolve("my-strategy.jar"));

        Plugins plugins = Plugins.load(List.of(), null, folder);

        assertThat(plugins.origin("my-strategy")).contains(
                new Plugins.Jar(folder.resolve("my-strategy.jar"), Plugins.Source.FOLDER));
        assertThat(plugins.lookedFor()).contains("plugins folder " + folder.toAbsolutePath(), "(my-strategy.jar)");
    }

    @Test
    void shouldReadAJarNamedByTwoSourcesOnceAsTheFirstSourceNamesIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(template, folder.resolve("my-strategy.jar"));

        Plugins plugins = Plugins.load(List.of(folder.resolve("my-strategy.jar").toString()),
                folder.resolve("my-strategy.jar").toString(), folder);

        assertThat(plugins.jars()).hasSize(1);
        assertThat(plugins.origin("my-strategy").orElseThrow().source()).isEqualTo(Plugins.Source.OPTION);
    }

    @Test
    void shouldSplitTheOptionOnCommasAndPathSeparators() throws IOException {
        Path other = provider(dir.resolve("other.jar"), "other", "Other", "other-strategy", "");

        Plugins plugins = Plugins.load(List.of(template + "," + other), null, absent());

        assertThat(plugins.strategies().names()).contains("my-strategy", "other-strategy");
    }

    @Test
    void shouldSayWhereStrategiesWereLookedForAndHowToAddOne() {
        Plugins plugins = Plugins.load(List.of(), null, absent());

        assertThat(plugins.lookedFor()).contains("built in", "--plugins (none)", "LIVETALK_PLUGINS (unset)",
                "plugins folder " + absent().toAbsolutePath() + " (absent)", "examples/strategy-template", "--plugins JAR");
    }

    @Test
    void shouldRefuseAPathThatDoesNotExist() {
        assertRefused(List.of(dir.resolve("nope.jar").toString()), null,
                "--plugins: " + dir.resolve("nope.jar") + ": no such file or folder");
        assertRefused(List.of(), dir.resolve("gone").toString(), "LIVETALK_PLUGINS: " + dir.resolve("gone")
                + ": no such file or folder");
    }

    @Test
    void shouldRefuseAFolderWithoutJars() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertRefused(List.of(empty.toString()), null, empty + ": no *.jar in this folder");
    }

    @Test
    void shouldRefuseAFileThatIsNotAJar() throws IOException {
        Path text = Files.writeString(dir.resolve("strategy.jar"), "not a zip");
        assertRefused(List.of(text.toString()), null, text + ": not a jar file");
    }

    @Test
    void shouldRefuseAJarWithoutAProviderServiceEntry() throws IOException {
        Path jar = StrategyJars.jar(dir.resolve("library.jar"), Map.of(), Map.of("README.txt", "no services"));
        assertRefused(List.of(jar.toString()), null,
                jar + ": the jar has no META-INF/services/dev.livetalk.client.strategy.StrategyProvider");
    }

    @Test
    void shouldRefuseAProviderClassThatIsNotInTheJar() throws IOException {
        Path jar = StrategyJars.jar(dir.resolve("typo.jar"), Map.of(),
                Map.of(Plugins.SERVICE, "# the provider\ncom.example.Missing$Provider\n"));
        assertRefused(List.of(jar.toString()), null,
                jar + ": provider com.example.Missing$Provider (listed in " + Plugins.SERVICE + "): no such class in the jar");
    }

    @Test
    void shouldRefuseAProviderWhoseConstructorThrows() throws IOException {
        Path jar = provider(dir.resolve("throws.jar"), "bad", "Throws", "throws",
                "public Throws() { throw new IllegalStateException(\"no config file\"); }");
        assertRefused(List.of(jar.toString()), null,
                jar + ": provider bad.Throws", "its constructor threw java.lang.IllegalStateException: no config file");
    }

    @Test
    void shouldRefuseAClassThatIsNotAProvider() throws IOException {
        Path jar = StrategyJars.jar(dir.resolve("wrong.jar"), Map.of("bad.NotOne", "package bad; public class NotOne {}"),
                Map.of(Plugins.SERVICE, "bad.NotOne\n"));
        assertRefused(List.of(jar.toString()), null,
                jar + ": provider bad.NotOne", "does not implement dev.livetalk.client.strategy.StrategyProvider");
    }

    @Test
    void shouldRefuseTwoStrategiesOfOneNameNamingBothJars() throws IOException {
        Path other = provider(dir.resolve("copy.jar"), "copy", "Copy", "my-strategy", "");

        assertRefused(List.of(template.toString()), other.toString(),
                other + ": provider copy.Copy", "two strategies are named 'my-strategy'", template.toString(),
                "names must be unique");
    }

    @Test
    void shouldRefuseAPluggedInStrategyNamedAsABuiltInOne() throws IOException {
        Path jar = provider(dir.resolve("mine.jar"), "mine", "Mine", "reconcile", "");
        assertRefused(List.of(jar.toString()), null, jar + ": provider mine.Mine",
                "its name 'reconcile' is taken by a built-in strategy: rename it");
    }

    @Test
    void shouldRefuseTheSameProviderClassInTwoJars() throws IOException {
        Path copy = Files.copy(template, dir.resolve("my-strategy-copy.jar"));
        assertRefused(List.of(template.toString(), copy.toString()), null,
                copy + ": provider com.example.chat.MyStrategy$Provider", "the class is also in " + template);
    }

    @Test
    void shouldListEveryProblemAtOnce() throws IOException {
        Path text = Files.writeString(dir.resolve("strategy.jar"), "not a zip");
        assertRefused(List.of(dir.resolve("nope.jar").toString(), text.toString()), null,
                "nope.jar: no such file or folder", "strategy.jar: not a jar file");
    }

    /** Through the command line: --plugins before or after the subcommand, the jar's path shown. */
    @Test
    void shouldListThePluggedInStrategyWithItsJarWhereverTheOptionIsGiven() {
        assertThat(run("strategies", "--plugins", template.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("my-strategy +plugged-in .*\\(" + java.util.regex.Pattern.quote(
                template.toAbsolutePath().normalize().toString()) + ", from --plugins\\)");
        out.getBuffer().setLength(0);

        assertThat(run("--plugins", template.toString(), "strategies")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("my-strategy", template.getFileName().toString());
    }

    /** RunCommand.found() is where run gets its strategies: a plugged-in one plays, in the simulator. */
    @Test
    void shouldRunAPluggedInStrategyGivenBeforeTheCommand() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimOutage.YAML);
        Path outDir = dir.resolve("out");

        assertThat(run("--plugins", template.toString(), "run", "--network", "sim", "--strategies", "my-strategy",
                "--out", outDir.toString(), scenario.toString())).as(err.toString()).isZero();
        assertThat(outDir.resolve("sim-outage/results.json")).content().contains("\"strategy\" : \"my-strategy\"");
    }

    /**
     * The template survives the library's restarts without durable history: the new epoch's seqs
     * count from 1 again, which a strategy that keeps the old epoch's lines cannot place (it used to
     * throw "seq 1 is already placed", and the run stopped as a harness failure, exit 1).
     */
    @Test
    void shouldPlayTheTemplateThroughTheLibrarysEpochChanges() {
        Path outDir = dir.resolve("epochs");
        Path library = StrategyJars.projectRoot().resolve("scenarios");

        int exit = run("--plugins", template.toString(), "run", "--network", "sim", "--strategies", "my-strategy",
                "--no-ledger", "--out", outDir.toString(), library.resolve("deploy-restart.yaml").toString(),
                library.resolve("busy-room-deploy.yaml").toString());

        assertThat(exit).as(err.toString()).isNotEqualTo(1);
        assertThat(err.toString()).doesNotContain("already placed");
        assertThat(outDir.resolve("deploy-restart/results.json")).content().contains("\"strategy\" : \"my-strategy\"");
        assertThat(outDir.resolve("busy-room-deploy/results.json")).content().contains("\"strategy\" : \"my-strategy\"");
    }

    @Test
    void shouldExitTwoWithoutAStackTraceOnABadPlugin() throws IOException {
        Path text = Files.writeString(dir.resolve("strategy.jar"), "not a zip");
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimOutage.YAML);

        for (String[] args : List.of(new String[] {"strategies", "--plugins", text.toString()},
                new String[] {"validate", "--plugins", text.toString(), scenario.toString()},
                new String[] {"run", "--plugins", text.toString(), "--network", "sim", "--out", dir.resolve("out").toString(),
                    scenario.toString()},
                new String[] {"--plugins", text.toString(), "run", "--network", "sim", "--out", dir.resolve("out").toString(),
                    scenario.toString()})) {
            err.getBuffer().setLength(0);
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).contains("livetalk: cannot load the plugged-in strategies", text + ": not a jar file")
                    .doesNotContain("\tat ", "Exception");
        }
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void shouldSayWhereStrategiesAreLookedForWhenOneIsUnknown() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"),
                SimOutage.YAML.replace("[event-only, reconcile]", "[event-only, my-strategyy]"));

        assertThat(run("validate", "--plugins", template.toString(), scenario.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no strategy 'my-strategyy' is found; did you mean 'my-strategy'?",
                "strategies were looked for built in, in --plugins (my-strategy.jar)", "LIVETALK_PLUGINS",
                "plugins folder", "examples/strategy-template");
        err.getBuffer().setLength(0);

        Path valid = Files.writeString(dir.resolve("valid.yaml"), SimOutage.YAML);
        assertThat(run("run", "--network", "sim", "--strategies", "my-strategyy", valid.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--strategies: unknown strategy 'my-strategyy'",
                "strategies were looked for built in, in --plugins (none)", "--plugins JAR");
    }

    @Test
    void shouldValidateAScenarioThatNamesAPluggedInStrategy() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"),
                SimOutage.YAML.replace("[event-only, reconcile]", "[my-strategy, reconcile]"));

        assertThat(run("validate", scenario.toString())).isEqualTo(2);
        assertThat(run("validate", "--plugins", template.toString(), scenario.toString())).as(err.toString()).isZero();
    }

    /** The guide shows the template's strategy as it is: one example, compiled and played by these tests. */
    @Test
    void shouldShowTheTemplatesStrategyInTheGuideAsItIs() throws IOException {
        String guide = Files.readString(StrategyJars.projectRoot().resolve("docs/WRITING-A-STRATEGY.md"));
        String block = guide.substring(guide.indexOf("```java\n") + "```java\n".length());
        block = block.substring(0, block.indexOf("```\n"));

        assertThat(block).isEqualTo(Files.readString(
                StrategyJars.TEMPLATE.resolve("src/main/java/com/example/chat/MyStrategy.java")));
    }

    /** A plugin may answer description() with null or a blank: it is listed without one, never as "null". */
    @Test
    void shouldListAPluginWithoutADescriptionAsSuch() throws IOException {
        Path nameless = described(dir.resolve("nothing.jar"), "np", "NullDescription", "no-words", "null");
        Path blank = described(dir.resolve("blank.jar"), "bp", "BlankDescription", "blank-words", "\" \"");

        assertThat(run("strategies", "--plugins", nameless + "," + blank)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("(?m)^no-words +plugged-in \\(no description\\)  \\(")
                .containsPattern("(?m)^blank-words +plugged-in \\(no description\\)  \\(")
                .doesNotContainPattern("(?m)^(no|blank)-words .*\\bnull\\b");

        Strategies versions = BaselinePlugins.load(List.of(nameless.toString())).addTo(Strategies.load());
        assertThat(versions.provider("no-words@baseline").description())
                .isEqualTo("the baseline's version (--baseline-plugins)");
    }

    private static void assertRefused(List<String> option, String env, String... parts) {
        assertThatThrownBy(() -> Plugins.load(option, env, Path.of("no-such-plugins-folder")))
                .isInstanceOf(UsageException.class).hasMessageContainingAll(parts);
    }

    /** A jar of one provider class {@code pkg.cls} named {@code strategy}, with {@code body} besides. */
    private static Path provider(Path jar, String pkg, String cls, String strategy, String body) throws IOException {
        return provider(jar, pkg, cls, strategy, body, "\"a test's\"");
    }

    /** A jar of one provider class {@code pkg.cls} named {@code strategy} whose description() returns {@code description} (Java). */
    private static Path described(Path jar, String pkg, String cls, String strategy, String description)
            throws IOException {
        return provider(jar, pkg, cls, strategy, "", description);
    }

    private static Path provider(Path jar, String pkg, String cls, String strategy, String body, String description)
            throws IOException {
        String source = """
                package %s;
                import dev.livetalk.client.strategy.*;
                public final class %s implements StrategyProvider {
                    %s
                    public String name() { return "%s"; }
                    public String description() { return %s; }
                    public ReconciliationStrategy create(StrategySettings settings) { throw new UnsupportedOperationException(); }
                }
                """.formatted(pkg, cls, body, strategy, description);
        return StrategyJars.jar(jar, Map.of(pkg + "." + cls, source), Map.of(Plugins.SERVICE, pkg + "." + cls + "\n"));
    }
}
