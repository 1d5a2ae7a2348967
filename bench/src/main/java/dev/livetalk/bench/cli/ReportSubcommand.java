package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder, of its own: not one of RESULTS or inside one, not a"
            + " scenario's folder (results.json) or a run's (refused, exit 2); a folder an earlier report was written"
            + " into takes the report again. The report holds it (a lock on DIR/.livetalk.lock): another report or a"
            + " run into it meanwhile is refused with exit 2.")
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
        OutputFolder.writable("--out", out); // a file is refused as such, before what it is inside
        notOverResults();
        if (baseline != null && SweepMerge.areSweeps(inputs)) {
            throw new UsageException("--baseline " + baseline + " compares runs, not --seeds sweeps");
        }
        try (OutputLock held = OutputLock.take("--out", out)) { // another report's or run's: refused (exit 2)
            return SweepMerge.areSweeps(inputs) ? mergeSweeps(held.folder()) : report(tolerance, held.folder());
        } catch (IOException e) {
            throw new HarnessFailure("cannot write the report into " + out + ": " + e.getMessage(), e);
        }
    }

    /** Renders or merges the inputs into {@code into}, the {@code --out} this report holds. */
    private int report(Tolerance tolerance, Path into) {
        java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
        try {
            List<ShardManifest> shards = ReportCommand.shardManifests(inputs);
            ReportWriter.Report report;
            if (shards.isEmpty()) {
                report = ReportCommand.run(inputs, into, baseline, tolerance, strict, none);
                Files.deleteIfExists(into.resolve(MergedShards.FILE)); // an earlier merge's into this folder
            } else {
                ShardManifest.checkComplete(shards, inputs);
                report = ReportCommand.runShards(inputs, shards, into, baseline, tolerance, strict, none);
                MergedShards.of(shards, inputs, into).write(into);
            }
            RunSummary summary = new RunSummary(report.verdict());
            Files.writeString(into.resolve("junit.xml"), summary.junitXml());
            java.io.PrintWriter console = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
            if (!shards.isEmpty() && !quiet) {
                console.println("merged from " + Words.count(shards.size(), "shard") + " of "
                        + Words.count(shards.get(0).units(), "strategy run") + " (plan "
                        + shards.get(0).plan().substring(0, Math.min(19, shards.get(0).plan().length())) + ")");
            }
            noteWithoutOrigins(shards, inputs, console);
            ReportCommand.notPlayedNotes(inputs).forEach(console::println);
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
            throw new HarnessFailure("cannot write the report into " + into + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before anything is written, an {@code --out} whose files hold results a report
     * would overwrite or mix with: one of the input folders or inside one (a shard's: the merge
     * would overwrite that shard's report, and a sweep's {@code sweep.json} and {@code shard.json},
     * and the shard could not be merged again), a scenario's folder or inside one (it holds
     * {@code results.json}: the report's {@code junit.xml} would replace the scenario's while its
     * {@code results.json} still tells of the scenario), or a run's output folder (a scenario
     * folder's {@code results.json} below it, {@link RunStop#FILE} or {@link ShardManifest#FILE}).
     * A folder a report was written into before holds none of these, and takes the report again;
     * so does a merged sweep's folder, whose {@code shard.json} is of the sweep merged again.
     */
    private void notOverResults() {
        Path target = real(out);
        for (Path input : inputs) {
            if (!Files.isDirectory(input) || !target.startsWith(real(input))) {
                continue;
            }
            boolean same = target.equals(real(input));
            if (!same && Files.isRegularFile(target.resolve("results.json"))) {
                continue; // a scenario's folder inside the input: said as such below
            }
            boolean shard = isShard(input) || SweepResults.isSweep(input);
            if (shard) {
                throw new UsageException("--out " + out + " is " + (same ? "" : "inside ") + "the shard folder " + input
                        + ", one of the folders merged: a merge writes into a folder of its own, outside every shard's"
                        + " folder (" + (same ? "into it, the merge would overwrite the shard's "
                        + (SweepResults.isSweep(input) ? "sweep.md, sweep.json and shard.json"
                        : "index.html, summary.md and junit.xml") : "inside it, the merge would mix with the shard's"
                        + " results") + "); give another --out (merged, say)");
            }
            throw new UsageException("--out " + out + " is " + (same ? "" : "inside ") + "the folder " + input
                    + ", one of the folders reported: a report writes into a folder of its own, outside every folder"
                    + " it reads (" + (same ? "into it, the report would overwrite the results' index.html, summary.md"
                    + " and junit.xml" : "inside it, the report would mix with the results it reads") + "); give"
                    + " another --out (report, say)");
        }
        for (Path folder = target; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("results.json"))) {
                boolean same = folder.equals(target);
                throw new UsageException("--out " + out + " is " + (same ? "" : "inside ") + "a scenario's folder"
                        + (same ? "" : ", " + folder) + " (it holds results.json): " + (same
                        ? "the report would replace its junit.xml, and its results.json would no longer agree with it"
                        : "the report would mix with the scenario's results") + "; a report writes into a folder of"
                        + " its own: give another --out (report, say)");
            }
        }
        runsResults(target).ifPresent(held -> {
            throw new UsageException("--out " + out + " holds a run's results (" + held + "): the report would"
                    + " overwrite the run's index.html, summary.md and junit.xml; a report writes into a folder of its"
                    + " own: give another --out (report, say)");
        });
    }

    /**
     * What in {@code folder} shows it holds a run's output, which a report must not overwrite: a
     * scenario folder's {@code results.json} (relative to {@code folder}), the run's stop marker,
     * or a {@code shard.json} of a shard or a sweep; empty for a report's folder, and for a merged
     * sweep's when the inputs are the shards of that same sweep (their merge writes it again).
     */
    private java.util.Optional<String> runsResults(Path folder) {
        if (!Files.isDirectory(folder)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> children = Files.list(folder)) {
            java.util.Optional<String> scenario = children.filter(c -> Files.isRegularFile(c.resolve("results.json")))
                    .map(c -> folder.relativize(c.resolve("results.json")).toString()).sorted().findFirst();
            if (scenario.isPresent()) {
                return scenario;
            }
        } catch (IOException e) {
            throw new UsageException("--out " + out + ": cannot list it (" + OutputFolder.reason(e) + ")");
        }
        if (Files.isRegularFile(folder.resolve(RunStop.FILE))) {
            return java.util.Optional.of(RunStop.FILE);
        }
        if (Files.isRegularFile(folder.resolve(ShardManifest.FILE)) && !sameSweep(folder)) {
            return java.util.Optional.of(ShardManifest.FILE);
        }
        return java.util.Optional.empty();
    }

    /** {@code folder}'s {@code shard.json} is a whole sweep of the plan of the sweep shards merged. */
    private boolean sameSweep(Path folder) {
        try {
            java.util.Optional<ShardManifest> held = ShardManifest.read(folder);
            if (held.isEmpty() || !held.get().kind().equals("sweep") || !SweepMerge.areSweeps(inputs)) {
                return false;
            }
            for (Path input : inputs) {
                java.util.Optional<ShardManifest> shard = ShardManifest.read(input);
                if (shard.isEmpty() || !shard.get().plan().equals(held.get().plan())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code folder} holds the {@code shard.json} of a shard, not of a whole run ({@link ShardManifest#wholeRun}). */
    private static boolean isShard(Path folder) {
        try {
            return ShardManifest.read(folder).filter(m -> !m.wholeRun()).isPresent();
        } catch (IOException | RuntimeException e) {
            return Files.isRegularFile(folder.resolve(ShardManifest.FILE)); // unreadable: as before, by its name
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
    private int mergeSweeps(Path into) {
        java.io.PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        try {
            return SweepMerge.merge(inputs, into, human, json ? spec.commandLine().getOut() : null, quiet);
        } catch (IOException | UncheckedIOException e) {
            throw new HarnessFailure("cannot merge the sweep into " + into + ": " + e.getMessage(), e);
        }
    }
}
