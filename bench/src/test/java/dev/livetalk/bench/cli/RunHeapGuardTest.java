package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.run.MemoryGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk run} whose heap guard trips (injected: the test trips it, nothing is
 * allocated): the strategy in progress ends early and is measured, no later strategy or
 * scenario plays, the report says why, and the run exits 4.
 */
class RunHeapGuardTest extends CommandLineTest {
    private static final String SCENARIO = """
            name: %s
            seed: 4
            duration: 4s
            warmup: 500ms
            quiesce: 2s
            users: {count: 4, prefix: user}
            rooms:
              - name: lobby
                members: all
            load:
              rate: 4
            strategies: [reconcile, event-only]
            """;

    @TempDir
    Path dir;

    /** Two scenarios in {@code dir/scenarios}, a-first and b-second; the folder. */
    private Path twoScenarios() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a-first.yaml"), SCENARIO.formatted("a-first"));
        Files.writeString(scenarios.resolve("b-second.yaml"), SCENARIO.formatted("b-second"));
        return scenarios;
    }

    /** The command line, its output in {@code out} and {@code err}, whose run's heap guard is tripped from the start. */
    private CommandLine withFullHeap() {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.memoryGuards = () -> new MemoryGuard((share, exceeded) -> {
            exceeded.accept(FULL); // full from the start
            return () -> { };
        }, MemoryGuard.DEFAULT_SHARE);
        return commandLine;
    }

    /** A heap 92% full of 12 GB after a collection: what the tests trip the guard with. */
    private static final MemoryGuard.HeapUse FULL = new MemoryGuard.HeapUse(11L << 30, 12L << 30);

    /** {@code run}'s heap guard, tripped when the test hands {@link #FULL} to what {@code trip} holds. */
    private static void trippedBy(RunCommand run, AtomicReference<Consumer<MemoryGuard.HeapUse>> trip) {
        run.memoryGuards = () -> new MemoryGuard((share, exceeded) -> {
            trip.set(exceeded);
            return () -> { };
        }, MemoryGuard.DEFAULT_SHARE);
    }

    /**
     * The command line, its output in {@code out} and {@code err}, that runs {@code then} each time standard
     * error is flushed once it has told {@code marker}.
     */
    private CommandLine whenTold(String marker, Runnable then) {
        StringBuilder told = new StringBuilder();
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                err.write(buffer, offset, length);
                told.append(buffer, offset, length);
            }

            @Override
            public void flush() {
                if (told.indexOf(marker) >= 0) {
                    then.run();
                }
            }

            @Override
            public void close() {
            }
        }, true));
        return commandLine;
    }

    @Test
    void aFullHeapStopsTheRunEarlyWithItsReportAndExit4() throws Exception {
        Path scenarios = twoScenarios();
        Path outDir = dir.resolve("out");

        int code = withFullHeap().execute("run", scenarios.toString(), "--network", "sim", "--out", outDir.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.HEAP_EXHAUSTED.code()).isEqualTo(4);
        assertThat(err.toString()).contains("a-first reconcile: stopping early: heap used 92% of max 12.0 GB in the"
                + " first minute", "livetalk: scenario a-first, strategy reconcile: heap used 92%");
        // the stop is said once, not "stopped: stopped early: ..." (its reason no longer opens with it)
        assertThat(out.toString() + err).doesNotContain("stopped: stopped", "(stopped early:");
        assertThat(out.toString()).endsWith("verdict: STOPPED EARLY (heap used 92% of max 12.0 GB in"
                + " the first minute; a longer soak needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients)\n");
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.HEAP_EXHAUSTED);
        assertThat(stop.during()).isEqualTo("scenario a-first, strategy reconcile");
        assertThat(outDir.resolve("a-first/results.json")).content().contains("\"heap-exhausted\"")
                .contains("\"strategy\" : \"reconcile\"").doesNotContain("\"strategy\" : \"event-only\"");
        assertThat(outDir.resolve("b-second")).doesNotExist();
        assertThat(outDir.resolve("summary.md")).content().startsWith("## LiveTalk Chaos Bench: STOPPED EARLY");
        assertThat(err.toString()).as("rooms this small fit any heap").doesNotContain("livetalk: warning");
    }

    /**
     * A seed sweep whose heap guard trips stops as on a signal (the seeds in progress abandoned), writes
     * what finished with the stop marker, and exits 4; before, it ended in an OutOfMemoryError.
     */
    @Test
    void aFullHeapStopsASeedSweepWithItsReportAndExit4() throws Exception {
        Path scenarios = twoScenarios();
        Path outDir = dir.resolve("out");

        int code = withFullHeap().execute("run", scenarios.toString(), "--network", "sim", "--seeds", "1..4",
                "--out", outDir.toString());

        assertThat(code).as(out.toString() + err).isEqualTo(ExitCode.HEAP_EXHAUSTED.code());
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.HEAP_EXHAUSTED);
        assertThat(stop.during()).isEqualTo("scenario a-first (no seed finished)");
        assertThat(stop.finished()).isEmpty();
        assertThat(stop.detail()).startsWith("heap used 92% of max 12.0 GB; the sweep plays ")
                .endsWith(" at once: give it more heap (LIVETALK_JAVA_OPTS=-Xmx...) or a shorter scenario");
        assertThat(out.toString()).contains("\nverdict: STOPPED EARLY (heap used 92% of max 12.0 GB; the sweep plays ");
        assertThat(outDir.resolve(SweepResults.JSON)).exists();
        assertThat(err.toString()).doesNotContain("OutOfMemoryError", "Exception");
    }

    /**
     * The guard trips once the first scenario's sweep is whole (its last progress line told): the
     * second scenario stops before any seed, the first is kept whole and named finished, exit 4.
     */
    @Test
    void aHeapFullAfterTheFirstScenarioStopsTheSweepInTheSecond() throws Exception {
        Path scenarios = twoScenarios();
        Path outDir = dir.resolve("out");
        AtomicReference<Consumer<MemoryGuard.HeapUse>> trip = new AtomicReference<>();
        CommandLine commandLine = whenTold("a-first              sweep  seed 2: 4 of 4 runs done",
                () -> trip.get().accept(FULL));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        trippedBy(run, trip);

        int code = commandLine.execute("run", scenarios.toString(), "--network", "sim", "--seeds", "1..2",
                "--out", outDir.toString());

        assertThat(code).as(out.toString() + err).isEqualTo(ExitCode.HEAP_EXHAUSTED.code());
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.HEAP_EXHAUSTED);
        assertThat(stop.during()).isEqualTo("scenario b-second (no seed finished)");
        assertThat(stop.finished()).containsExactly("a-first");
        assertThat(SweepResults.read(outDir)).singleElement().satisfies(sweep -> {
            assertThat(sweep.scenario()).isEqualTo("a-first");
            assertThat(sweep.runs()).isEqualTo(4);
        });
        assertThat(err.toString()).doesNotContain("b-second             sweep", "Exception");
    }

    /**
     * A signal and a full heap together (the signal first, then the guard tripped from the start): the
     * sweep stops once, told as the signal (130, SIGINT in stopped.json), with no stack trace.
     */
    @Test
    void aSignalAndAFullHeapStopASeedSweepAsTheSignal() throws Exception {
        Path scenarios = twoScenarios();
        Path outDir = dir.resolve("out");
        CommandLine commandLine = withFullHeap();
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.signals = interruption -> {
            interruption.onSignal(RunStop.Cause.SIGINT);
            return () -> { };
        };
        run.halt = code -> {
            throw new AssertionError("halted with " + code);
        };

        int code = commandLine.execute("run", scenarios.toString(), "--network", "sim", "--seeds", "1..4",
                "--out", outDir.toString());

        assertThat(code).as(out.toString() + err).isEqualTo(ExitCode.INTERRUPTED_SIGINT.code());
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.SIGINT);
        assertThat(stop.during()).isEqualTo("scenario a-first (not started)");
        assertThat(out.toString()).contains("verdict: INTERRUPTED (interrupted by SIGINT)");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    /**
     * The heap guard trips and a signal comes as the first seed is done (both interrupt the sweep's
     * thread): the sweep stops once, with the seeds finished, told as the signal (130).
     */
    @Test
    void aHeapTripAndASignalAsASeedEndsStopTheSweepOnceAsTheSignal() throws Exception {
        Path scenarios = twoScenarios();
        Path outDir = dir.resolve("out");
        AtomicReference<Consumer<MemoryGuard.HeapUse>> trip = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<RunInterruption> trapped =
                new java.util.concurrent.atomic.AtomicReference<>();
        CommandLine commandLine = whenTold("a-first              sweep  seed 1:", () -> {
            RunInterruption interruption = trapped.getAndSet(null);
            if (interruption != null) {
                trip.get().accept(FULL);
                interruption.onSignal(RunStop.Cause.SIGINT);
            }
        });
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.sweepClock = () -> 0; // only the first line and each scenario's last are told
        trippedBy(run, trip);
        run.signals = interruption -> {
            trapped.set(interruption);
            return () -> { };
        };
        run.halt = code -> {
            throw new AssertionError("halted with " + code);
        };

        int code = commandLine.execute("run", scenarios.toString(), "--network", "sim", "--seeds", "1..40",
                "--out", outDir.toString());

        assertThat(code).as(out.toString() + err).isEqualTo(ExitCode.INTERRUPTED_SIGINT.code());
        RunStop stop = RunStop.read(outDir.resolve(RunStop.FILE));
        assertThat(stop.cause()).isEqualTo(RunStop.Cause.SIGINT);
        assertThat(stop.during()).startsWith("scenario a-first (seeds 1..");
        assertThat(stop.finished()).isEmpty();
        assertThat(err.toString()).doesNotContain("Exception", "\tat ", "b-second");
    }

    @Test
    void aRoomTooLargeForTheHeapIsToldBeforeThePlay() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a-first.yaml"), SCENARIO.formatted("a-first"));
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.maxHeap = () -> 4L << 20; // a room of 4 members for 4.5 s holds about 2 MB by its estimate, a run 39 MB

        int code = commandLine.execute("run", scenarios.toString(), "--network", "sim", "--strategies", "reconcile",
                "--out", dir.resolve("out").toString());

        assertThat(code).as(err.toString()).isZero(); // a warning: the run still plays, and the JVM's heap holds it
        String warning = "livetalk: warning: scenario a-first: measuring room lobby (4 members, about 72 messages and"
                + " 312 receipts) will hold about 2 MB of heap and the run about 39 MB, past 90% of the maximum heap"
                + " of 4 MB";
        assertThat(err.toString()).as("told before the play's first line").startsWith(warning);
    }

    @Test
    void theHelpListsTheExitCode() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("  4   stopped early: the harness's heap passed 90% of its maximum");
    }
}
