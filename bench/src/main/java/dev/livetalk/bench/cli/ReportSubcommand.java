package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.MergedShards;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.reports.ReportCommand;
import dev.livetalk.reports.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code livetalk report}: re-renders or merges results files into a report (the folders of a
 * sharded run's shards, {@code shard.json}, into the whole run's: {@link ReportCommand#runShards}),
 * writes the run-level {@code junit.xml}, prints what
 * {@code livetalk run} prints at its end ({@link RunSummary}: the table, every failure, the
 * report's path, the verdict line) and exits with the code of the report's verdict (an
 * interrupted run's folder keeps its 130 or 143).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render or merge results.json files or run folders into one report.",
            "Writes index.html, charts/, summary.md and junit.xml: results of one scenario over several seeds "
            + "as a spread. The N output folders of `run --shard K/N` merge into the whole run's report and "
            + "verdict; a missing or doubled shard, shards of another run, or a shard's folder given with other "
            + "results exit 2 (docs/SHARDING.md). Exits with the code of the merged verdict (an interrupted "
            + "run's folder keeps its 130 or 143).",
            "Given the folders of a --seeds sweep's shards (run --seeds --shard K/N), merges them into the "
            + "sweep's sweep.md and sweep.json: each failing seed once, with its replay command."})
final class ReportSubcommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS",
            description = "results.json files or run folders, or the folders of a sweep's shards.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--baseline", paramLabel = "RESULTS", description = "Show the change against this earlier run.")
    Path baseline;

    @picocli.CommandLine.Mixin
    ToleranceOptions tolerances = new ToleranceOptions();

    @Option(names = "--strict", description = "Exit 1 when the harness's own scheduling lag made a run untrustworthy"
            + " (as run --strict).")
    boolean strict;

    @Option(names = "--json", description = "Also write JSON Lines on standard output, one object per strategy run as"
            + " `run --json` (with the shards of a --seeds sweep: per failing seed and strategy), docs/JSON-LINES.md;"
            + " the human text goes to standard error.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only the failed budgets and regressions, the report's path"
            + " and the verdict line (as run --quiet): no table, no merged-from line, no sweep's list of failing seeds.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Tolerance tolerance = tolerances.tolerance();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new UsageException("no such results file or folder: " + input);
            }
        }
        if (baseline != null && !Files.exists(baseline)) {
            throw new UsageException("--baseline: no such file or folder: " + baseline);
        }
        notIntoAShard();
        OutputFolder.writable("--out", out);
        if (SweepMerge.areSweeps(inputs)) {
            return mergeSweeps();
        }
        java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
        try {
            List<ShardManifest> shards = ReportCommand.shardManifests(inputs);
            ReportWriter.Report report;
            if (shards.isEmpty()) {
                report = ReportCommand.run(inputs, out, baseline, tolerance, strict, none);
                Files.deleteIfExists(out.resolve(MergedShards.FILE)); // an earlier merge's into this folder
            } else {
                ShardManifest.checkComplete(shards, inputs);
                report = ReportCommand.runShards(inputs, shards, out, baseline, tolerance, strict, none);
                MergedShards.of(shards, inputs, out).write(out);
            }
            RunSummary summary = new RunSummary(report.verdict());
            Files.writeString(out.resolve("junit.xml"), summary.junitXml());
            java.io.PrintWriter console = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
            if (!shards.isEmpty() && !quiet) {
                console.println("merged from " + Words.count(shards.size(), "shard") + " of "
                        + Words.count(shards.get(0).units(), "strategy run") + " (plan "
                        + shards.get(0).plan().substring(0, Math.min(19, shards.get(0).plan().length())) + ")");
            }
            noteWithoutOrigins(shards, inputs, console);
            if (!quiet) { // as run says them: what each strategy's change bought and cost against its @baseline
                dev.livetalk.reports.VersionComparison.lines(report.sections())
                        .forEach(l -> console.println("versions: " + l));
            }
            console.print(quiet ? summary.quietText(report.index()) : summary.text(report.index()));
            console.flush();
            if (json) {
                java.util.Map<String, Path> folders = new java.util.HashMap<>();
                for (dev.livetalk.reports.ComparedSection section : report.sections()) {
                    for (dev.livetalk.reports.ScenarioSection.SeedRun run : section.section().runs()) {
                        for (int i = 0; i < run.document().strategies().size(); i++) {
                            folders.put(key(run.document().scenario(), run.document().seed(),
                                    run.document().strategies().get(i).strategy()), run.folders().get(i));
                        }
                    }
                }
                spec.commandLine().getOut().print(JsonLines.ofRun(report.verdict(),
                        (scenario, seed, strategy) -> folders.get(key(scenario, seed, strategy))));
                spec.commandLine().getOut().flush();
            }
            return ExitCode.of(report.verdict()).code();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new HarnessFailure("cannot write the report into " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before anything is written, an {@code --out} that is one of the input shards'
     * folders or inside one: the merge would overwrite that shard's report (and a sweep's
     * {@code sweep.json} and {@code shard.json}), and the shard could not be merged again.
     */
    private void notIntoAShard() {
        Path target = real(out);
        for (Path input : inputs) {
            boolean shard = Files.isDirectory(input) && (Files.isRegularFile(input.resolve(ShardManifest.FILE))
                    || SweepResults.isSweep(input));
            if (shard && target.startsWith(real(input))) {
                boolean same = target.equals(real(input));
                throw new UsageException("--out " + out + " is " + (same ? "" : "inside ") + "the shard folder " + input
                        + ", one of the folders merged: a merge writes into a folder of its own, outside every shard's"
                        + " folder (" + (same ? "into it, the merge would overwrite the shard's "
                        + (SweepResults.isSweep(input) ? "sweep.md, sweep.json and shard.json"
                        : "index.html, summary.md and junit.xml") : "inside it, the merge would mix with the shard's"
                        + " results") + "); give another --out (merged, say)");
            }
        }
    }

    /** {@code path} absolute with every link of its existing part resolved, the rest as written. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * Says, on {@code console}, which shards' {@code shard.json} do not record where their
     * strategies came from (written by an earlier livetalk): their merge goes ahead, but cannot
     * tell whether a strategy's plugin jar differed between them. Nothing when all record it.
     */
    static void noteWithoutOrigins(List<ShardManifest> shards, List<Path> folders, java.io.PrintWriter console) {
        List<Path> old = ShardManifest.withoutOrigins(shards, folders);
        if (!old.isEmpty()) {
            console.println("note: the " + ShardManifest.FILE + " of " + String.join(", ", old.stream()
                    .map(Path::toString).toList()) + " do" + (old.size() == 1 ? "es" : "") + " not record where the"
                    + " strategies came from (written by an earlier livetalk): whether a strategy's plugin jar"
                    + " differed between shards is unknown");
            console.flush();
        }
    }

    private static String key(String scenario, long seed, String strategy) {
        return scenario + "\n" + seed + "\n" + strategy;
    }

    /** The inputs are the output folders of a --seeds sweep's shards: {@link SweepMerge}, not a run's report. */
    private int mergeSweeps() {
        if (baseline != null) {
            throw new UsageException("--baseline " + baseline + " compares runs, not --seeds sweeps");
        }
        java.io.PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        try {
            return SweepMerge.merge(inputs, out, human, json ? spec.commandLine().getOut() : null, quiet);
        } catch (IOException | UncheckedIOException e) {
            throw new HarnessFailure("cannot merge the sweep into " + out + ": " + e.getMessage(), e);
        }
    }
}
