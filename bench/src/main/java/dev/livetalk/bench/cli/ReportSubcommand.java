package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.reports.ReportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code livetalk report}: re-renders or merges results files into a report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render or merge results.json files (or run folders) into index.html, charts/ and",
            "summary.md: shards of one suite side by side, one scenario over several seeds as a spread."})
final class ReportSubcommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "results.json files or run folders.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--baseline", paramLabel = "RESULTS", description = "Show the change against this earlier run.")
    Path baseline;

    @Option(names = "--latency-tolerance", defaultValue = "10", paramLabel = "PERCENT",
            description = "Allowed latency regression against the baseline, in percent (default 10).")
    double latencyTolerancePercent;

    @Option(names = "--count-tolerance", defaultValue = "0", paramLabel = "N",
            description = "Allowed increase of counts against the baseline (default 0).")
    long countTolerance;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(latencyTolerancePercent >= 0) || countTolerance < 0) {
            throw new UsageException("tolerances must be >= 0: --latency-tolerance " + latencyTolerancePercent
                    + ", --count-tolerance " + countTolerance);
        }
        Tolerance tolerance = new Tolerance(latencyTolerancePercent / 100.0, Tolerance.DEFAULT.latencyFloorNanos(),
                countTolerance);
        return ReportCommand.run(inputs, out, baseline, tolerance, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
