package dev.livetalk.bench.cli;

import dev.livetalk.bench.calibrate.CalibrationSettings;
import dev.livetalk.bench.calibrate.Calibrator;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.reports.CalibrationText;
import dev.livetalk.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code livetalk calibrate}: the latency the harness itself adds on this machine, layer by
 * layer, and the noise floor that follows (see {@link Calibration.Measured}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure the latency the harness itself adds on this machine, layer by layer.",
            "One run with the layers interleaved: a bare Tyrus echo over loopback, the same through "
            + "untoxic Toxiproxy proxies, the full session and strategy stack (reference server, "
            + "client sessions, codec; peer-first) directly and through Toxiproxy. "
            + "Prints per layer count, p50, p90, p99, p99.9 (HdrHistogram, from the intended send "
            + "time of an open-model schedule; warm-up excluded), each p50 as a ratio of the bare "
            + "echo's, and the noise floor: the full stack's p99 minus its p50 through Toxiproxy. "
            + "About 20 s with the defaults."})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "2000", paramLabel = "N",
            description = "Measured sends per layer (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--warmup", defaultValue = "200", paramLabel = "N",
            description = "Sends per layer before measuring, not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "PER_SECOND",
            description = "Sends per second within a layer's round, open model (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--rounds", defaultValue = "20", paramLabel = "N",
            description = "Rounds the samples are split over, layers interleaved and rotated (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--max-seconds", defaultValue = "120", paramLabel = "S",
            description = "Stop after this long, with what was measured by then (default ${DEFAULT-VALUE}).")
    long maxSeconds;

    @Option(names = "--strategy", defaultValue = "reconcile", paramLabel = "NAME",
            description = "Strategy of the full-stack client sessions (default ${DEFAULT-VALUE}).")
    String strategy;

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the calibration as JSON (what results.json's environment carries; run --calibration reads it).")
    Path json;

    @picocli.CommandLine.Mixin
    ToxiproxyOptions toxiproxyOptions = new ToxiproxyOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CalibrationSettings settings = settings();
        if (json != null) {
            OutputFolder.writableFile("--json", json);
        }
        PrintWriter out = spec.commandLine().getOut();
        toxiproxyOptions.configureLogging();
        Calibration.Measured calibration;
        try (ToxiproxyServer toxiproxy = ToxiproxyLauncher.launch(toxiproxyOptions.url())) {
            calibration = new Calibrator(settings, toxiproxy, spec.commandLine().getErr(),
                    RunSettings.DEFAULTS.withStrategies(plugins.strategies())).run();
        }
        out.print(CalibrationText.table(calibration));
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, ResultsJson.toJson(calibration));
            out.println("calibration: " + json.toAbsolutePath().normalize());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** The settings the options give; a bad one is a {@link UsageException} naming value and rule. */
    CalibrationSettings settings() {
        plugins.known("--strategy", strategy);
        toxiproxyOptions.check();
        if (maxSeconds < 1 || maxSeconds > 86_400) {
            throw new UsageException("--max-seconds must be 1..86400 s: " + maxSeconds);
        }
        try {
            return new CalibrationSettings(samples, warmup, rate, rounds, Duration.ofSeconds(maxSeconds), strategy);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * A calibration read from {@code file} ({@code calibrate --json}).
     *
     * @throws UsageException when it cannot be read or is not a calibration, naming the file
     */
    static Calibration read(Path file) {
        try {
            return ResultsJson.calibrationFromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UsageException("--calibration: cannot read " + file + " (" + OutputFolder.reason(e) + ")");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--calibration: " + file + ": " + e.getMessage());
        }
    }
}
