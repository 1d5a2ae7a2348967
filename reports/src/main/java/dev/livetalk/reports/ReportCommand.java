package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Tolerance;

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
 * for its {@code results.json} and those of its sub-folders (the output of a suite run).
 * Returns the exit code: {@link #OK} when every budget holds and nothing regressed,
 * {@link #BUDGET_FAILED} otherwise, {@link #INVALID_INPUT} for bad arguments or files (the
 * reason on {@code err}), {@link #HARNESS_FAILED} when the report cannot be written.
 *
 * <p>Called by one thread.
 */
public final class ReportCommand {
    public static final int OK = 0;
    public static final int HARNESS_FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int BUDGET_FAILED = 99;

    private ReportCommand() {
    }

    /**
     * Runs the command.
     *
     * @param inputs    results files or folders of results
     * @param outDir    where the report goes
     * @param baseline  an earlier results file or run folder, or null
     * @param tolerance the baseline tolerance
     * @param out       the summary table and where the report is
     * @param err       errors
     */
    public static int run(List<Path> inputs, Path outDir, Path baseline, Tolerance tolerance, PrintWriter out,
                          PrintWriter err) {
        try {
            List<Path> files = resultsFiles(inputs);
            Optional<Baseline> base = baseline == null ? Optional.empty() : Optional.of(loadBaseline(baseline, tolerance));
            ReportWriter.Report report = ReportWriter.write(files, outDir, base);
            out.print(SummaryMarkdown.of(report.verdicts(), base.isPresent()));
            out.println("report in " + report.index().toAbsolutePath().normalize());
            out.flush();
            return report.passed() ? OK : BUDGET_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("livetalk report: " + e.getMessage());
            err.flush();
            return INVALID_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("livetalk report: cannot write the report into " + outDir + ": " + e.getMessage());
            err.flush();
            return HARNESS_FAILED;
        }
    }

    private static Baseline loadBaseline(Path baseline, Tolerance tolerance) {
        if (!Files.exists(baseline)) {
            throw new IllegalArgumentException("--baseline: no such file or folder: " + baseline);
        }
        return Baseline.load(baseline, tolerance);
    }

    /**
     * The results files of {@code inputs}: files as given, folders expanded to their
     * {@code results.json} and those one level below, sorted.
     */
    static List<Path> resultsFiles(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("give at least one results.json or folder of results");
        }
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> found = folder(input);
                if (found.isEmpty()) {
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
            return walk.filter(f -> f.getFileName().toString().equals("results.json") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
