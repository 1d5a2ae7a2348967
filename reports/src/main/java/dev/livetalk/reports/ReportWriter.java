package dev.livetalk.reports;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.gate.Verdict;

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
 * is compared with it. The run's {@link Verdict} is made here, once, from the sections and their
 * comparisons (and why the run stopped, if it did); every part of the report follows it.
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
     * @param sections per scenario, its runs and baseline comparisons
     * @param verdict  the run's verdict
     */
    public record Report(Path index, Path summary, List<ComparedSection> sections, Verdict verdict) {
        public Report {
            sections = List.copyOf(sections);
        }

        /** Whether the run passed. */
        public boolean passed() {
            return verdict.passed();
        }
    }

    /**
     * Reads {@code resultsFiles} and writes their report into {@code outDir}.
     *
     * @throws IllegalArgumentException when a file is not a results document or the merge refuses them
     */
    public static Report write(List<Path> resultsFiles, Path outDir, Optional<Baseline> baseline) throws IOException {
        return write(resultsFiles, outDir, baseline, Optional.empty());
    }

    /** Reads {@code resultsFiles} and writes their report, of a run that stopped early when {@code stop} says so. */
    public static Report write(List<Path> resultsFiles, Path outDir, Optional<Baseline> baseline,
                               Optional<RunStop> stop) throws IOException {
        return write(resultsFiles, outDir, baseline, stop, false);
    }

    /** As {@link #write(List, Path, Optional, Optional)}, with health problems gating when {@code strict}. */
    public static Report write(List<Path> resultsFiles, Path outDir, Optional<Baseline> baseline,
                               Optional<RunStop> stop, boolean strict) throws IOException {
        return writeRuns(resultsFiles.stream().map(RunFolder::read).toList(), outDir, baseline, stop, strict);
    }

    /** Writes the report of {@code runs} (already read) into {@code outDir}. */
    public static Report writeRuns(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline) throws IOException {
        return writeRuns(runs, outDir, baseline, Optional.empty());
    }

    /**
     * Writes the report of {@code runs} (already read) into {@code outDir}; a run that stopped
     * early ({@code stop}) may have no results at all.
     */
    public static Report writeRuns(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline,
                                   Optional<RunStop> stop) throws IOException {
        return writeRuns(runs, outDir, baseline, stop, false);
    }

    /**
     * Writes the report of {@code runs} (already read) into {@code outDir}, judged with health
     * problems gating when {@code strict} ({@code --strict}).
     */
    public static Report writeRuns(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline,
                                   Optional<RunStop> stop, boolean strict) throws IOException {
        return writeRuns(runs, outDir, baseline, stop, strict, List.of());
    }

    /**
     * As {@link #writeRuns(List, Path, Optional, Optional, boolean)}, for a run merged from
     * {@code shards} ({@code run --shard}; none: not merged), whose environments the report shows.
     */
    public static Report writeRuns(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline,
                                   Optional<RunStop> stop, boolean strict, List<ShardOrigin> shards) throws IOException {
        return writeRuns(runs, outDir, baseline, stop, strict, shards,
                baseline.map(Baseline::tolerance).orElse(Tolerance.DEFAULT));
    }

    /**
     * As {@link #writeRuns(List, Path, Optional, Optional, boolean, List)}, with two versions of a
     * strategy played side by side ({@link VersionComparison}) compared under {@code tolerance}.
     */
    public static Report writeRuns(List<RunFolder> runs, Path outDir, Optional<Baseline> baseline,
                                   Optional<RunStop> stop, boolean strict, List<ShardOrigin> shards,
                                   Tolerance tolerance) throws IOException {
        if (runs.isEmpty() && stop.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one results document");
        }
        Files.createDirectories(outDir);
        removeOldCharts(outDir.resolve(ChartFiles.FOLDER));
        List<ComparedSection> sections = Merge.sections(runs).stream()
                .map(s -> ComparedSection.of(s, baseline.orElse(null), tolerance)).toList();
        Verdict verdict = Verdict.of(sections.stream().flatMap(s -> s.checkedRuns().stream()).toList(), stop)
                .strict(strict);
        List<ScenarioCharts> charts = render(sections, outDir);
        Path index = outDir.resolve("index.html");
        Files.writeString(index, IndexPage.html(sections, verdict, charts, baseline.isPresent(),
                JmhResults.read(outDir), shards, outDir), StandardCharsets.UTF_8);
        Path summary = outDir.resolve("summary.md");
        Files.writeString(summary, SummaryMarkdown.of(sections, verdict, baseline.isPresent(), shards),
                StandardCharsets.UTF_8);
        return new Report(index, summary, sections, verdict);
    }

    private static List<ScenarioCharts> render(List<ComparedSection> sections, Path outDir) throws IOException {
        int threads = Math.max(1, Math.min(sections.size(), Runtime.getRuntime().availableProcessors()));
        AtomicInteger names = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "report-charts-" + names.incrementAndGet()))) {
            List<Future<ScenarioCharts>> futures = new ArrayList<>();
            for (int i = 0; i < sections.size(); i++) {
                ScenarioSection section = sections.get(i).section();
                String prefix = String.format(java.util.Locale.ROOT, "%02d-%s", i + 1, ChartFiles.slug(section.scenario()));
                TradeOff tradeOff = sections.get(i).tradeOff();
                futures.add(pool.submit(() -> ScenarioCharts.render(section, tradeOff, outDir, prefix)));
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
