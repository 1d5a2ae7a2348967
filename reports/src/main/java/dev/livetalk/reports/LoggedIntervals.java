package dev.livetalk.reports;

import dev.livetalk.metrics.gate.BaselineComparison;
import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.results.ResultsDocument;
import org.HdrHistogram.AbstractHistogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The gate's view of a run's {@code STRATEGY.hlog} files: the corrected series, health metrics
 * left out. Not available when none of the files the results document names is there (a lone
 * {@code results.json}).
 *
 * <p>Read once when built; any thread afterwards.
 */
public final class LoggedIntervals implements IntervalSource {
    private final IntervalLog log;

    private LoggedIntervals(IntervalLog log) {
        this.log = log;
    }

    /** The intervals in {@code files} that exist; {@link IntervalSource#NONE} when none does. */
    static IntervalSource read(List<Path> files) {
        List<Path> present = files.stream().filter(Files::isRegularFile).toList();
        if (present.isEmpty()) {
            return IntervalSource.NONE;
        }
        return new LoggedIntervals(IntervalLog.read(present,
                tag -> tag.corrected() && !BaselineComparison.HEALTH_METRICS.contains(tag.metric())));
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
    public List<? extends AbstractHistogram> corrected(String strategy, String metric, String phase) {
        return log.corrected(strategy, metric, phase).stream().map(IntervalLog.Interval::histogram)
                .filter(h -> h.getTotalCount() > 0).toList();
    }
}
