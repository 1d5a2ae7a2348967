package dev.livetalk.bench.cli;

import dev.livetalk.bench.ceiling.CeilingBenchmark;
import dev.livetalk.bench.ceiling.CeilingLimitException;
import dev.livetalk.bench.ceiling.CeilingResult;
import dev.livetalk.bench.ceiling.CeilingSettings;
import dev.livetalk.bench.ceiling.ScaleShape;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.run.RunSettings;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code livetalk bench ceiling}: the ceiling of one machine through Toxiproxy. */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
        description = {"Measure how many clients one machine plays through Toxiproxy within the 10 ms lag budget.",
            "The scale scenario (10 users per room, 5.25 msg/s per user, Poisson, a latency fault on 20%% of "
            + "the clients) is resized to each client count and played through real Toxiproxy, one proxy per "
            + "client, in rounds that interleave the counts. Per count: the harness's scheduling-lag p50, p99 "
            + "and max, the peer-final p99, and the cores used while the load ran by the harness's JVM (with "
            + "the reference server in it), by Toxiproxy and by the whole machine; then the largest count "
            + "whose scheduling-lag p99 held 10 ms. Exits 0 whatever it measured (benchmarks/README.md)."})
final class CeilingBenchCommand implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "50,100,200,400", paramLabel = "N,N,...",
            description = "Client counts, each >= 2, none twice (default ${DEFAULT-VALUE}).")
    String clients;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load of each play, >= 6s; the scenario's fault times scale with it (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "R",
            description = "Rounds, each playing every count once, smallest first (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup-plays", defaultValue = "1", paramLabel = "N",
            description = "Plays of the smallest count for 6 s before the rounds, not counted (default ${DEFAULT-VALUE}).")
    int warmupPlays;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "The shape to resize (default: scenarios/scale/200-clients.yaml).")
    Path scenario;

    @Option(names = "--strategy", defaultValue = "reconcile", description = "The clients' strategy (default ${DEFAULT-VALUE}).")
    String strategy;

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every round and the table as JSON.")
    Path json;

    @picocli.CommandLine.Mixin
    ToxiproxyOptions toxiproxyOptions = new ToxiproxyOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        plugins.known("--strategy", strategy);
        toxiproxyOptions.check();
        CeilingSettings settings;
        try {
            settings = new CeilingSettings(new ScaleShape(load(scenario != null ? scenario
                    : Home.resolve("scenarios/scale/200-clients.yaml"))), counts(clients), duration, repeat, strategy, warmupPlays);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (json != null) {
            OutputFolder.writableFile("--json", json);
        }
        PrintWriter out = spec.commandLine().getOut();
        toxiproxyOptions.configureLogging();
        CeilingResult result;
        String toxiproxyText;
        try (ToxiproxyServer toxiproxy = ToxiproxyLauncher.launch(toxiproxyOptions.url())) {
            toxiproxyText = toxiproxy.describe();
            result = new CeilingBenchmark(settings, toxiproxy, RunSettings.DEFAULTS.withStrategies(plugins.strategies()), out)
                    .run();
        } catch (CeilingLimitException e) {
            throw new HarnessFailure(e.getMessage(), e);
        }
        result.print(out);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, result.toJson(about(settings, started, toxiproxyText)));
            out.println("json: " + json.toAbsolutePath().normalize());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** {@code --clients}: whole numbers separated by commas; the ranges and duplicates are {@link CeilingSettings}'. */
    static List<Integer> counts(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String count = part.trim();
            if (!count.matches("\\d{1,9}")) {
                throw new UsageException("--clients: '" + part + "' is not a whole number (give counts such as 50,100,200): "
                        + text);
            }
            counts.add(Integer.parseInt(count));
        }
        return counts;
    }

    private static Scenario load(Path file) {
        return ScenarioFiles.loadOne("--scenario", file, Backend.TOXIPROXY);
    }

    private Map<String, Object> about(CeilingSettings settings, Instant started, String toxiproxy) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("started", started.toString());
        about.put("shape", settings.shape().shape().name());
        about.put("clients", settings.clients());
        about.put("durationSeconds", settings.duration().toMillis() / 1e3);
        about.put("repeat", settings.repeat());
        about.put("warmupPlays", settings.warmupPlays());
        about.put("strategy", settings.strategy());
        about.put("cores", Runtime.getRuntime().availableProcessors());
        about.put("jvm", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        about.put("jvmOptions", ManagementFactory.getRuntimeMXBean().getInputArguments());
        about.put("toxiproxy", toxiproxy);
        return about;
    }
}
