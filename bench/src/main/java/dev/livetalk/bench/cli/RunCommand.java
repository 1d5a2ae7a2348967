package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.JunitXmlWriter;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.reports.Baseline;
import dev.livetalk.reports.ReportWriter;
import dev.livetalk.reports.RunFolder;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.runner.RunSettings;
import dev.livetalk.runner.ScenarioRunner;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.server.TyrusLogging;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SeedSweep;
import dev.livetalk.simulator.SimSettings;
import dev.livetalk.simulator.SimulatedScenarioRunner;
import dev.livetalk.simulator.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code livetalk run}: plays scenarios once per strategy through a real Toxiproxy, measures
 * each run, writes the results and exits with the verdict of the budgets.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Play scenarios through Toxiproxy (or the simulator), once per strategy, and write per scenario",
            "results.json, junit.xml, fault-schedule.json and STRATEGY.hlog, and for the run",
            "index.html (with charts/), summary.md and junit.xml.",
            "Without arguments: every scenario in scenarios/, output in reports/latest/."})
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenario files or folders (default: scenarios/).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strategies", split = ",", paramLabel = "NAME",
            description = "Strategies to run instead of each scenario's own list; 'all' for every one found.")
    List<String> strategies;

    @Option(names = "--seed", description = "Seed instead of each scenario's own (load, fault schedule, clients).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/latest/).")
    Path outOption;

    @Option(names = "--baseline", paramLabel = "RESULTS",
            description = "An earlier results.json, or the output folder of an earlier run: fail on a regression beyond the tolerance.")
    Path baseline;

    @picocli.CommandLine.Mixin
    ToleranceOptions tolerances = new ToleranceOptions();

    @Option(names = "--network", paramLabel = "BACKEND", converter = BackendConverter.class,
            description = "toxiproxy or sim, instead of each scenario's own network (default: the scenario's).")
    Backend network;

    @Option(names = "--seeds", paramLabel = "FIRST..LAST",
            description = "With the simulator: sweep these seeds and list those whose checks failed, each with a replay command.")
    String seeds;

    @Option(names = "--toxiproxy", paramLabel = "URL", description = "Use this Toxiproxy server (default: $TOXIPROXY_URL, else start one).")
    String toxiproxyUrl;

    @Option(names = "--debug", description = "Show Tyrus and Grizzly logging.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<Path, Scenario> scenarios = loadAll();
        if (seeds != null) {
            return sweep(scenarios, stdout);
        }
        Path outDir = outputFolder();
        Optional<Baseline> baseline = baseline(tolerances.tolerance());
        TyrusLogging.configure(debug);
        Files.createDirectories(outDir);
        Progress progress = new Progress(spec.commandLine().getErr());
        List<ScenarioVerdict> verdicts = new ArrayList<>();
        List<RunFolder> runs = new ArrayList<>();
        boolean needsToxiproxy = scenarios.values().stream().anyMatch(s -> s.network() == Backend.TOXIPROXY);
        try (ToxiproxyServer toxiproxy = needsToxiproxy ? ToxiproxyLauncher.launch(Optional.ofNullable(toxiproxyUrl)) : null) {
            for (Scenario scenario : scenarios.values()) {
                long scenarioSeed = seed != null ? seed : scenario.seed();
                Path folder = outDir.resolve(scenario.name());
                ResultsDocument results = scenario.network() == Backend.SIM
                        ? new SimulatedScenarioRunner(SimSettings.DEFAULTS, progress)
                                .run(scenario, strategiesOf(scenario), scenarioSeed, folder)
                        : new ScenarioRunner(toxiproxy, RunSettings.DEFAULTS, progress)
                                .run(scenario, strategiesOf(scenario), scenarioSeed, folder);
                if (results.stopped() != null) {
                    return stopped(results, folder);
                }
                List<RegressionVerdict> regressions = baseline.map(b -> b.compare(results)).orElse(List.of());
                ResultsJson.write(results, folder.resolve("results.json"));
                Files.writeString(folder.resolve("junit.xml"), JunitXmlWriter.toXml(results, regressions));
                verdicts.add(new ScenarioVerdict(results, regressions));
                runs.add(new RunFolder(results, folder));
                progress.done(scenario.name());
            }
        }
        RunSummary summary = new RunSummary(verdicts);
        ReportWriter.Report report = ReportWriter.writeRuns(runs, outDir, baseline);
        Files.writeString(outDir.resolve("junit.xml"), summary.junitXml());
        stdout.println();
        stdout.print(summary.table());
        stdout.println("report: " + report.index().toAbsolutePath().normalize());
        stdout.flush();
        return summary.passed() ? ExitCode.OK.code() : ExitCode.BUDGET_FAILED.code();
    }

    /**
     * A scenario whose run stopped on a harness failure: writes what it measured (the
     * strategies that finished, and why it stopped) to its {@code results.json}, says so, and
     * ends the command with {@link ExitCode#HARNESS_FAILURE}; later scenarios are not played.
     */
    private int stopped(ResultsDocument results, Path folder) throws IOException {
        Path file = folder.resolve("results.json");
        ResultsJson.write(results, file);
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        err.println("livetalk: the harness failed: scenario " + results.scenario() + ", strategy "
                + results.stopped().strategy() + ": " + results.stopped().reason());
        err.println("livetalk: partial results (" + results.strategies().size() + " finished strateg"
                + (results.strategies().size() == 1 ? "y" : "ies") + ", and why the run stopped) in "
                + file.toAbsolutePath().normalize());
        err.flush();
        return ExitCode.HARNESS_FAILURE.code();
    }

    private Map<Path, Scenario> loadAll() {
        List<Path> files = ScenarioFiles.expand(paths.isEmpty() ? List.of(Home.resolve("scenarios")) : paths);
        LoaderOptions options = LoaderOptions.DEFAULTS.withKnownStrategies(new HashSet<>(Strategies.load().names()));
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
            throw new UsageException("invalid scenarios, nothing was run:\n" + String.join("\n", errors));
        }
        return scenarios;
    }

    /** {@code --seeds}: every seed of the range in the simulator, per scenario; exit 99 if any failed. */
    private int sweep(Map<Path, Scenario> scenarios, PrintWriter out) throws IOException {
        SeedRange range;
        try {
            range = SeedRange.parse(seeds);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--seeds: " + e.getMessage());
        }
        Path outDir = outputFolder();
        Files.createDirectories(outDir);
        StringBuilder report = new StringBuilder("# Seed sweep " + range + "\n\n");
        boolean passed = true;
        for (Map.Entry<Path, Scenario> entry : scenarios.entrySet()) {
            Scenario scenario = entry.getValue();
            if (scenario.network() != Backend.SIM) {
                throw new UsageException("--seeds sweeps in the simulator: add --network sim (scenario "
                        + scenario.name() + " is on " + scenario.network().yamlName() + ")");
            }
            SweepReport sweep = new SeedSweep(SimSettings.DEFAULTS, Runtime.getRuntime().availableProcessors())
                    .run(scenario, entry.getKey().toString(), strategiesOf(scenario), range);
            out.println(sweep.summary());
            report.append("```\n").append(sweep.summary()).append("\n```\n\n");
            passed &= sweep.passed();
        }
        Files.writeString(outDir.resolve("sweep.md"), report.toString());
        out.println("sweep report: " + outDir.resolve("sweep.md").toAbsolutePath().normalize());
        out.flush();
        return passed ? ExitCode.OK.code() : ExitCode.BUDGET_FAILED.code();
    }

    /** {@code --out}, else {@code reports/latest/} of the project. */
    private Path outputFolder() {
        return outOption != null ? outOption : Home.resolve("reports/latest");
    }

    private List<String> strategiesOf(Scenario scenario) {
        List<String> known = Strategies.load().names();
        if (strategies == null) {
            return switch (scenario.strategies()) {
                case dev.livetalk.scenarios.Strategies.All all -> known;
                case dev.livetalk.scenarios.Strategies.Named named -> named.names();
            };
        }
        if (strategies.equals(List.of("all"))) {
            return known;
        }
        for (String name : strategies) {
            if (!known.contains(name)) {
                throw new UsageException("--strategies: unknown strategy '" + name + "'; known: " + String.join(", ", known));
            }
        }
        return List.copyOf(strategies);
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
        }
    }
}
