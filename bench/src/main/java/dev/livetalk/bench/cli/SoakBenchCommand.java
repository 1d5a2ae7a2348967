package dev.livetalk.bench.cli;

import dev.livetalk.bench.soak.SoakBenchmark;
import dev.livetalk.bench.soak.SoakResult;
import dev.livetalk.bench.soak.SoakSettings;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunSettings;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code livetalk bench soak}: what a simulated run holds in memory, minute by simulated minute. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Measure what a scenario played in the simulator holds in memory as it goes on.",
            "Plays SCENARIO as run --network sim does (self-check and measurement included, no ledger). At "
            + "every simulated minute of the play (the simulator's virtual clock) it forces a full collection "
            + "and reads the heap used after it. Prints per minute the heap and the wall and CPU time of the "
            + "play, then the slope of the heap from minute 1 on (least squares, with its standard error), the "
            + "peak heap of the play and of the phase after it (measurement, self-check), their wall and CPU "
            + "time, and with --repeat the spread over the plays. Refuses a scenario longer than --minutes. "
            + "Exits 0 whatever it measured (benchmarks/README.md)."})
final class SoakBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file, played in the simulator.")
    Path scenario;

    @Option(names = "--minutes", defaultValue = "10", paramLabel = "N",
            description = "The longest run (warm-up, duration, quiesce) it plays, simulated minutes (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "R",
            description = "Plays, one after the other in this JVM (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--strategy", defaultValue = "reconcile", description = "The clients' strategy (default ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--no-self-check",
            description = "Leave out the self-check's second play (run --network sim plays each run twice, the second"
                    + " beside the first one's measurement and through the protocol's codec, and compares the traces); the sampled"
                    + " play is the same either way.")
    boolean noSelfCheck;

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every play and the spread as JSON.")
    Path json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        plugins.known("--strategy", strategy);
        SoakSettings settings;
        try {
            TraceRecorder.wholeRoomBytes(); // read once the play is measured: refused now
            settings = new SoakSettings(load(scenario), strategy, repeat, !noSelfCheck, minutes);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (json != null) {
            OutputFolder.writableFile("--json", json);
        }
        PrintWriter out = spec.commandLine().getOut();
        SoakResult result;
        try {
            result = new SoakBenchmark(settings, RunSettings.DEFAULTS.withStrategies(plugins.strategies()), out).run();
        } catch (RunFailure e) {
            throw new HarnessFailure(e.getMessage(), e);
        }
        result.print(out);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, result.toJson(about(settings, started)));
            out.println("json: " + json.toAbsolutePath().normalize());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static Scenario load(Path file) {
        return ScenarioFiles.loadOne("SCENARIO", file, Backend.SIM);
    }

    private Map<String, Object> about(SoakSettings settings, Instant started) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("started", started.toString());
        about.put("scenario", settings.scenario().name());
        about.put("file", scenario.toString());
        about.put("runMinutes", settings.scenario().runLength().toMillis() / 60_000.0);
        about.put("strategy", settings.strategy());
        about.put("selfCheck", settings.selfCheck());
        about.put("repeat", settings.repeat());
        about.put("cores", Runtime.getRuntime().availableProcessors());
        about.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        about.put("jvm", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        about.put("jvmOptions", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return about;
    }
}
