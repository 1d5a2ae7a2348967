package dev.livetalk.reports;

import dev.livetalk.metrics.gate.RunStop;
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
        ReportWriter.Report report = ReportWriter.write(files, outDir, base, stop(inputs), strict);
        out.print(SummaryMarkdown.of(report.sections(), report.verdict(), base.isPresent()));
        out.println("report in " + report.index().toAbsolutePath().normalize());
        out.flush();
        return report;
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
            return walk.filter(f -> f.getFileName().toString().equals("results.json") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
