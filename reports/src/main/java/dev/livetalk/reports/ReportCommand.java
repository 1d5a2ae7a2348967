package dev.livetalk.reports;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.MergedShards;
import dev.livetalk.metrics.results.ShardManifest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code livetalk report RESULTS.json|DIR... --out DIR [--baseline RESULTS.json|DIR]} without
 * the command-line parsing: re-renders and merges results documents. A folder argument stands
 * for its {@code results.json} and those of its sub-folders (the output of a suite run), and
 * for its {@link RunStop#FILE} marker when the run stopped early (the report then says so).
 * Returns the report with its {@link dev.livetalk.metrics.gate.Verdict}; the command line maps
 * it to the exit code.
 *
 * <p>Called by one thread.
 */
public final class ReportCommand {
    private ReportCommand() {
    }

    /**
     * Runs the command.
     *
     * @param inputs    results files or folders of results
     * @param outDir    where the report goes
     * @param baseline  an earlier results file or run folder, or null
     * @param tolerance the baseline tolerance
     * @param out       the summary and where the report is
     * @throws IllegalArgumentException when an argument or a file is not valid (the message says which)
     * @throws IOException              when the report cannot be written
     */
    public static ReportWriter.Report run(List<Path> inputs, Path outDir, Path baseline, Tolerance tolerance,
                                          PrintWriter out) throws IOException {
        return run(inputs, outDir, baseline, tolerance, false, out);
    }

    /** As {@link #run(List, Path, Path, Tolerance, PrintWriter)}, with health problems gating when {@code strict}. */
    public static ReportWriter.Report run(List<Path> inputs, Path outDir, Path baseline, Tolerance tolerance,
                                          boolean strict, PrintWriter out) throws IOException {
        List<Path> files = resultsFiles(inputs);
        Optional<Baseline> base = baseline == null ? Optional.empty() : Optional.of(loadBaseline(baseline, tolerance));
        ReportWriter.Report report = ReportWriter.writeRuns(files.stream().map(RunFolder::read).toList(), outDir, base,
                stop(inputs), strict, List.of(), tolerance);
        out.print(SummaryMarkdown.of(report.sections(), report.verdict(), base.isPresent()));
        out.println("report in " + report.index().toAbsolutePath().normalize());
        out.flush();
        return report;
    }

    /**
     * The {@code shard.json} of every input ({@code run --shard}), in the inputs' order; empty
     * when no input is a shard's folder (a whole run's {@code shard.json} is none: its folder is
     * reported as a run's, {@link ShardManifest#wholeRun}).
     *
     * @throws IllegalArgumentException when some inputs are shards' folders and others are not
     *                                  (naming both), or a {@code shard.json} cannot be read
     */
    public static List<ShardManifest> shardManifests(List<Path> inputs) throws IOException {
        List<ShardManifest> manifests = new ArrayList<>();
        List<Path> shards = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        for (Path input : inputs) {
            Optional<ShardManifest> manifest = (Files.isDirectory(input) ? ShardManifest.read(input)
                    : Optional.<ShardManifest>empty()).filter(m -> !m.wholeRun()); // a whole run's is no shard
            manifest.ifPresent(manifests::add);
            (manifest.isPresent() ? shards : others).add(input);
        }
        if (!shards.isEmpty() && !others.isEmpty()) {
            throw new IllegalArgumentException("shards' folders (" + join(shards) + ") cannot be merged with results"
                    + " that are no shard of their run (" + join(others) + "): a merge of shards judges exactly the"
                    + " work of their run; give only the folders of its shards");
        }
        return manifests;
    }

    private static String join(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    /**
     * Merges the folders of the shards of one run ({@code run --shard K/N}, checked complete by
     * {@link ShardManifest#checkComplete}) into the whole run's report: the results each shard's
     * {@code shard.json} lists, and only those (a scenario folder an earlier run left is not
     * read), put back into the run's order of scenarios and strategies, so that the report, its
     * verdict and every figure are those the unsharded run gives.
     *
     * @param folders   the shards' folders, in the order of {@code manifests}
     * @param manifests their {@code shard.json}, of kind {@code run}
     * @throws IllegalArgumentException when a folder lacks results its {@code shard.json} lists, or holds others
     */
    public static ReportWriter.Report runShards(List<Path> folders, List<ShardManifest> manifests, Path outDir,
                                                Path baseline, Tolerance tolerance, boolean strict, PrintWriter out)
            throws IOException {
        ShardManifest.checkComplete(manifests, folders);
        ShardManifest.checkBaseline(manifests, folders, baseline != null);
        java.util.TreeMap<Long, RunFolder> byUnit = new java.util.TreeMap<>();
        List<ShardOrigin> origins = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            Path folder = folders.get(i);
            ShardManifest manifest = manifests.get(i);
            if (!manifest.kind().equals("run")) {
                throw new IllegalArgumentException(folder + " is a shard of a " + manifest.kind() + ", not of a run");
            }
            boolean stopped = Files.isRegularFile(folder.resolve(RunStop.FILE));
            dev.livetalk.metrics.results.Environment environment = null;
            java.util.Map<String, List<Integer>> byScenario = new java.util.LinkedHashMap<>();
            for (int u = 0; u < manifest.work().size(); u++) {
                byScenario.computeIfAbsent(manifest.work().get(u).scenario(), s -> new ArrayList<>()).add(u);
            }
            for (java.util.Map.Entry<String, List<Integer>> scenario : byScenario.entrySet()) {
                List<ShardManifest.Unit> units = scenario.getValue().stream().map(manifest.work()::get).toList();
                Path file = folder.resolve(scenario.getKey()).resolve("results.json");
                if (!Files.isRegularFile(file)) {
                    if (stopped) {
                        continue; // the shard stopped before this scenario; its stop marker tells the report
                    }
                    throw new IllegalArgumentException(folder + " has no results of scenario " + scenario.getKey()
                            + ", which its " + ShardManifest.FILE + " lists (" + strategies(units) + "): the shard did"
                            + " not finish; play it again");
                }
                RunFolder run = RunFolder.read(file);
                check(folder, file, run, units, stopped);
                if (environment == null) {
                    environment = run.document().environment();
                }
                List<dev.livetalk.metrics.results.StrategyResult> played = run.document().strategies();
                for (int k = 0; k < played.size(); k++) {
                    byUnit.put(manifest.unitNumber(scenario.getValue().get(k)), piece(run, List.of(played.get(k))));
                }
                if (run.document().stopped() != null && played.size() < units.size()) { // the harness failed at the first strategy it did not finish
                    byUnit.put(manifest.unitNumber(scenario.getValue().get(played.size())), piece(run, List.of()));
                }
            }
            origins.add(new ShardOrigin(manifest.shard(), Path.of(MergedShards.relative(outDir, folder)), manifest.host(),
                    manifest.owned(), manifest.units(), environment));
        }
        Optional<Baseline> base = baseline == null ? Optional.empty() : Optional.of(loadBaseline(baseline, tolerance));
        ReportWriter.Report report = ReportWriter.writeRuns(List.copyOf(byUnit.values()), outDir, base, stop(folders),
                strict, origins, tolerance);
        out.print(SummaryMarkdown.of(report.sections(), report.verdict(), base.isPresent(), origins));
        out.println("report in " + report.index().toAbsolutePath().normalize());
        out.flush();
        return report;
    }

    /** One strategy's part of a shard's results document (or none, carrying why the scenario stopped). */
    private static RunFolder piece(RunFolder run, List<dev.livetalk.metrics.results.StrategyResult> strategies) {
        dev.livetalk.metrics.results.ResultsDocument d = run.document();
        dev.livetalk.metrics.results.ResultsDocument piece = dev.livetalk.metrics.results.ResultsDocument.of(
                d.scenario(), d.seed(), d.network(), d.environment(), d.faultSchedule(), strategies)
                .withNotJudged(d.notJudged(), d.judgedInOtherShards());
        return new RunFolder(d.stopped() == null ? piece : piece.stoppedBy(d.stopped()), run.folder());
    }

    /**
     * A shard's results of one scenario hold exactly the strategies and seed its {@code shard.json}
     * lists for it, in order; fewer (the first ones) only when the shard stopped early.
     */
    private static void check(Path folder, Path file, RunFolder run, List<ShardManifest.Unit> units, boolean stopped) {
        List<String> played = run.document().strategies().stream()
                .map(dev.livetalk.metrics.results.StrategyResult::strategy).toList();
        List<String> listed = units.stream().map(ShardManifest.Unit::strategy).toList();
        boolean partial = stopped || run.document().stopped() != null;
        boolean fits = partial ? played.size() <= listed.size() && listed.subList(0, played.size()).equals(played)
                : played.equals(listed);
        if (!fits || run.document().seed() != units.get(0).seed()) {
            throw new IllegalArgumentException(file + " holds strategies " + played + " with seed "
                    + run.document().seed() + ", but " + folder.resolve(ShardManifest.FILE) + " lists "
                    + strategies(units) + ": the folder holds results of another run; play the shard again into an"
                    + " empty folder");
        }
    }

    private static String strategies(List<ShardManifest.Unit> units) {
        return units.stream().map(ShardManifest.Unit::strategy).toList() + " with seed " + units.get(0).seed();
    }

    /** The stop marker of the first input folder that has one. */
    static Optional<RunStop> stop(List<Path> inputs) {
        return inputs.stream().filter(Files::isDirectory).map(d -> d.resolve(RunStop.FILE))
                .filter(Files::isRegularFile).findFirst().map(RunStop::read);
    }

    private static Baseline loadBaseline(Path baseline, Tolerance tolerance) {
        if (!Files.exists(baseline)) {
            throw new IllegalArgumentException("--baseline: no such file or folder: " + baseline);
        }
        return Baseline.load(baseline, tolerance);
    }

    /**
     * The lines that say, for each input folder, which of its scenario folders the report leaves
     * out, as the run into it did not play them ({@link ShardManifest#notPlayedNote}); empty when
     * it leaves out none.
     */
    public static List<String> notPlayedNotes(List<Path> inputs) throws IOException {
        List<String> notes = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                ShardManifest.notPlayedNote(input).ifPresent(notes::add);
            }
        }
        return notes;
    }

    /**
     * The results files of {@code inputs}: files as given, folders expanded to their
     * {@code results.json} and those one level below, sorted; of a run's folder whose
     * {@code shard.json} lists its scenarios, only theirs ({@link ShardManifest#notPlayed}).
     */
    static List<Path> resultsFiles(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("give at least one results.json or folder of results");
        }
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> found = folder(input);
                if (found.isEmpty() && !Files.isRegularFile(input.resolve(RunStop.FILE))) {
                    throw new IllegalArgumentException("no results.json in " + input + " nor in its sub-folders");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IllegalArgumentException("no such results file or folder: " + input);
            }
        }
        return files;
    }

    private static List<Path> folder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            List<String> notPlayed = ShardManifest.notPlayed(folder);
            return walk.filter(f -> f.getFileName().toString().equals("results.json") && Files.isRegularFile(f))
                    .filter(f -> f.getParent().equals(folder)
                            || !notPlayed.contains(f.getParent().getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
