package dev.livetalk.bench.cli;

import dev.livetalk.bench.sim.SimBenchResult;
import dev.livetalk.bench.sim.SimBenchSettings;
import dev.livetalk.bench.sim.SimBenchmark;
import dev.livetalk.run.RunSettings;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code livetalk bench sim}: the simulator's speed against its targets, codec off as the baseline. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Measure the simulator's speed against its targets, the codec off as the baseline.",
            "The 200-client scenario is played in rounds on one thread, frames through the codec (as the "
            + "self-check of run --network sim plays it), then with the codec off (the baseline, as its "
            + "measured play does), then a sweep of 1,000 seeds "
            + "of a 10-client scenario on every core. Prints every round (wall, CPU of the simulating "
            + "thread, collector time), the medians, the ratio and the targets met or missed; exits 0 "
            + "either way (a shared machine's figures are read, not gated on)."})
final class SimBenchCommand implements Callable<Integer> {
    private static final String SWEEP_RESOURCE = "/dev/livetalk/bench/sim/sweep-10-clients.yaml";

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "The scenario played in rounds (default: scenarios/scale/200-clients.yaml).")
    Path scenario;

    @Option(names = "--strategy", defaultValue = "reconcile", description = "The clients' strategy (default ${DEFAULT-VALUE}).")
    String strategy;

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up rounds, codec on, not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per mode; the median counts (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--sweep-seeds", defaultValue = "1000", description = "Seeds 1..N of the sweep; 0 for none (default ${DEFAULT-VALUE}).")
    int sweepSeeds;

    @Option(names = "--threads", description = "The sweep's worker threads (default: every core).")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        plugins.known("--strategy", strategy);
        atLeast("--warmup", warmup, 0);
        atLeast("--rounds", rounds, 1);
        atLeast("--sweep-seeds", sweepSeeds, 0);
        if (threads != null) {
            atLeast("--threads", threads, 1);
        }
        SimBenchSettings settings = new SimBenchSettings(
                load(scenario != null ? scenario : Home.resolve("scenarios/scale/200-clients.yaml")),
                strategy, warmup, rounds, sweepScenario(), sweepSeeds,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        PrintWriter out = spec.commandLine().getOut();
        SimBenchResult result = new SimBenchmark(settings, out, RunSettings.DEFAULTS.withStrategies(plugins.strategies())).run();
        result.print(out);
        out.flush();
        return ExitCode.OK.code();
    }

    private static void atLeast(String option, int value, int least) {
        if (value < least) {
            throw new UsageException(option + " must be >= " + least + ": " + value);
        }
    }

    private static Scenario load(Path file) {
        return ScenarioFiles.loadOne("--scenario", file, Backend.SIM);
    }

    private static Scenario sweepScenario() {
        try (InputStream in = SimBenchCommand.class.getResourceAsStream(SWEEP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lost " + SWEEP_RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return ScenarioLoader.parse("sweep-10-clients.yaml", text, LoaderOptions.DEFAULTS.withNetwork(Backend.SIM));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("the built-in sweep scenario is invalid: " + e.errors(), e);
        }
    }
}
