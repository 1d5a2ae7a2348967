package dev.livetalk.reports;

import dev.livetalk.metrics.gate.BaselineComparison;
import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.gate.IntervalSeries;
import dev.livetalk.metrics.results.ResultsDocument;
import org.HdrHistogram.AbstractHistogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The gate's view of a run's {@code STRATEGY.hlog} files: the corrected series, health metrics
 * left out, each kept as an {@link IntervalSeries} (per interval its samples per bin, no
 * histogram), empty intervals left out. Not available when none of the files the results document names is there
 * (a lone {@code results.json}).
 *
 * <p>The logs are streamed ({@link IntervalLog#forEach}): one interval histogram is decoded at a
 * time, folded into its series and let go.
 *
 * <p>Read once when built; any thread afterwards.
 */
public final class LoggedIntervals implements IntervalSource {
    /** The series the gate reads: corrected, health metrics left out. */
    static final Predicate<SeriesTag> WANTED =
            tag -> tag.corrected() && !BaselineComparison.HEALTH_METRICS.contains(tag.metric());

    private final Map<SeriesTag, IntervalSeries> series;

    private LoggedIntervals(Map<SeriesTag, IntervalSeries> series) {
        this.series = series;
    }

    /** The intervals in {@code files} that exist; {@link IntervalSource#NONE} when none does. */
    static IntervalSource read(List<Path> files) {
        List<Path> present = files.stream().filter(Files::isRegularFile).toList();
        if (present.isEmpty()) {
            return IntervalSource.NONE;
        }
        Collector collector = new Collector();
        IntervalLog.forEach(present, WANTED, collector);
        return collector.source();
    }

    /** Keeps the recorded values of each non-empty streamed interval, not its histogram. */
    static final class Collector implements IntervalLog.IntervalConsumer {
        private final Map<SeriesTag, IntervalSeries.Builder> series = new HashMap<>();

        @Override
        public void accept(SeriesTag tag, double startSeconds, double endSeconds, AbstractHistogram histogram) {
            series.computeIfAbsent(tag, t -> new IntervalSeries.Builder()).add(histogram);
        }

        /** The source of the intervals accepted so far. */
        LoggedIntervals source() {
            Map<SeriesTag, IntervalSeries> built = new HashMap<>();
            series.forEach((tag, builder) -> built.put(tag, builder.build()));
            return new LoggedIntervals(built);
        }
    }

    /** The interval logs of {@code run}. */
    static IntervalSource of(RunFolder run) {
        return of(run.folder(), run.document());
    }

    /** The interval logs that {@code document}, read from {@code folder}, names; {@link IntervalSource#NONE} without. */
    public static IntervalSource of(Path folder, ResultsDocument document) {
        return read(document.strategies().stream().flatMap(s -> s.hlogs().stream().map(folder::resolve)).toList());
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public IntervalSeries corrected(String strategy, String metric, String phase) {
        return series.getOrDefault(new SeriesTag(strategy, metric, phase, true), IntervalSeries.EMPTY);
    }
}
