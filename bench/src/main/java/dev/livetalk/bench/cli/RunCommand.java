package dev.livetalk.bench.cli;

import dev.livetalk.bench.calibrate.CalibrationSettings;
import dev.livetalk.bench.calibrate.Calibrator;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.gate.BaselineComparison;
import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.run.MemoryGuard;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.otlp.OtlpTraceFile;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.metrics.results.JunitXmlWriter;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.Shard;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.reports.Baseline;
import dev.livetalk.reports.CalibrationText;
import dev.livetalk.reports.ReportWriter;
import dev.livetalk.reports.RunFolder;
import dev.livetalk.reports.VersionComparison;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.network.ToxiproxyBackend;
import dev.livetalk.network.ToxiproxySettings;
import dev.livetalk.run.RoomHeapEstimate;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SeedSweep;
import dev.livetalk.simulator.SimBackend;
import dev.livetalk.simulator.SimSettings;
import dev.livetalk.simulator.SweepInterrupted;
import dev.livetalk.simulator.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * {@code livetalk run}: plays scenarios once per strategy through a real Toxiproxy, measures
 * each run, writes the results and exits with the code of the run's {@link Verdict}. On SIGINT
 * or SIGTERM it stops ({@link RunInterruption}), keeps the scenarios it finished (a
 * {@code --seeds} sweep: the seeds), marks the run as stopped ({@link RunStop#FILE}) and exits
 * 130 or 143.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Play scenarios through Toxiproxy or the simulator, once per strategy, and judge them.",
            "Writes per scenario results.json, junit.xml, fault-schedule.json, STRATEGY.hlog and the ledger, "
            + "and for the run index.html (with charts/), summary.md and junit.xml. "
            + "Without arguments: every scenario in scenarios/, output in reports/latest/. "
            + "Every argument is checked before anything starts (exit 2 naming the value and the rule)."})
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenario files or folders (default: the project's scenarios/).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strategies", split = ",", paramLabel = "NAME",
            description = "Strategies to run instead of each scenario's own list; 'all' for every one found. A budget"
                    + " for none of them is listed as not judged; a scenario whose budgets are all for others is NOT"
                    + " JUDGED (exit 5).")
    List<String> strategies;

    @Option(names = "--seed", description = "Seed instead of each scenario's own (load, fault schedule, clients).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder, created if missing (default: the project's reports/latest/); the run holds it"
                    + " (a lock on DIR/.livetalk.lock): another run or a report into it meanwhile is refused with exit 2.")
    Path outOption;

    @Option(names = "--baseline", paramLabel = "RESULTS",
            description = "An earlier results.json, or the output folder of an earlier run: fail on a regression beyond the tolerance.")
    Path baseline;

    @Option(names = BaselinePlugins.OPTION, paramLabel = "JAR|DIR", split = ",",
            description = "Strategy jars, or folders of them, of the baseline's versions (repeatable; also"
                    + " path-separated), each in a class loader of its own: --strategies mine,mine@baseline plays"
                    + " both versions of mine on the same scenarios and seeds and judges mine against mine@baseline"
                    + " by the gate's rules on every figure (exit 99 on a regression; docs/WRITING-A-STRATEGY.md).")
    List<String> baselinePluginValues = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ToleranceOptions tolerances = new ToleranceOptions();

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--network", paramLabel = "BACKEND", converter = BackendConverter.class,
            description = "toxiproxy or sim, instead of each scenario's own network (default: the scenario's).")
    Backend network;

    @Option(names = "--seeds", paramLabel = "FIRST..LAST",
            description = "With the simulator: sweep these seeds and list those whose checks failed, each with a replay command.")
    String seeds;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Play only part K of N of the work (scenarios x strategies; with --seeds x seeds), split round"
                    + " robin in a fixed order, and write shard.json into --out; `livetalk report` merges the N output"
                    + " folders into the whole run's report and verdict (docs/SHARDING.md).")
    String shard;

    @picocli.CommandLine.Mixin
    ToxiproxyOptions toxiproxyOptions = new ToxiproxyOptions();

    @Option(names = "--strict", description = "Exit 1 when the harness's own scheduling lag made a run untrustworthy"
            + " (on a real network, more than 1%% of a strategy run's sends, and at least 3, over 10 ms late; see"
            + " results.json health).")
    boolean strict;

    @Option(names = "--no-ledger",
            description = "Do not write the ledger (ledger/STRATEGY/ per scenario: every message's story, docs/LEDGER.md)."
                    + " Saves its time and disk on long runs; `livetalk audit` and `explain` need it.")
    boolean noLedger;

    @Option(names = "--otlp", paramLabel = "FILE",
            description = "Also write every message as an OpenTelemetry trace into FILE (OTLP JSON Lines, one"
                    + " ExportTraceServiceRequest per message; every scenario and strategy of the run), for Jaeger"
                    + " or Grafana Tempo (docs/OTLP.md).")
    Path otlpPath;

    @Option(names = "--otlp-epoch", paramLabel = "INSTANT",
            description = "With --otlp: the wall-clock time at which every run's warm-up is drawn to start, as"
                    + " 2026-01-01T00:00:00Z (default: when this command started); the same seed and epoch give"
                    + " the same file.")
    String otlpEpoch;

    @Option(names = {"-q", "--quiet"},
            description = "Print only the failed budgets and regressions, harness warnings, the report's path and the"
                    + " verdict line: no progress lines, no Toxiproxy start line, no table, no calibration lines.")
    boolean quiet;

    @Option(names = "--json",
            description = "Write JSON Lines on standard output, one object per strategy run (with --seeds: per failing"
                    + " seed and strategy), schema in docs/JSON-LINES.md; the human text goes to standard error.")
    boolean json;

    @Option(names = "--no-calibration",
            description = "Skip the short calibration of the harness's own latency before Toxiproxy scenarios (about 4 s).")
    boolean noCalibration;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Use this calibration (livetalk calibrate --json FILE) instead of measuring one.")
    Path calibrationFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Where signals come from: the process's SIGINT and SIGTERM; a test hands them in itself. */
    Function<RunInterruption, Runnable> signals = RunInterruption::trapSignals;
    /**
     * The run's heap guard (at {@link MemoryGuard#DEFAULT_SHARE} of the maximum after a
     * collection); a test injects one it trips itself.
     */
    java.util.function.Supplier<MemoryGuard> memoryGuards = () -> MemoryGuard.ofJvm(MemoryGuard.DEFAULT_SHARE);
    /** The guard of the run in progress. */
    private MemoryGuard memoryGuard = MemoryGuard.NONE;

    /**
     * The maximum the heap guard trips against (the old generation's: with the Parallel collector,
     * the simulator's, a part of {@code -Xmx}), which the rooms' estimates are told against; a test
     * hands in its own.
     */
    java.util.function.LongSupplier maxHeap = MemoryGuard::watchedMax;

    /** The clock that spaces a sweep's progress lines ({@link Progress#onSeed}); a test's own. */
    java.util.function.LongSupplier sweepClock = System::nanoTime;

    /** How the process ends when a stopped run overruns its grace period; a test records it instead. */
    IntConsumer halt = code -> Runtime.getRuntime().halt(code);

    /** How Toxiproxy is found or started ({@link ToxiproxyLauncher#launch}); a test hands in its own. */
    Function<Optional<String>, ToxiproxyServer> toxiproxyLauncher = ToxiproxyLauncher::launch;

    /** The strategies this run can play: built in and plugged in ({@link Plugins}, loaded once). */
    Strategies found() {
        return plugins.strategies();
    }

    /** The baseline's versions of strategies ({@code --baseline-plugins}), loaded once. */
    private BaselinePlugins baselinePlugins;

    private BaselinePlugins baselinePlugins() {
        if (baselinePlugins == null) {
            baselinePlugins = BaselinePlugins.load(baselinePluginValues);
        }
        return baselinePlugins;
    }

    /**
     * How every scenario is played: the defaults, with the strategies {@link #found()} and the
     * baseline's versions ({@code mine@baseline}).
     */
    private RunSettings runSettings() {
        return RunSettings.DEFAULTS.withStrategies(baselinePlugins().addTo(found()));
    }

    /** The tolerance of the gate's comparisons: {@code --baseline}'s and that of two versions of a strategy. */
    private Tolerance tolerance = Tolerance.DEFAULT;

    /** Where {@code --otlp} writes, open for the whole run; {@code null} without it. */
    private OtlpTraceFile otlp;

    /** The arguments, checked ({@link #check}); set before anything starts. */
    private Checked checked;

    /**
     * What the arguments say, every one checked: made before Toxiproxy starts, calibration runs or
     * any scenario plays.
     *
     * @param scenarios    the scenarios by file, loaded and valid
     * @param strategies   per scenario's name, the strategies it plays
     * @param seeds        {@code --seeds}, if given
     * @param baseline     {@code --baseline}, loaded
     * @param calibration  {@code --calibration}, read; {@code null} without it
     * @param outDir       the output folder, writable (created when the run starts)
     * @param otlpEpoch    the epoch of {@code --otlp}'s traces
     * @param shard        {@code --shard}, {@link Shard#WHOLE} without it
     */
    private record Checked(Map<Path, Scenario> scenarios, Map<String, List<String>> strategies,
                           Optional<SeedRange> seeds, Optional<Baseline> baseline, Calibration calibration,
                           Path outDir, Instant otlpEpoch, Shard shard) {
    }

    /** How this run was started, put into every scenario's results ({@link InvocationOf}). */
    private dev.livetalk.metrics.results.Invocation invocation = dev.livetalk.metrics.results.Invocation.NOT_RECORDED;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        invocation = InvocationOf.of(spec, started);
        checked = check(started);
        if (checked.seeds().isPresent()) {
            try (OutputLock held = OutputLock.take("--out", checked.outDir())) { // another run's: refused (exit 2)
                return sweep(checked.seeds().get(), held);
            }
        }
        OtlpTraceFile traces = openOtlp(checked.otlpEpoch()); // refused (exit 2) before the folder is made
        otlp = traces;
        int code;
        try (traces; OutputLock held = OutputLock.take("--out", checked.outDir())) {
            code = run(held);
        }
        if (traces != null && traces.failure().isPresent()) {
            return otlpFailed(traces, code);
        }
        if (traces != null && !quiet) {
            spec.commandLine().getErr().printf("OTLP traces: %s (%,d traces, %,d bytes)%n",
                    traces.path().toAbsolutePath().normalize(), traces.traces(), Files.size(traces.path()));
        }
        return code;
    }

    /**
     * {@code --otlp}'s file could not be written (a full disk): the run went on without it and
     * wrote everything else (results, ledger, report); says so, and exits 1, the harness having
     * failed to write an output it was asked for, unless the run already ends with a code of its
     * own stop (interrupted, the heap, a harness failure).
     */
    private int otlpFailed(OtlpTraceFile traces, int code) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("livetalk: the harness failed: --otlp " + otlpPath + ": cannot write the traces: "
                + OutputFolder.reason(traces.failure().get()) + " (the file is incomplete; the results and the"
                + " report are written, their verdict is the measured one's)");
        err.flush();
        return code == ExitCode.OK.code() || code == ExitCode.BUDGET_FAILED.code() ? ExitCode.HARNESS_FAILURE.code()
                : code;
    }

    /** Where the human text goes: standard output, or standard error with {@code --json}. */
    private PrintWriter human() {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /**
     * Checks every argument, cheapest first, before anything starts; the first one that is wrong
     * is a {@link UsageException} naming the value and the rule (exit 2).
     */
    private Checked check(Instant started) {
        Tolerance tolerance = tolerances.tolerance();
        this.tolerance = tolerance;
        toxiproxyOptions.check();
        try {
            TraceRecorder.wholeRoomBytes(); // the measurement reads it once the run has played: refused now
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Shard part = Shard.WHOLE;
        if (shard != null) {
            try {
                part = Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--shard: " + e.getMessage());
            }
        }
        Optional<SeedRange> range = Optional.empty();
        if (seeds != null) {
            try {
                range = Optional.of(SeedRange.parse(seeds));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--seeds: " + e.getMessage());
            }
            if (otlpPath != null) {
                throw new UsageException("--otlp " + otlpPath + " writes the traces of one run, not of a --seeds sweep");
            }
            if (this.baseline != null) {
                throw new UsageException("--baseline " + this.baseline + " compares one run, not a --seeds sweep");
            }
        }
        if (otlpPath == null && otlpEpoch != null) {
            throw new UsageException("--otlp-epoch " + otlpEpoch + " needs --otlp FILE");
        }
        Instant epoch;
        try {
            epoch = otlpEpoch == null ? started : Instant.parse(otlpEpoch);
        } catch (DateTimeParseException e) {
            throw new UsageException("--otlp-epoch: '" + otlpEpoch + "' is not an instant such as 2026-01-01T00:00:00Z");
        }
        if (noCalibration && calibrationFile != null) {
            throw new UsageException("--no-calibration and --calibration " + calibrationFile + " exclude each other: give one");
        }
        Calibration calibration = calibrationFile != null ? CalibrateCommand.read(calibrationFile) : null;
        checkStrategiesOption();
        Map<Path, Scenario> scenarios = loadAll();
        Map<String, List<String>> plays = new LinkedHashMap<>();
        for (Scenario scenario : scenarios.values()) {
            if (range.isPresent() && scenario.network() != Backend.SIM) {
                throw new UsageException("--seeds sweeps in the simulator: add --network sim (scenario "
                        + scenario.name() + " is on " + scenario.network().yamlName() + ")");
            }
            plays.put(scenario.name(), strategiesOf(scenario));
        }
        checkBaselineOutside(outputFolder());
        Optional<Baseline> baseline = baseline(tolerance);
        Path outDir = OutputFolder.writable("--out", outputFolder());
        checkOtlpIsNoFileOfTheRun(outDir, plays.keySet());
        return new Checked(scenarios, plays, range, baseline, calibration, outDir, epoch, part);
    }

    /**
     * {@code --strategies}: at least one name, every name found, each once, or {@code all} alone; a baseline's
     * version ({@code mine@baseline}) only from {@code --baseline-plugins}, which then must be
     * played.
     */
    private void checkStrategiesOption() {
        boolean baselineVersions = false;
        if (strategies != null && strategies.isEmpty()) { // `--strategies ,`: it played nothing and passed, exit 0
            throw new UsageException("--strategies names no strategy: give NAME[,NAME...] or all");
        }
        if (strategies != null && !strategies.equals(List.of("all"))) {
            Set<String> named = new HashSet<>();
            for (String name : strategies) {
                if (name.equals("all")) {
                    throw new UsageException("--strategies: 'all' stands alone, not in a list: "
                            + String.join(",", strategies));
                }
                if (!named.add(name)) { // it would play twice into one folder and fail the report after the whole run
                    throw new UsageException("--strategies: '" + name + "' is named twice: "
                            + String.join(",", strategies));
                }
                if (VersionComparison.isBaseline(name)) {
                    baselinePlugins().known("--strategies", name);
                    baselineVersions = true;
                } else if (name.contains("@")) {
                    throw new UsageException("--strategies: '" + name + "': the only version a strategy's name"
                            + " takes is " + VersionComparison.SUFFIX + " (NAME" + VersionComparison.SUFFIX
                            + ", the baseline's version from " + BaselinePlugins.OPTION + " JAR)");
                } else {
                    plugins.known("--strategies", name);
                }
            }
        }
        if (!baselineVersions && baselinePlugins().given()) {
            throw new UsageException(BaselinePlugins.OPTION + " " + baselinePlugins().jarList() + ": no strategy of"
                    + " --strategies is the baseline's version: name one as NAME" + VersionComparison.SUFFIX
                    + " beside NAME (the jars provide: " + String.join(", ", baselinePlugins().names()) + ")");
        }
    }

    /**
     * {@code --otlp} names no file the run writes into {@code outDir} itself: its report, summary,
     * JUnit XML, stop and shard manifests, lock, charts and its scenarios' folders. There the run
     * replaced the traces at its end (with {@code --otlp OUT/summary.md}, the summary; the console
     * still counted the traces as written), and exited 0. Compared with the links of both
     * resolved: a name through a link was taken as another file.
     */
    private void checkOtlpIsNoFileOfTheRun(Path outDir, Set<String> scenarios) {
        if (otlpPath == null) {
            return;
        }
        Path out = realOrAbsolute(outDir);
        Path file = realOrAbsolute(otlpPath);
        if (!file.startsWith(out) || file.equals(out)) {
            return;
        }
        String first = out.relativize(file).getName(0).toString();
        Set<String> runs = new HashSet<>(scenarios);
        runs.addAll(List.of("index.html", "summary.md", "junit.xml", "charts", RunStop.FILE, ShardManifest.FILE,
                OutputLock.FILE));
        if (runs.contains(first)) {
            throw new UsageException("--otlp " + otlpPath + ": the run writes its own " + first + " there, in --out "
                    + outDir + ", and would replace the traces: give a file of its own ("
                    + outDir.toAbsolutePath().normalize().resolve("traces.jsonl") + ", say)");
        }
    }

    /**
     * Opens {@code --otlp}'s file (emptying it) before anything is played, so that a path that
     * cannot be written stops the run at once, with exit code 2.
     */
    private OtlpTraceFile openOtlp(Instant epoch) {
        if (otlpPath == null) {
            return null;
        }
        try {
            Path parent = otlpPath.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return OtlpTraceFile.create(otlpPath, epoch);
        } catch (IOException e) {
            throw new UsageException("--otlp " + otlpPath + ": cannot write the traces there: " + OutputFolder.reason(e));
        }
    }

    /** Plays the run into its output folder, which {@code held} keeps this run's. */
    private int run(OutputLock held) throws IOException, InterruptedException {
        Path outDir = held.folder();
        Optional<Baseline> baseline = checked.baseline();
        if (!quiet) {
            baseline.ifPresent(b -> human().println(b.describe(checked.strategies().keySet())));
            if (baseline.isEmpty() && playsVersions()) {
                human().println(BaselineComparison.method(tolerance) + " (each strategy S against S"
                        + VersionComparison.SUFFIX + ")");
            }
        }
        toxiproxyOptions.configureLogging(quiet);
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve(RunStop.FILE));
        ShardManifest manifest = manifest();
        forgetEarlierResults(outDir, manifest);
        Progress progress = new Progress(spec.commandLine().getErr(), quiet);
        if (!checked.shard().whole()) {
            progress.note("shard " + manifest.shard() + ": " + manifest.owned() + " of "
                    + Words.count(manifest.units(), "strategy run") + " (docs/SHARDING.md)");
            if (manifest.owned() == 0) {
                return noWork(outDir, manifest);
            }
        }
        return interruptible("run", "scenario", interruption -> {
            try (MemoryGuard guard = memoryGuards.get()) {
                memoryGuard = guard;
                return play(owned(manifest), outDir, baseline, progress, interruption);
            }
        });
    }

    /** What plays while SIGINT and SIGTERM stop it ({@link #interruptible}). */
    @FunctionalInterface
    private interface Interruptible {
        /** Plays, stopping when {@code interruption} says so; returns the exit code. */
        int play(RunInterruption interruption) throws IOException, InterruptedException;
    }

    /**
     * Plays {@code body} (a run's scenarios or a sweep's seeds) on this thread with SIGINT and
     * SIGTERM trapped for one {@link RunInterruption}, whose watchdog stands down when it returns.
     */
    private int interruptible(String noun, String unit, Interruptible body) throws IOException, InterruptedException {
        try (RunInterruption interruption = new RunInterruption(Thread.currentThread(), spec.commandLine().getErr(),
                halt, RunInterruption.GRACE, noun, unit)) {
            Runnable restoreSignals = signals.apply(interruption);
            try {
                return body.play(interruption);
            } finally {
                restoreSignals.run();
            }
        }
    }

    /**
     * Plays the scenarios one after the other, writing each finished scenario's folder at once
     * ({@code results.json}, {@code junit.xml}, logs), so that a run stopped part-way leaves the
     * results of every scenario it finished; then writes the run's report, {@code junit.xml} and,
     * when it stopped early, {@link RunStop#FILE}, and returns the verdict's exit code.
     */
    private int play(Map<Scenario, List<String>> scenarios, Path outDir, Optional<Baseline> baseline, Progress progress,
                     RunInterruption interruption) throws IOException, InterruptedException {
        List<RunFolder> runs = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        String during = "";
        Optional<RunStop> harnessStop = Optional.empty();
        boolean needsToxiproxy = scenarios.keySet().stream().anyMatch(s -> s.network() == Backend.TOXIPROXY);
        for (Scenario scenario : scenarios.keySet()) { // told now, not after an hour's play
            RoomHeapEstimate.largest(scenario, runSettings(), !noLedger)
                    .flatMap(room -> room.warning(scenario.name(), maxHeap.getAsLong()))
                    .ifPresent(spec.commandLine().getErr()::println);
        }
        Calibration calibration = checked.calibration();
        try (ToxiproxyServer toxiproxy = needsToxiproxy ? toxiproxyLauncher.apply(toxiproxyOptions.url()) : null) {
            if (needsToxiproxy && calibration == null) {
                calibration = calibrate(toxiproxy);
            }
            for (Map.Entry<Scenario, List<String>> entry : scenarios.entrySet()) {
                Scenario scenario = entry.getKey();
                if (interruption.stopped()) {
                    during = "scenario " + scenario.name() + " (not started)";
                    break;
                }
                Path folder = outDir.resolve(scenario.name());
                ResultsDocument results;
                try {
                    results = play(scenario, entry.getValue(), folder, toxiproxy, progress, calibration)
                            .withInvocation(invocation);
                    results = results.withNotJudged(notJudged(scenario),
                            judgedInOtherShards(scenario, entry.getValue(), results));
                } catch (InterruptedException | RuntimeException | IOException e) {
                    if (!interruption.stopped()) {
                        throw e;
                    }
                    interruption.stopInterrupting(); // so that the proxies and Toxiproxy close normally
                    during = progress.during(scenario.name());
                    break;
                }
                interruption.stopInterrupting();
                if (interruption.stopped()) { // a signal that ended the scenario as a failure of its proxies
                    during = progress.during(scenario.name());
                    break;
                }
                writeScenario(results, baseline, folder);
                runs.add(new RunFolder(results, folder));
                if (results.stopped() != null) {
                    harnessStop = Optional.of(harnessFailure(results, folder, finished));
                    break;
                }
                finished.add(scenario.name());
                progress.done(scenario.name());
                interruption.resumeInterrupting();
            }
        } catch (InterruptedException | RuntimeException | IOException e) {
            if (!interruption.stopped()) {
                throw e;
            }
        }
        String at = during;
        Optional<RunStop> stop = interruption.playEnded() // a signal from now on lets the report finish
                .map(cause -> new RunStop(cause, "interrupted by " + cause, at, finished));
        if (stop.isEmpty()) {
            stop = harnessStop;
        }
        if (stop.isPresent()) {
            stop.get().write(outDir);
        }
        return finish(runs, outDir, baseline, stop);
    }

    private ResultsDocument play(Scenario scenario, List<String> strategies, Path folder, ToxiproxyServer toxiproxy,
                                 Progress progress, Calibration calibration) throws IOException, InterruptedException {
        long scenarioSeed = seedOf(scenario);
        return scenario.network() == Backend.SIM
                ? new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), runSettings(), progress, !noLedger, otlp)
                        .guardedBy(memoryGuard).run(scenario, strategies, scenarioSeed, folder)
                : new ScenarioRunner(new ToxiproxyBackend(toxiproxy, ToxiproxySettings.DEFAULTS, calibration),
                        runSettings(), progress, !noLedger, otlp)
                        .guardedBy(memoryGuard).run(scenario, strategies, scenarioSeed, folder);
    }

    /** The seed a scenario plays with: {@code --seed}, else its own. */
    private long seedOf(Scenario scenario) {
        return seed != null ? seed : scenario.seed();
    }

    /**
     * The run's work numbered in the fixed order of docs/SHARDING.md (the scenarios in the run's
     * order, each with its strategies in order) and this shard's part of it, as {@code shard.json}
     * says it ({@link Shard#WHOLE}: every unit).
     */
    private ShardManifest manifest() throws IOException {
        List<String> plan = new ArrayList<>();
        List<ShardManifest.Unit> mine = new ArrayList<>();
        long unit = 0;
        for (Map.Entry<Path, Scenario> entry : checked.scenarios().entrySet()) {
            Scenario scenario = entry.getValue();
            List<String> names = checked.strategies().get(scenario.name());
            plan.add(planLine(scenario, entry.getKey(), String.valueOf(seedOf(scenario)), names));
            for (String strategy : names) {
                if (checked.shard().owns(unit)) {
                    mine.add(new ShardManifest.Unit(scenario.name(), strategy, seedOf(scenario)));
                }
                unit++;
            }
        }
        List<ShardManifest.Origin> origins = origins();
        return new ShardManifest(ShardManifest.VERSION, "run", checked.shard().toString(),
                ShardManifest.fingerprint(plan, origins), unit, mine.size(), mine, ShardManifest.thisHost(),
                baseline == null ? null : baseline.toString()).withOrigins(origins);
    }

    /** Where each strategy of the run came from (built in, or which plugin jar or baseline jar), in the run's order. */
    private List<ShardManifest.Origin> origins() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        checked.scenarios().values().forEach(s -> names.addAll(checked.strategies().get(s.name())));
        List<ShardManifest.Origin> origins = new ArrayList<>();
        for (String name : names) { // a baseline's version from its own jar (--baseline-plugins)
            origins.add(VersionComparison.isBaseline(name) ? baselinePlugins().origin(name)
                    : plugins.plugins().origins(List.of(name)).getFirst());
        }
        return origins;
    }

    /**
     * One scenario's line of a plan's fingerprint ({@link ShardManifest#fingerprint}): its name,
     * the SHA-256 of its file, its network, its seed (or seed range) and its strategies.
     */
    static String planLine(Scenario scenario, Path file, String seeds, List<String> strategies) throws IOException {
        return "scenario " + scenario.name() + " sha256 " + ShardManifest.sha256Of(file) + " network "
                + scenario.network().yamlName() + " seed " + seeds + " strategies " + String.join(",", strategies);
    }

    /** The scenarios this shard plays, in the run's order, each with its strategies of this shard. */
    private Map<Scenario, List<String>> owned(ShardManifest manifest) {
        Map<Scenario, List<String>> owned = new LinkedHashMap<>();
        for (Scenario scenario : checked.scenarios().values()) {
            List<String> strategies = manifest.work().stream().filter(u -> u.scenario().equals(scenario.name()))
                    .map(ShardManifest.Unit::strategy).toList();
            if (!strategies.isEmpty()) {
                owned.put(scenario, strategies);
            }
        }
        return owned;
    }

    /**
     * Removes what an earlier run into the same folder would let a report mix with this one's:
     * the {@code results.json} of every scenario of this run (also those another shard plays: an
     * earlier unsharded run's would otherwise be merged as this shard's), and the
     * {@code shard.json} an earlier shard left, and an earlier sweep's {@code sweep.json} and
     * {@code sweep.md} (with them {@code livetalk report} would take the folder for a sweep's);
     * then writes this shard's {@code shard.json}, or the whole run's (shard {@code 1/1}): it lists
     * the scenarios played, so that a report or audit of the folder leaves out the scenario folders
     * of other scenarios an earlier run left there ({@link ShardManifest#notPlayed}).
     */
    private void forgetEarlierResults(Path outDir, ShardManifest manifest) throws IOException {
        Files.deleteIfExists(outDir.resolve(ShardManifest.FILE));
        Files.deleteIfExists(outDir.resolve(SweepResults.JSON));
        Files.deleteIfExists(outDir.resolve(SweepResults.MARKDOWN));
        for (Scenario scenario : checked.scenarios().values()) {
            Files.deleteIfExists(outDir.resolve(scenario.name()).resolve("results.json"));
        }
        manifest.write(outDir);
    }

    /**
     * A shard with nothing to play (more shards than units): its {@code shard.json}, written, and
     * an empty {@code junit.xml} let {@code livetalk report} merge it with the others; exit 0.
     */
    private int noWork(Path outDir, ShardManifest manifest) throws IOException {
        Files.deleteIfExists(outDir.resolve("index.html")); // an earlier run's report would tell of other work
        Files.deleteIfExists(outDir.resolve("summary.md"));
        Verdict none = new Verdict(List.of(), List.of(), Optional.empty(), strict);
        Files.writeString(outDir.resolve("junit.xml"), new RunSummary(none).junitXml());
        PrintWriter human = human();
        human.println("verdict: PASS (shard " + manifest.shard() + " had no work: the run has "
                + Words.count(manifest.units(), "unit") + ")");
        human.flush();
        return ExitCode.OK.code();
    }

    /** Whether some scenario plays a strategy beside its baseline's version ({@code mine,mine@baseline}). */
    private boolean playsVersions() {
        return checked.strategies().values().stream().anyMatch(RunCommand::playsVersions);
    }

    /** Whether {@code names} hold a strategy and its baseline's version ({@code mine,mine@baseline}). */
    private static boolean playsVersions(List<String> names) {
        return names.stream()
                .anyMatch(n -> VersionComparison.isBaseline(n) && names.contains(VersionComparison.currentOf(n)));
    }

    /**
     * Whether {@code results}, this shard's part ({@code played}) of {@code scenario}, judged nothing
     * itself while the whole run judges the scenario in other shards: a budget applies to a strategy
     * of the whole run, or the whole run plays a strategy beside its baseline's version. The shard is
     * then not NOT JUDGED, as the whole run is not.
     */
    private boolean judgedInOtherShards(Scenario scenario, List<String> played, ResultsDocument results) {
        List<String> whole = checked.strategies().get(scenario.name());
        if (played.containsAll(whole) || results.strategies().stream().anyMatch(s -> !s.budgets().isEmpty())) {
            return false;
        }
        return scenario.budgets().stream().anyMatch(b -> b.appliesToAny(whole)) || playsVersions(whole);
    }

    /**
     * A finished scenario's {@code results.json} and {@code junit.xml}, judged by the one rule:
     * against {@code --baseline}, and each strategy against its baseline's version played beside it.
     */
    private void writeScenario(ResultsDocument results, Optional<Baseline> baseline, Path folder)
            throws IOException {
        List<RegressionVerdict> comparisons = new ArrayList<>(baseline
                .map(b -> b.compare(new RunFolder(results, folder))).orElse(List.of()));
        comparisons.addAll(VersionComparison.compare(new RunFolder(results, folder), tolerance));
        ResultsJson.write(results, folder.resolve("results.json"));
        Files.writeString(folder.resolve("junit.xml"), JunitXmlWriter.toXml(results, comparisons));
    }

    /**
     * The run's report and {@code junit.xml}, the console's summary (the table unless
     * {@code --quiet}, the failures, the report's path, the verdict line), the JSON lines with
     * {@code --json}, and the exit code: all from one verdict.
     */
    private int finish(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline, Optional<RunStop> stop)
            throws IOException {
        ReportWriter.Report report = runs.isEmpty() && stop.isEmpty() ? null
                : ReportWriter.writeRuns(runs, outDir, baseline, stop, strict, List.of(), tolerance);
        Verdict verdict = report != null ? report.verdict() : new Verdict(List.of(), List.of(), stop, strict);
        RunSummary summary = new RunSummary(verdict);
        Files.writeString(outDir.resolve("junit.xml"), summary.junitXml());
        Path index = report == null ? null : report.index();
        PrintWriter human = human();
        if (quiet) {
            human.print(summary.quietText(index));
        } else {
            human.println();
            if (report != null) {
                VersionComparison.lines(report.sections()).forEach(l -> human.println("versions: " + l));
            }
            human.print(summary.text(index));
        }
        human.flush();
        if (json) {
            Map<String, Path> folders = new LinkedHashMap<>();
            runs.forEach(r -> folders.put(r.scenario(), r.folder()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(JsonLines.ofRun(verdict, folders));
            out.flush();
        }
        return ExitCode.of(verdict).code();
    }

    /** The harness's own latency before the scenarios ({@link CalibrationSettings#BEFORE_RUN}), unless skipped. */
    private Calibration calibrate(ToxiproxyServer toxiproxy) throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (noCalibration) {
            return new Calibration.Skipped("--no-calibration");
        }
        if (quiet) {
            return new Calibrator(CalibrationSettings.BEFORE_RUN, toxiproxy, new PrintWriter(java.io.Writer.nullWriter()))
                    .run();
        }
        err.println("calibrating the harness's own latency (about 4 s; --no-calibration skips it)");
        Calibration calibration = new Calibrator(CalibrationSettings.BEFORE_RUN, toxiproxy, err).run();
        err.println("calibration: " + CalibrationText.summary(calibration));
        err.flush();
        return calibration;
    }

    /**
     * A scenario whose run stopped on a harness failure (its {@code results.json}, written, holds
     * the strategies that finished and why it stopped): says so, and stops the run there with
     * {@link RunStop.Cause#HARNESS_FAILURE}, or {@link RunStop.Cause#HEAP_EXHAUSTED} when the heap
     * guard ended its last strategy early; later scenarios are not played.
     */
    private RunStop harnessFailure(ResultsDocument results, Path folder, List<String> finished) {
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        err.println("livetalk: " + RunStop.Cause.lead(results.stopped().cause()) + "scenario " + results.scenario()
                + ", strategy " + results.stopped().strategy() + ": " + results.stopped().reason());
        err.println("livetalk: partial results (" + results.strategies().size() + " finished strateg"
                + (results.strategies().size() == 1 ? "y" : "ies") + ", and why the run stopped) in "
                + folder.resolve("results.json").toAbsolutePath().normalize());
        err.flush();
        return new RunStop(RunStop.Cause.of(results.stopped().cause()),
                RunStop.Cause.lead(results.stopped().cause()) + results.stopped().reason(),
                "scenario " + results.scenario() + ", strategy " + results.stopped().strategy(), finished);
    }

    private Map<Path, Scenario> loadAll() {
        List<Path> files = ScenarioFiles.expand(paths.isEmpty() ? List.of(Home.resolve("scenarios")) : paths);
        LoaderOptions options = plugins.loaderOptions();
        if (network != null) {
            options = options.withNetwork(network);
        }
        Map<Path, Scenario> scenarios = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : files) {
            try {
                Scenario scenario = ScenarioLoader.load(file, options);
                if (!names.add(scenario.name())) {
                    errors.add(file + ": scenario name '" + scenario.name() + "' is used by another file of this run");
                }
                scenarios.put(file, scenario);
            } catch (ScenarioException e) {
                e.errors().forEach(error -> errors.add(error.toString()));
            } catch (IOException e) {
                errors.add(file + ": cannot read: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            String hint = network != null && errors.stream().anyMatch(e -> e.contains(" cannot play "))
                    ? "\n(--network " + network.yamlName() + " plays only the scenarios whose faults it can play:"
                    + " name those files, or leave --network out to play each scenario on its own network)"
                    : "";
            throw new UsageException("invalid scenarios, nothing was run:\n" + String.join("\n", errors) + hint);
        }
        return scenarios;
    }

    /**
     * {@code --seeds}: every seed of the range in the simulator, per scenario, or with
     * {@code --shard} this shard's (seed, strategy) units (docs/SHARDING.md); exit 99 if a
     * budget failed for a seed ({@link dev.livetalk.metrics.gate.Verdict#failuresOf}, the one
     * rule); broken invariants are listed, not gated. Prints per scenario the seeds that failed
     * (unless {@code --quiet}), then every failed budget, the sweep report's path and the verdict
     * line; writes {@code sweep.md}, {@code sweep.json} and {@code shard.json}. On SIGINT or
     * SIGTERM ({@link RunInterruption}, as a run) it abandons the seeds in progress, keeps those
     * that finished (of the scenario in progress, its first ones: {@link SweepInterrupted}),
     * writes {@link RunStop#FILE} beside them and returns 130 or 143. So it does, returning 4, when the heap
     * guard trips or a seed's run runs out of heap ({@link RunStop.Cause#HEAP_EXHAUSTED}).
     */
    private int sweep(SeedRange range, OutputLock held) throws IOException, InterruptedException {
        PrintWriter human = human();
        Shard part = checked.shard();
        long units = 0;
        List<Long> firstUnits = new ArrayList<>();
        for (Scenario scenario : checked.scenarios().values()) {
            firstUnits.add(units);
            try {
                units = Math.addExact(units, SeedSweep.units(range, checked.strategies().get(scenario.name())));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new UsageException("--seeds " + range + ": a sweep of more runs than " + Long.MAX_VALUE
                        + " cannot be numbered: give fewer seeds");
            }
        }
        List<ShardManifest.Origin> origins = origins();
        String plan = ShardManifest.fingerprint(sweepPlan(range), origins);
        Path outDir = held.folder();
        Files.deleteIfExists(outDir.resolve(SweepResults.JSON)); // an earlier sweep's, never merged with this one's
        Files.deleteIfExists(outDir.resolve(ShardManifest.FILE)); // nor an earlier shard's, if this sweep stops early
        Files.deleteIfExists(outDir.resolve(RunStop.FILE)); // an earlier stopped run's or sweep's
        if (!part.whole() && !quiet) {
            human.println("shard " + part + ": " + Words.count(part.share(units), "simulated run") + " of the sweep's "
                    + String.format(java.util.Locale.ROOT, "%,d", units));
            human.flush();
        }
        long all = units;
        Progress progress = new Progress(spec.commandLine().getErr(), quiet, sweepClock);
        return interruptible("sweep", "seed", interruption -> {
            // heap full (its guard trips, or a seed's run runs out): the sweep stops as on a signal, exit 4
            try (MemoryGuard guard = memoryGuards.get()) {
                List<SweepReport> sweeps = new ArrayList<>();
                List<String> finished = new ArrayList<>();
                String during = "";
                Optional<RunStop> heapStop = Optional.empty();
                int index = 0;
                for (Map.Entry<Path, Scenario> entry : checked.scenarios().entrySet()) {
                    Scenario scenario = entry.getValue();
                    if (interruption.stopped()) {
                        during = "scenario " + scenario.name() + " (not started)";
                        break;
                    }
                    SweepReport sweep;
                    try {
                        sweep = new SeedSweep(SimSettings.DEFAULTS, runSettings(), Runtime.getRuntime().availableProcessors())
                                .guardedBy(guard)
                            .reportingTo(progress::onSeed)
                                .run(scenario, entry.getKey().toString(), checked.strategies().get(scenario.name()), range,
                                        part, firstUnits.get(index++));
                    } catch (SweepInterrupted e) {
                        if (!interruption.stopped() && e.heap().isEmpty()) {
                            throw e;
                        }
                        interruption.stopInterrupting(); // the seeds that finished are written below
                        during = "scenario " + scenario.name() + e.finished()
                                .map(f -> " (seeds " + f.seeds() + " of " + range + " finished)").orElse(" (no seed finished)");
                        e.finished().ifPresent(f -> sweeps.add(said(f)));
                        if (e.heap().isPresent() && !interruption.stopped()) { // a signal first is told as the signal
                            heapStop = Optional.of(new RunStop(RunStop.Cause.HEAP_EXHAUSTED, e.heap().get().sentence()
                                    + "; the sweep plays " + Words.count(Runtime.getRuntime().availableProcessors(), "seed")
                                    + " at once: give it more heap (LIVETALK_JAVA_OPTS=-Xmx...) or a shorter scenario",
                                    during, finished));
                        }
                        break;
                    }
                    interruption.stopInterrupting();
                    sweeps.add(said(sweep)); // whole even when a signal came as it ended: the next scenario stops
                    finished.add(scenario.name());
                    interruption.resumeInterrupting();
                }
                String at = during;
                Optional<RunStop> signalled = interruption.playEnded() // a signal from now on lets the results be written
                        .map(cause -> new RunStop(cause, "interrupted by " + cause, at, finished));
                Optional<RunStop> stop = signalled.isPresent() ? signalled : heapStop;
                if (stop.isPresent()) {
                    stop.get().write(outDir);
                }
                SweepResults.write(outDir, range, part, sweeps, stop);
                new ShardManifest(ShardManifest.VERSION, "sweep", part.toString(), plan, all, part.share(all), List.of())
                        .withOrigins(origins).write(outDir);
                human.print(SweepResults.ending(sweeps, range, part, outDir, stop));
                human.flush();
                return SweepResults.exitCode(sweeps, stop);
            }
        });
    }

    /**
     * Prints a scenario's sweep as it ends: its summary (unless {@code --quiet}) and, with
     * {@code --json}, the lines of its failing seeds; returns it.
     */
    private SweepReport said(SweepReport sweep) {
        if (!quiet) {
            human().println(sweep.summary());
            human().flush();
        }
        if (json) {
            spec.commandLine().getOut().print(JsonLines.ofSweep(sweep));
            spec.commandLine().getOut().flush();
        }
        return sweep;
    }

    /**
     * The lines a sweep's plan fingerprint is taken over ({@link ShardManifest#fingerprint}): per
     * scenario in the run's order its name, the SHA-256 of its file, its network, the seed range
     * and its strategies.
     */
    private List<String> sweepPlan(SeedRange range) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Path, Scenario> entry : checked.scenarios().entrySet()) {
            Scenario scenario = entry.getValue();
            try {
                lines.add(planLine(scenario, entry.getKey(), range.toString(), checked.strategies().get(scenario.name())));
            } catch (IOException e) {
                throw new UsageException(entry.getKey() + ": cannot read: " + e.getMessage());
            }
        }
        return lines;
    }

    /** {@code --out}, else {@code reports/latest/} of the project. */
    private Path outputFolder() {
        return outOption != null ? outOption : Home.resolve("reports/latest");
    }

    /**
     * The budgets of {@code scenario} that apply to none of the strategies the whole run plays (not
     * only this shard's part: another shard judges those), in budget order.
     */
    private List<dev.livetalk.metrics.results.UnjudgedBudget> notJudged(Scenario scenario) {
        return dev.livetalk.metrics.results.UnjudgedBudget.of(scenario.budgets(),
                checked.strategies().get(scenario.name()));
    }

    private List<String> strategiesOf(Scenario scenario) {
        List<String> known = found().names();
        if (strategies == null) {
            return switch (scenario.strategies()) {
                case dev.livetalk.scenarios.StrategySelection.All all -> known;
                case dev.livetalk.scenarios.StrategySelection.Named named -> named.names();
            };
        }
        if (strategies.equals(List.of("all"))) {
            return known;
        }
        return List.copyOf(strategies); // names checked by checkStrategiesOption
    }

    /**
     * {@code --baseline} is not in {@code outDir}: the run replaces its scenarios' results and
     * interval logs there before the gate reads the baseline's logs, so a latency was compared
     * with itself (with {@code --baseline} and {@code --out} the same folder, +0.0% and a pass
     * where a copy of the baseline gave two regressions and exit 99).
     */
    private void checkBaselineOutside(Path outDir) {
        if (this.baseline == null) {
            return;
        }
        Path out = realOrAbsolute(outDir);
        if (realOrAbsolute(this.baseline).startsWith(out)) {
            throw new UsageException("--baseline " + this.baseline + " is in --out " + outDir + ", which this run"
                    + " writes its results and interval logs into before it compares them with the baseline's: copy"
                    + " the baseline to a folder of its own first, or give another --out");
        }
    }

    /**
     * {@code path} absolute and normalised, the links of its longest part that exists resolved: two
     * names of one file or folder, also of one not made yet (an {@code --otlp} file, an
     * {@code --out} folder), are then equal.
     */
    private static Path realOrAbsolute(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(path)) {
                return path.toRealPath();
            }
            Path existing = absolute.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    private Optional<Baseline> baseline(Tolerance tolerance) {
        if (this.baseline == null) {
            return Optional.empty();
        }
        if (!Files.exists(this.baseline)) {
            throw new UsageException("--baseline: no such file or folder: " + this.baseline);
        }
        try {
            return Optional.of(Baseline.load(this.baseline, tolerance));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--baseline: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException("--baseline " + this.baseline + ": " + e.getMessage() + " ("
                    + OutputFolder.reason(e.getCause()) + ")");
        }
    }
}
