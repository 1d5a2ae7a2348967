package dev.livetalk.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the report of results documents into a folder: {@code index.html}, {@code summary.md}
 * and {@code charts/} (PNG and SVG). Documents of one scenario are merged ({@link Merge}):
 * shards of one seed side by side, several seeds as a spread. With a baseline, every figure
 * is compared with it.
 *
 * <p>Called by one thread; charts are drawn by a pool of {@code report-charts-N} threads, one
 * scenario per task, which ends before {@link #write} returns.
 */
public final class ReportWriter {
    static {
        // before any AWT class decides: charts are drawn off-screen, also on machines with a display
        System.setProperty("java.awt.headless", "true");
    }

    private ReportWriter() {
    }

    /**
     * What was written and the verdict.
     *
     * @param index    the page
     * @param summary  the Markdown summary
     * @param verdicts per scenario, the budgets and baseline verdicts
     */
    public record Report(Path index, Path summary, List<ScenarioVerdict> verdicts) {
        public Report {
            verdicts = List.copyOf(verdicts);
        }

        /** Whether every budget holds and nothing regressed. */
        public boolean passed() {
            return verdicts.stream().allMatch(ScenarioVerdict::passed);
        }
    }

    /**
     * Reads {@code resultsFiles} and writes their report into {@code outDir}.
     *
     * @throws IllegalArgumentException when a file is not a results document or the merge refuses them
     */
    public static Report write(List<Path> resultsFiles, Path outDir, Optional<Baseline> baseline) throws IOException {
        return writeRuns(resultsFiles.stream().map(RunFolder::read).toList(), outDir, baseline);
    }

    /** Writes the report of {@code runs} (already read) into {@code outDir}. */
    public static Report writeRuns(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one results document");
        }
        Files.createDirectories(outDir);
        removeOldCharts(outDir.resolve(ChartFiles.FOLDER));
        List<ScenarioVerdict> verdicts = Merge.sections(runs).stream()
                .map(s -> ScenarioVerdict.of(s, baseline.orElse(null))).toList();
        List<ScenarioCharts> charts = render(verdicts, outDir);
        Path index = outDir.resolve("index.html");
        Files.writeString(index, IndexPage.html(verdicts, charts, baseline.isPresent(),
                JmhResults.read(outDir)), StandardCharsets.UTF_8);
        Path summary = outDir.resolve("summary.md");
        Files.writeString(summary, SummaryMarkdown.of(verdicts, baseline.isPresent()), StandardCharsets.UTF_8);
        return new Report(index, summary, verdicts);
    }

    private static List<ScenarioCharts> render(List<ScenarioVerdict> verdicts, Path outDir) throws IOException {
        int threads = Math.max(1, Math.min(verdicts.size(), Runtime.getRuntime().availableProcessors()));
        AtomicInteger names = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "report-charts-" + names.incrementAndGet()))) {
            List<Future<ScenarioCharts>> futures = new ArrayList<>();
            for (int i = 0; i < verdicts.size(); i++) {
                ScenarioSection section = verdicts.get(i).section();
                String prefix = String.format(java.util.Locale.ROOT, "%02d-%s", i + 1, ChartFiles.slug(section.scenario()));
                futures.add(pool.submit(() -> ScenarioCharts.render(section, outDir, prefix)));
            }
            List<ScenarioCharts> charts = new ArrayList<>();
            for (Future<ScenarioCharts> f : futures) {
                charts.add(f.get());
            }
            return charts;
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the charts", e);
        }
    }

    private static IOException unwrap(ExecutionException e) {
        return switch (e.getCause()) {
            case IOException io -> io;
            case UncheckedIOException io -> io.getCause();
            case RuntimeException r -> throw r;
            case Error error -> throw error;
            default -> new IOException("drawing a chart failed", e.getCause());
        };
    }

    /** Deletes the PNG and SVG files of an earlier report, so no stale chart stays behind. */
    private static void removeOldCharts(Path charts) throws IOException {
        if (!Files.isDirectory(charts)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(charts, "*.{png,svg}")) {
            for (Path f : files) {
                Files.delete(f);
            }
        }
    }
}
