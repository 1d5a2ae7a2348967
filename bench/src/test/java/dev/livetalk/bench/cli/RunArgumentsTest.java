package dev.livetalk.bench.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every argument of {@code livetalk run} is checked before anything starts: a wrong one exits 2
 * with a message naming the value and the rule, no stack trace, and Toxiproxy was never asked
 * for (an injected launcher counts the calls), so calibration never ran and no scenario played.
 */
class RunArgumentsTest {
    private static final String TOXIPROXY_SCENARIO =
            "name: s\nseed: 1\nduration: 1s\nusers: [a, b]\nrooms:\n  - name: r\n    members: all\nload:\n  rate: 1\n";

    /** The lock file a run holds in its output folder (README, --out). */
    private static final String LOCK = ".livetalk.lock";

    @TempDir
    Path dir;

    private final java.io.StringWriter out = new java.io.StringWriter();
    private final java.io.StringWriter err = new java.io.StringWriter();
    private final AtomicInteger launches = new AtomicInteger();
    private Path scenario;
    private Path outDir;

    @BeforeEach
    void scenario() throws Exception {
        scenario = Files.writeString(dir.resolve("s.yaml"), TOXIPROXY_SCENARIO);
        outDir = dir.resolve("out");
    }

    /** {@code livetalk run SCENARIO --out OUT ARGS} with a launcher that counts and fails; returns the exit code. */
    private int run(String... args) {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.toxiproxyLauncher = url -> {
            launches.incrementAndGet();
            throw new HarnessFailure("test launcher: Toxiproxy was asked for", null);
        };
        List<String> all = new ArrayList<>(List.of("run", scenario.toString(), "--out", outDir.toString()));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    /** Exit 2, the message, no stack trace, no Toxiproxy, no scenario played; standard error is then emptied for the next run. */
    private void assertRefusedBeforeAnythingStarted(int code, String... message) {
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(message).doesNotContain("\tat ").doesNotContain("calibrating")
                .doesNotContain("test launcher");
        assertThat(launches).as("Toxiproxy launches").hasValue(0);
        assertThat(outDir.resolve("s")).doesNotExist();
        if (!Files.isRegularFile(outDir)) {
            assertThat(outDir).as("the output folder is made only once the run starts").doesNotExist();
        }
        assertThat(out.toString()).doesNotContain("verdict");
        err.getBuffer().setLength(0);
    }

    /** {@code livetalk ARGS} (no --out added) with the counting launcher; returns the exit code. */
    private int runExactly(String... args) {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.toxiproxyLauncher = url -> {
            launches.incrementAndGet();
            throw new HarnessFailure("test launcher: Toxiproxy was asked for", null);
        };
        return commandLine.execute(args);
    }

    /** An empty path is no folder: {@code --out ""} would write the report into the current folder. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", " "})
    void shouldRefuseAnEmptyOut(String empty) {
        int code = runExactly("run", scenario.toString(), "--out", empty);

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--out", "'" + empty + "' is empty: a path must name a file or folder")
                .doesNotContain("\tat ");
        assertThat(launches).as("Toxiproxy launches").hasValue(0);
    }

    /** Two runs into one folder at once would lose one's results: the second is refused while the first holds it. */
    @Test
    void shouldRefuseAnOutputFolderAnotherRunHolds() throws Exception {
        Files.createDirectories(outDir);
        java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(outDir.resolve(LOCK),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        try {
            assertThat(held.tryLock()).as("locked here, as a run holds its folder").isNotNull();
            int code = run();

            assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(err.toString()).contains("--out " + outDir + " is in use: another livetalk run or report is"
                    + " writing into it").doesNotContain("\tat ");
            assertThat(launches).as("Toxiproxy launches").hasValue(0);
        } finally {
            held.close();
        }
        assertThat(run()).as("once the folder is let go, a run takes it: " + err)
                .isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(launches).hasValue(1);
    }

    /** The same, the folder held by another process (a lock of the operating system's). */
    @Test
    void shouldRefuseAnOutputFolderAnotherProcessHolds() throws Exception {
        Files.createDirectories(outDir);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                outDir.resolve(LOCK).toString()).redirectErrorStream(true).start();
        try (var said = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
            assertThat(said.readLine()).isEqualTo("locked");

            assertThat(run()).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(err.toString()).contains("is in use: another livetalk run or report is writing into it");
            assertThat(launches).hasValue(0);
        } finally {
            holder.getOutputStream().close(); // the holder ends at the end of its input
            holder.waitFor();
        }
    }

    /** The seam works: with valid arguments the run does ask for Toxiproxy (and the test launcher stops it). */
    @Test
    void shouldAskForToxiproxyWhenEveryArgumentIsValid() {
        assertThat(run("--strategies", "reconcile")).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(launches).hasValue(1);
        assertThat(err.toString()).contains("test launcher").doesNotContain("\tat ");
    }

    /** A shard whose work is all in the simulator never asks for Toxiproxy; the other shard does. */
    @Test
    void shouldNotStartToxiproxyForAShardWithoutToxiproxyWork() throws Exception {
        Files.writeString(scenario, TOXIPROXY_SCENARIO + "strategies: [reconcile]\n");
        Path sim = Files.writeString(dir.resolve("sim.yaml"), "network: sim\n" + SimOutage.YAML);
        // units: s reconcile (shard 1), sim-outage event-only (shard 2), sim-outage reconcile (shard 1)
        assertThat(run(sim.toString(), "--shard", "2/2")).as(err.toString()).isZero();
        assertThat(launches).hasValue(0);
        assertThat(outDir.resolve("s")).doesNotExist();
        assertThat(outDir.resolve("sim-outage/results.json")).content().contains("\"strategy\" : \"event-only\"")
                .doesNotContain("\"strategy\" : \"reconcile\"");
        assertThat(run(sim.toString(), "--shard", "1/2")).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(launches).hasValue(1);
    }

    @Test
    void shouldRefuseAnUnknownStrategy() {
        assertRefusedBeforeAnythingStarted(run("--strategies", "reconcile,nope"),
                "--strategies: unknown strategy 'nope' (known: ", "reconcile", "strategies were looked for built in");
    }

    @Test
    void shouldRefuseAllInAList() {
        assertRefusedBeforeAnythingStarted(run("--strategies", "all,reconcile"),
                "--strategies: 'all' stands alone, not in a list: all,reconcile");
    }

    /** A list of no names ({@code ,} splits into none) played no scenario and passed with exit 0. */
    @Test
    void shouldRefuseAListOfNoStrategies() {
        assertRefusedBeforeAnythingStarted(run("--strategies", ","),
                "--strategies names no strategy: give NAME[,NAME...] or all");
    }

    /** A strategy named twice would play twice into one folder and fail at the report, after the whole run. */
    @Test
    void shouldRefuseAStrategyNamedTwice() {
        assertRefusedBeforeAnythingStarted(run("--strategies", "reconcile,event-only,reconcile"),
                "--strategies: 'reconcile' is named twice: reconcile,event-only,reconcile");
    }

    /** With the real launcher and a Toxiproxy URL that would fail: the strategy is refused first. */
    @Test
    void shouldRefuseAnUnknownStrategyBeforeConnectingToTheGivenToxiproxy() {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute("run", scenario.toString(), "--out", outDir.toString(), "--toxiproxy",
                "http://127.0.0.1:1", "--strategies", "nope");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("unknown strategy 'nope'").doesNotContain("Toxiproxy answers");
    }

    @Test
    void shouldRefuseAMissingBaseline() {
        Path missing = dir.resolve("no-such-run");
        assertRefusedBeforeAnythingStarted(run("--baseline", missing.toString()),
                "--baseline: no such file or folder: " + missing);
    }

    @Test
    void shouldRefuseABaselineThatIsNoResults() throws Exception {
        Path garbage = Files.writeString(dir.resolve("results.json"), "{\"version\": 99}");
        assertRefusedBeforeAnythingStarted(run("--baseline", garbage.toString()), "--baseline: ", "version");
    }

    @Test
    void shouldRefuseAMissingCalibration() {
        Path missing = dir.resolve("calibration.json");
        assertRefusedBeforeAnythingStarted(run("--calibration", missing.toString()),
                "--calibration: cannot read " + missing + " (no such file or folder)");
    }

    @Test
    void shouldRefuseAnInvalidCalibration() throws Exception {
        Path bad = Files.writeString(dir.resolve("calibration.json"), "[1, 2]");
        assertRefusedBeforeAnythingStarted(run("--calibration", bad.toString()), "--calibration: " + bad + ": ",
                "not a calibration");
    }

    @Test
    void shouldRefuseNoCalibrationWithACalibration() throws Exception {
        Path file = Files.writeString(dir.resolve("calibration.json"), "{}");
        assertRefusedBeforeAnythingStarted(run("--no-calibration", "--calibration", file.toString()),
                "--no-calibration and --calibration " + file + " exclude each other");
    }

    @Test
    void shouldRefuseAnOutputFolderThatIsAFile() throws Exception {
        Files.writeString(outDir, "a file");
        assertRefusedBeforeAnythingStarted(run(), "--out must name a folder to write into, but " + outDir + " is a file");
    }

    @Test
    void shouldRefuseAnOutputFolderThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "a file");
        outDir = file.resolve("out");
        assertRefusedBeforeAnythingStarted(run(), "--out must name a folder that exists or can be created: " + outDir
                + " cannot be created");
    }

    @Test
    void shouldRefuseABadSeedRange() {
        assertRefusedBeforeAnythingStarted(run("--network", "sim", "--seeds", "9..3"),
                "--seeds: a seed range must not be empty: 9..3");
        assertRefusedBeforeAnythingStarted(run("--network", "sim", "--seeds", "one..ten"),
                "--seeds: seeds must be FIRST..LAST with whole numbers, like 1..1000: 'one..ten'");
    }

    @Test
    void shouldRefuseASweepOutsideTheSimulatorOrWithABaselineOrTraces() {
        assertRefusedBeforeAnythingStarted(run("--seeds", "1..5"),
                "--seeds sweeps in the simulator: add --network sim (scenario s is on toxiproxy)");
        assertRefusedBeforeAnythingStarted(run("--network", "sim", "--seeds", "1..5", "--baseline", dir.toString()),
                "--baseline " + dir + " compares one run, not a --seeds sweep");
        assertRefusedBeforeAnythingStarted(run("--network", "sim", "--seeds", "1..5", "--otlp", "t.jsonl"),
                "--otlp t.jsonl writes the traces of one run, not of a --seeds sweep");
    }

    @Test
    void shouldRefuseAnOtlpFileThatCannotBeWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "a file");
        assertRefusedBeforeAnythingStarted(run("--otlp", file.resolve("traces.jsonl").toString()),
                "--otlp " + file.resolve("traces.jsonl") + ": cannot write the traces there");
        assertRefusedBeforeAnythingStarted(run("--otlp-epoch", "2026-01-01T00:00:00Z"),
                "--otlp-epoch 2026-01-01T00:00:00Z needs --otlp FILE");
        assertRefusedBeforeAnythingStarted(run("--otlp", dir.resolve("t.jsonl").toString(), "--otlp-epoch", "noon"),
                "--otlp-epoch: 'noon' is not an instant such as 2026-01-01T00:00:00Z");
    }

    /**
     * A baseline in --out had its interval logs replaced by the run's before the gate read them: a
     * latency compared with itself passed.
     */
    @Test
    void shouldRefuseABaselineInTheOutputFolder() throws Exception {
        Path sim = Files.writeString(dir.resolve("sim.yaml"), "network: sim\n" + SimOutage.YAML);
        assertThat(runExactly("run", sim.toString(), "--out", outDir.toString(), "-q")).as(err.toString()).isZero();
        Path earlier = outDir.resolve("sim-outage/results.json");
        String before = Files.readString(earlier);

        int code = run("--baseline", outDir.toString());
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--baseline " + outDir + " is in --out " + outDir + ", which this run"
                + " writes its results and interval logs into before it compares them with the baseline's");
        assertThat(launches).hasValue(0);
        assertThat(earlier).content().isEqualTo(before);
        err.getBuffer().setLength(0);
        assertThat(run("--baseline", earlier.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--baseline " + earlier + " is in --out");
    }

    /** An --otlp file the run writes itself was replaced at its end, the traces gone, with exit 0. */
    @Test
    void shouldRefuseAnOtlpFileThatTheRunWritesItself() {
        assertRefusedBeforeAnythingStarted(run("--otlp", outDir.resolve("summary.md").toString()),
                "--otlp " + outDir.resolve("summary.md") + ": the run writes its own summary.md there, in --out "
                        + outDir + ", and would replace the traces: give a file of its own ("
                        + outDir.toAbsolutePath().normalize().resolve("traces.jsonl") + ", say)");
        assertRefusedBeforeAnythingStarted(run("--otlp", outDir.resolve("s/results.json").toString()),
                "--otlp " + outDir.resolve("s/results.json") + ": the run writes its own s there");
        assertRefusedBeforeAnythingStarted(run("--otlp", outDir.resolve("x/../charts/t.jsonl").toString()),
                "the run writes its own charts there");

        run("--otlp", outDir.resolve("traces.jsonl").toString());
        assertThat(err.toString()).doesNotContain("writes its own").contains("test launcher");
    }

    /**
     * An --otlp file the run writes itself, named through a link (here to --out's parent), was
     * taken: the names differed, so the summary replaced the traces.
     */
    @Test
    void shouldRefuseAnOtlpFileThatTheRunWritesItselfNamedThroughALink() throws Exception {
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir);
        Path summary = alias.resolve("out/summary.md");
        assertRefusedBeforeAnythingStarted(run("--otlp", summary.toString()),
                "--otlp " + summary + ": the run writes its own summary.md there, in --out " + outDir);
    }

    /** Tolerances are checked also without --baseline, where they would do nothing. */
    @Test
    void shouldRefuseToleranceOutOfRange() {
        assertRefusedBeforeAnythingStarted(run("--latency-tolerance", "-5"), "--latency-tolerance must be a finite number of percent >= 0: -5");
        assertRefusedBeforeAnythingStarted(run("--count-tolerance", "-1"), "--count-tolerance must be >= 0: -1");
        assertRefusedBeforeAnythingStarted(run("--latency-tolerance", "lots"), "--latency-tolerance", "lots");
        assertRefusedBeforeAnythingStarted(run("--latency-tolerance", "Infinity"),
                "--latency-tolerance must be a finite number of percent >= 0: Infinity");
    }

    /** A malformed --toxiproxy is refused before anything starts, also where the run would not use it. */
    @Test
    void shouldRefuseAMalformedToxiproxyUrl() {
        assertRefusedBeforeAnythingStarted(run("--toxiproxy", "notaurl"),
                "--toxiproxy must be an http URL with host and port, like http://127.0.0.1:8474: notaurl");
        assertRefusedBeforeAnythingStarted(run("--toxiproxy", "http://example.com:8474"),
                "--toxiproxy must point to this machine");
        assertRefusedBeforeAnythingStarted(run("--network", "sim", "--toxiproxy", "notaurl"), "--toxiproxy", "notaurl");
    }

    @Test
    void shouldRefuseAnInvalidScenarioFile() throws Exception {
        Files.writeString(scenario, TOXIPROXY_SCENARIO.replace("duration: 1s", "duration: forever"));
        assertRefusedBeforeAnythingStarted(run(), "invalid scenarios, nothing was run:", "s.yaml:", "forever");
    }

    @Test
    void shouldRefuseAScenarioFileThatDoesNotExist() {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such scenario file or folder: " + dir.resolve("nope.yaml"));
    }
}
