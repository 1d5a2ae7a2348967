package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.metrics.gate.RunStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk run} in the simulator: the exit code, the console, {@code junit.xml},
 * {@code summary.md} and {@code index.html} all follow one verdict; an interrupted run says
 * so, keeps what it finished and exits 130 or 143.
 */
class RunVerdictTest extends CommandLineTest {
    private static final String SCENARIO = """
            name: %s
            seed: 4
            duration: %s
            warmup: 500ms
            quiesce: 2s
            users: {count: %d, prefix: user}
            rooms:
              - name: lobby
                members: all
            load:
              rate: 4
            strategies: [event-only, reconcile]
            faults:
              - type: down
                at: 1s
                for: 1s
                target: all
            budgets:
            %s
            """;

    @TempDir
    Path dir;

    private Path scenario(Path folder, String name, String duration, int users, String budgets) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".yaml");
        Files.writeString(file, SCENARIO.formatted(name, duration, users, budgets.indent(2)));
        return file;
    }

    @Test
    void shouldExitZeroWithNoJunitFailureAnywhereThoughTheComparisonStrategyBreaksInvariants() throws Exception {
        Path outDir = dir.resolve("out");
        Path file = scenario(dir, "passing", "4s", 4, "- lost == 0 for reconcile\n- converged == 100% for reconcile");

        assertThat(run("run", file.toString(), "--network", "sim", "--out", outDir.toString())).as(err.toString())
                .isZero();

        for (Path junit : new Path[]{outDir.resolve("junit.xml"), outDir.resolve("passing/junit.xml")}) {
            String xml = Files.readString(junit);
            validate(xml);
            assertThat(xml).as(junit.toString()).contains("failures=\"0\" errors=\"0\">").doesNotContain("<failure")
                    .contains("<skipped message=\"not gated: lost == 0 broken, observed ");
        }
        assertThat(out.toString()).endsWith("verdict: PASS (every budget holds: 2 strategy runs in 1 scenario)\n").doesNotContain("failed (");
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: PASS");
        assertThat(outDir.resolve("index.html")).content().contains("id=\"verdict\">PASS:");
    }

    @Test
    void shouldPrintEveryFailedBudgetAndRegressionBeforeTheVerdictAndFailAsManyJunitCases() throws Exception {
        Path baselineDir = dir.resolve("baseline");
        Path file = scenario(dir, "failing", "4s", 4, "- lost == 0 for event-only\n- peer-final p(99) < 1ms for reconcile");
        run("run", file.toString(), "--network", "sim", "--out", baselineDir.toString());
        lowerLostOfEventOnlyToZero(baselineDir.resolve("failing/results.json"));
        out.getBuffer().setLength(0);
        Path outDir = dir.resolve("out");

        int code = run("run", file.toString(), "--network", "sim", "--out", outDir.toString(), "--baseline",
                baselineDir.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BUDGET_FAILED.code());
        String console = out.toString();
        assertThat(console).contains("failed (3):\n",
                        "  failing / event-only (seed 4): budget `lost == 0 for event-only`: lost = ",
                        "  failing / reconcile (seed 4): budget `peer-final p(99) < 1ms for reconcile`: peer-final p(99) = ",
                        "  failing / event-only (seed 4): regression: event-only lost: ")
                .containsPattern("regression: event-only lost: \\d+ vs 0 in the baseline \\(\\+\\d+, tolerance \\+0, p [0-9.e-]+ of count noise, needs < 0.001\\): regression")
                .endsWith("verdict: FAIL (2 failed budgets, 1 regression, listed above)\n");
        assertThat(console.indexOf("failed (3)")).isLessThan(console.indexOf("report: "));
        assertThat(console.indexOf("report: ")).isLessThan(console.indexOf("verdict: FAIL"));
        String junit = Files.readString(outDir.resolve("junit.xml"));
        validate(junit);
        assertThat(junit).contains("<testsuites name=\"livetalk\" tests=").contains("failures=\"3\" errors=\"0\">");
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: FAIL")
                .contains("2 budget failures", "1 regression against the baseline");
    }

    /**
     * The in-process seam: the signal handed in once the second of three scenarios started
     * (its fault schedule is written first); it stops before its next strategy.
     */
    @Test
    void shouldStopOnSigintKeepTheFinishedScenariosSaySoAndExit130() throws Exception {
        Path scenarios = dir.resolve("scenarios");
        scenario(scenarios, "a-first", "3s", 4, "- lost == 0 for reconcile");
        scenario(scenarios, "b-second", "30s", 30, "- lost == 0 for reconcile");
        scenario(scenarios, "c-third", "30s", 30, "- lost == 0 for reconcile");
        Path outDir = dir.resolve("out");
        AtomicReference<RunInterruption> trapped = new AtomicReference<>();
        Thread signaller = new Thread(() -> signalWhenWritten(trapped, outDir.resolve("b-second/fault-schedule.json"),
                RunStop.Cause.SIGINT), "test-signaller");
        signaller.start();

        int code = runWithSignals(trapped, "run", scenarios.toString(), "--network", "sim", "--out", outDir.toString());
        signaller.join();

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INTERRUPTED_SIGINT.code());
        assertThat(err.toString()).contains("livetalk: interrupted by SIGINT: stopping the run");
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.SIGINT);
        assertThat(stop.finished()).containsExactly("a-first");
        assertThat(stop.during()).startsWith("scenario b-second");
        assertThat(outDir.resolve("a-first/results.json")).isNotEmptyFile();
        assertThat(outDir.resolve("b-second/results.json")).doesNotExist();
        assertThat(outDir.resolve("c-third")).doesNotExist();
        assertThat(out.toString()).contains("a-first", "stopped: interrupted by SIGINT during scenario b-second")
                .endsWith("verdict: INTERRUPTED (interrupted by SIGINT)\n");
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: INTERRUPTED");
        assertThat(outDir.resolve("index.html")).content().contains("The run stopped early: interrupted by SIGINT");
        String junit = Files.readString(outDir.resolve("junit.xml"));
        validate(junit);
        assertThat(junit).contains("<error message=\"interrupted by SIGINT during scenario b-second",
                "finished scenarios: a-first\"/>");

        out.getBuffer().setLength(0);
        assertThat(run("report", outDir.toString(), "--out", dir.resolve("again").toString())).as(err.toString())
                .isEqualTo(ExitCode.INTERRUPTED_SIGINT.code());
        assertThat(out.toString()).startsWith("scenario ").contains("a-first ",
                        "stopped: interrupted by SIGINT during scenario b-second",
                        "report: " + dir.resolve("again/index.html").toAbsolutePath().normalize())
                .endsWith("verdict: INTERRUPTED (interrupted by SIGINT)\n");
        assertThat(dir.resolve("again/index.html")).content().contains("The run stopped early: interrupted by SIGINT");
    }

    @Test
    void shouldExit143OnSigtermBeforeAnyScenarioFinishedAndStillSaySo() throws Exception {
        Path file = scenario(dir, "only", "30s", 30, "- lost == 0 for reconcile");
        Path outDir = dir.resolve("out");
        AtomicReference<RunInterruption> trapped = new AtomicReference<>();
        Thread signaller = new Thread(() -> signalWhenWritten(trapped, outDir.resolve("only/fault-schedule.json"),
                RunStop.Cause.SIGTERM), "test-signaller");
        signaller.start();

        int code = runWithSignals(trapped, "run", file.toString(), "--network", "sim", "--out", outDir.toString());
        signaller.join();

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INTERRUPTED_SIGTERM.code());
        assertThat(out.toString()).endsWith("verdict: INTERRUPTED (interrupted by SIGTERM)\n");
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.finished()).isEmpty();
        // stopped inside the scenario's play, not after it: the stop says so and no results of it were written (told
        // by what was written, not by the wall clock: the whole run's time was held under the 20 s grace period, a
        // bound a loaded machine can pass and a finished 30 s simulation need not)
        assertThat(stop.during()).startsWith("scenario only");
        assertThat(outDir.resolve("only/results.json")).doesNotExist();
        assertThat(outDir.resolve(RunStop.FILE)).content().contains("SIGTERM");
        validate(Files.readString(outDir.resolve("junit.xml")));
    }

    /** Runs the command line with the test handing in signals instead of the process. */
    private int runWithSignals(AtomicReference<RunInterruption> trapped, String... args) {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.signals = interruption -> {
            trapped.set(interruption);
            return () -> { };
        };
        run.halt = code -> {
            throw new AssertionError("the run did not stop within the grace period; it would have exited " + code);
        };
        return commandLine.execute(args);
    }

    /** Polls (deadline 60 s) until {@code file} exists, then hands in {@code signal}. */
    private static void signalWhenWritten(AtomicReference<RunInterruption> trapped, Path file, RunStop.Cause signal) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && (trapped.get() == null || !Files.exists(file))) {
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        if (trapped.get() != null) {
            trapped.get().onSignal(signal);
        }
    }

    private static void lowerLostOfEventOnlyToZero(Path results) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode doc = mapper.readTree(results.toFile());
        for (JsonNode strategy : doc.get("strategies")) {
            if (strategy.get("strategy").asText().equals("event-only")) {
                ((ObjectNode) strategy.get("correctness")).put("lost", 0);
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(results.toFile(), doc);
    }

    /** Validates against the Jenkins xUnit plugin's JUnit schema kept in the metrics module's tests. */
    static void validate(String xml) throws Exception {
        Path xsd = Path.of("../metrics/src/test/resources/dev/livetalk/metrics/results/junit-10.xsd");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile()).newValidator()
                .validate(new StreamSource(new java.io.StringReader(xml)));
    }
}
