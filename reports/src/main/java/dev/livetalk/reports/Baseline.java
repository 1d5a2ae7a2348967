package dev.livetalk.reports;

import dev.livetalk.metrics.gate.BaselineComparison;
import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ShardManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The results of an earlier run to compare with, per scenario, with their interval logs, and the
 * tolerance of the comparison ({@link BaselineComparison} makes the verdicts: a latency change
 * is a regression only when a block bootstrap over both runs' 1 s intervals finds it significant
 * and it is beyond the threshold and floor; without interval logs on either side, the fallback
 * rule, which the verdicts' messages name).
 *
 * <p>Immutable after loading (interval logs are read on first use, under the object's lock); any thread.
 */
public final class Baseline {
    private final Map<String, ResultsDocument> byScenario = new LinkedHashMap<>();
    private final Map<String, RunFolder> folders = new HashMap<>();
    private final Map<String, IntervalSource> intervals = new HashMap<>();
    private final Tolerance tolerance;
    /** Which scenario folders of the baseline's folder an earlier run left there, said in one line; empty when none. */
    private String leftOut = "";

    /** A baseline of {@code documents} without interval logs (one per scenario; a later one of a scenario wins). */
    public Baseline(List<ResultsDocument> documents, Tolerance tolerance) {
        documents.forEach(d -> byScenario.put(d.scenario(), d));
        this.tolerance = tolerance;
    }

    private static Baseline ofRuns(List<RunFolder> runs, Tolerance tolerance) {
        Baseline baseline = new Baseline(runs.stream().map(RunFolder::document).toList(), tolerance);
        runs.forEach(r -> baseline.folders.put(r.scenario(), r));
        return baseline;
    }

    /**
     * Loads a baseline from a {@code results.json}, or from the output folder of an earlier run
     * (its {@code results.json} and those of its sub-folders, but the scenario folders an earlier
     * run into the same folder left there: {@link ShardManifest#notPlayed}).
     *
     * @throws IllegalArgumentException when nothing there is a results document
     */
    public static Baseline load(Path fileOrFolder, Tolerance tolerance) {
        List<String> leftOut = leftOut(fileOrFolder);
        List<RunFolder> runs = new ArrayList<>();
        for (Path file : resultsFiles(fileOrFolder, leftOut)) {
            runs.add(RunFolder.read(file));
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("baseline must be a results.json or a folder holding some: "
                    + fileOrFolder);
        }
        Baseline baseline = ofRuns(runs, tolerance);
        if (!leftOut.isEmpty()) {
            baseline.leftOut = "\n" + notPlayedNote(fileOrFolder);
        }
        return baseline;
    }

    /**
     * The scenario folders of a run's folder that an earlier run into it left there
     * ({@link ShardManifest#notPlayed}): no part of the run the baseline is, so not compared with.
     */
    private static List<String> leftOut(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of();
        }
        try {
            return ShardManifest.notPlayed(fileOrFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list baseline folder " + fileOrFolder, e);
        }
    }

    private static String notPlayedNote(Path folder) {
        try {
            return ShardManifest.notPlayedNote(folder).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list baseline folder " + folder, e);
        }
    }

    private static List<Path> resultsFiles(Path fileOrFolder, List<String> leftOut) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> files = Files.walk(fileOrFolder, 2)) {
            return files.filter(f -> f.getFileName().toString().equals("results.json"))
                    .filter(f -> !(fileOrFolder.equals(f.getParent().getParent())
                            && leftOut.contains(f.getParent().getFileName().toString())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list baseline folder " + fileOrFolder, e);
        }
    }

    /** The tolerance of the comparison. */
    public Tolerance tolerance() {
        return tolerance;
    }

    /** Whether the baseline has results of {@code scenario}. */
    public boolean covers(String scenario) {
        return byScenario.containsKey(scenario);
    }

    /**
     * The verdicts of every figure of {@code current} that the baseline also has; none for another
     * scenario. Without the current run's interval logs: latency by the fallback rule.
     */
    public List<RegressionVerdict> compare(ResultsDocument current) {
        return compare(current, IntervalSource.NONE);
    }

    /** The verdicts of a run written to its folder, with its interval logs. */
    public List<RegressionVerdict> compare(RunFolder current) {
        return covers(current.scenario()) ? compare(current.document(), LoggedIntervals.of(current)) : List.of();
    }

    /** The verdicts of a report's seed run, with its interval logs. */
    public List<RegressionVerdict> compare(ScenarioSection.SeedRun current) {
        return covers(current.document().scenario())
                ? compare(current.document(), LoggedIntervals.read(current.hlogFiles())) : List.of();
    }

    private List<RegressionVerdict> compare(ResultsDocument current, IntervalSource currentIntervals) {
        ResultsDocument before = byScenario.get(current.scenario());
        return before == null ? List.of() : BaselineComparison.compare(before, intervalsOf(current.scenario()),
                current, currentIntervals, tolerance);
    }

    private synchronized IntervalSource intervalsOf(String scenario) {
        return intervals.computeIfAbsent(scenario, s -> folders.containsKey(s)
                ? LoggedIntervals.of(folders.get(s)) : IntervalSource.NONE);
    }

    /** The scenarios of the baseline that have no interval logs (their latency is compared by the fallback rule). */
    public synchronized List<String> withoutIntervalLogs() {
        return byScenario.keySet().stream().filter(s -> !intervalsOf(s).available()).toList();
    }

    /**
     * What the console says of the comparison for a run of {@code scenarios}: {@link #describe()},
     * and which of them the baseline has no results of. Those are not compared, and without this
     * line a baseline of other scenarios (a folder of another run) passed a run as if nothing had
     * regressed.
     */
    public String describe(Collection<String> scenarios) {
        List<String> uncovered = scenarios.stream().filter(s -> !covers(s)).toList();
        return describe() + (uncovered.isEmpty() ? ""
                : "\ngate: the baseline has no results of " + String.join(", ", uncovered)
                        + ": not compared, only their budgets judge them");
    }

    /**
     * What the console says of the comparison: the method and its seed, which scenario folders of the
     * baseline's folder were left out (an earlier run's), and which baselines lack interval logs.
     */
    public String describe() {
        List<String> without = withoutIntervalLogs();
        return BaselineComparison.method(tolerance) + leftOut + (without.isEmpty() ? ""
                : "\ngate: the baseline has no interval logs (.hlog) of " + String.join(", ", without)
                        + ": their latency p50 is compared by threshold and floor only, p99 not gated");
    }
}
