package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a strategy's latency series as an HdrHistogram interval log ({@code .hlog}) readable
 * by {@link org.HdrHistogram.HistogramLogReader} and HdrHistogram's HistogramLogProcessor:
 * one interval histogram per interval of trace time, metric, phase and kind, tagged
 * {@code strategy=S;metric=M;phase=P;kind=corrected|raw} (the log format ends a tag at a
 * comma, so the parts are joined with semicolons). Interval timestamps are seconds since the
 * report's origin; values are nanoseconds (the max column in ms).
 *
 * <p>Stateless; any thread.
 */
public final class HlogWriter {
    private static final double NANOS_PER_MILLI = 1e6;

    private HlogWriter() {
    }

    /** The tag of one series. */
    public static String tag(String strategy, Metric metric, Phase phase, boolean corrected) {
        return "strategy=" + strategy + ";metric=" + metric.expressionName() + ";phase=" + phase.expressionName()
                + ";kind=" + (corrected ? "corrected" : "raw");
    }

    /** Writes {@code file}; see {@link #write(OutputStream, String, LatencyReport, long)}. */
    public static void write(Path file, String strategy, LatencyReport report, long startEpochMillis)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, strategy, report, startEpochMillis);
        }
    }

    /**
     * Writes the log: a header with {@code startEpochMillis} (the wall-clock time of the
     * report's origin), then interval by interval the non-empty histograms of every series.
     */
    public static void write(OutputStream out, String strategy, LatencyReport report, long startEpochMillis) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment("LiveTalk latency intervals of strategy " + strategy + ", values in ns");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMillis);
        writer.outputLegend();
        TreeMap<Long, List<Histogram>> intervals = new TreeMap<>();
        for (Metric metric : LatencyReport.METRICS) {
            for (Phase phase : LatencyReport.PHASES) {
                for (Map.Entry<Long, LatencySeries.Interval> e : report.series(metric, phase).intervals().entrySet()) {
                    List<Histogram> slot = intervals.computeIfAbsent(e.getKey(), i -> new ArrayList<>());
                    slot.add(tagged(e.getValue().corrected(), tag(strategy, metric, phase, true)));
                    slot.add(tagged(e.getValue().raw(), tag(strategy, metric, phase, false)));
                }
            }
        }
        double seconds = report.intervalNanos() / 1e9;
        intervals.forEach((index, histograms) -> histograms.forEach(h -> writer.outputIntervalHistogram(
                index * seconds, (index + 1) * seconds, h, NANOS_PER_MILLI)));
        writer.close();
    }

    private static Histogram tagged(Histogram histogram, String tag) {
        Histogram copy = histogram.copy();
        copy.setTag(tag);
        return copy;
    }
}
