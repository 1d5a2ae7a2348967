package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's strategy played by the real launcher, {@code ./livetalk} of the repository (the
 * script a user runs, which runs {@code java -jar bench/target/livetalk.jar}): the template of
 * examples/strategy-template compiled into a jar in target/, given by {@code --plugins}, by
 * {@code LIVETALK_PLUGINS} and through the plugins folder, in the simulator on the library's
 * outage scenario. Needs bash and the packaged jar (this runs after {@code package}).
 */
class PluginsIT {
    private static final Path ROOT = StrategyJars.projectRoot();
    private static final Path WORK = Path.of("target/plugins-it").toAbsolutePath();
    private static Path jar;

    @BeforeAll
    static void buildTheTemplate() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> files = Files.walk(WORK)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(WORK);
        jar = StrategyJars.template(WORK.resolve("my-strategy-1.0-SNAPSHOT.jar"));
    }

    @Test
    void shouldPlayTheTemplatesStrategyBesideABuiltInOneThroughTheLauncher() throws Exception {
        Path out = WORK.resolve("out");

        Result run = launch(Map.of(), "run", "--plugins", jar.toString(), "--strategies", "my-strategy,reconcile",
                "--network", "sim", "--out", out.toString(), ROOT.resolve("scenarios/outage.yaml").toString());

        assertThat(run.code()).as(run.text()).isZero();
        ResultsDocument results = ResultsJson.read(out.resolve("outage/results.json"));
        assertThat(results.strategies()).extracting(StrategyResult::strategy).containsExactly("my-strategy", "reconcile");
        assertThat(out.resolve("outage/my-strategy.hlog")).isNotEmptyFile();
        assertThat(out.resolve("index.html")).content().contains("my-strategy");
        try (Stream<Path> charts = Files.list(out.resolve("charts"))) {
            assertThat(charts.map(c -> c.getFileName().toString()).toList())
                    .as("the figures of the scenario").anyMatch(name -> name.startsWith("01-outage-") && name.endsWith(".png"));
        }
        assertThat(run.stdout()).contains("my-strategy");
    }

    @Test
    void shouldFindTheJarInLivetalkPlugins() throws Exception {
        Result listed = launch(Map.of("LIVETALK_PLUGINS", jar.toString()), "strategies");

        assertThat(listed.code()).as(listed.text()).isZero();
        assertThat(listed.stdout()).containsPattern("my-strategy +plugged-in .*" + jar.getFileName() + ", from LIVETALK_PLUGINS");
    }

    /** The plugins folder of the project: here a project folder of the test's, through -Dlivetalk.home. */
    @Test
    void shouldFindTheJarInThePluginsFolder() throws Exception {
        Path home = WORK.resolve("home");
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(jar, home.resolve("plugins/my-strategy.jar"));

        Result listed = launch(Map.of("LIVETALK_JAVA_OPTS", "-Xmx256m -Dlivetalk.home=" + home), "strategies");

        assertThat(listed.code()).as(listed.text()).isZero();
        assertThat(listed.stdout()).containsPattern("my-strategy +plugged-in .*my-strategy.jar, from the plugins folder");
    }

    @Test
    void shouldExitTwoOnABadPluginWithoutAStackTrace() throws Exception {
        Path text = Files.writeString(WORK.resolve("notes.jar"), "not a jar");
        Path empty = Files.createDirectories(WORK.resolve("empty"));

        Result run = launch(Map.of(), "run", "--plugins", text + "," + WORK.resolve("missing.jar") + "," + empty,
                "--network", "sim", ROOT.resolve("scenarios/outage.yaml").toString());

        assertThat(run.code()).as(run.text()).isEqualTo(2);
        assertThat(run.stderr()).contains(text + ": not a jar file", "missing.jar: no such file or folder",
                empty + ": no *.jar in this folder").doesNotContain("\tat ");
    }

    @Test
    void shouldSayWhereStrategiesAreLookedForWhenOneIsUnknown() throws Exception {
        Result run = launch(Map.of(), "run", "--strategies", "my-strategy", "--network", "sim",
                ROOT.resolve("scenarios/outage.yaml").toString());

        assertThat(run.code()).as(run.text()).isEqualTo(2);
        assertThat(run.stderr()).contains("unknown strategy 'my-strategy'", "--plugins (none)", "LIVETALK_PLUGINS",
                "plugins folder " + ROOT.resolve("plugins"), "examples/strategy-template");
    }

    private record Result(int code, String stdout, String stderr) {
        String text() {
            return "exit " + code + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** {@code ./livetalk ARGS} with the JDK running this test and {@code env} besides; at most 5 minutes. */
    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("livetalk").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile());
        builder.environment().remove("LIVETALK_PLUGINS");
        builder.environment().put("LIVETALK_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LIVETALK_JAVA_OPTS", "-Xmx512m"); // small on a shared machine; not what is tested
        builder.environment().putAll(env);
        Path stdout = Files.createTempFile(WORK, "stdout", ".txt");
        Path stderr = Files.createTempFile(WORK, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./livetalk " + String.join(" ", args) + " did not end within 5 minutes; stderr:\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
