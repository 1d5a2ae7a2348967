package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.AbstractHistogram;
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
 * <p>Stateless; any thread, but not while another thread writes the same report (each interval
 * histogram carries the tag during its write).
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
        TreeMap<Long, List<Tagged>> intervals = new TreeMap<>();
        for (Metric metric : LatencyReport.METRICS) {
            for (Phase phase : LatencyReport.PHASES) {
                for (Map.Entry<Long, LatencySeries.Interval> e : report.series(metric, phase).intervals().entrySet()) {
                    List<Tagged> slot = intervals.computeIfAbsent(e.getKey(), i -> new ArrayList<>());
                    slot.add(new Tagged(e.getValue().corrected(), tag(strategy, metric, phase, true)));
                    slot.add(new Tagged(e.getValue().raw(), tag(strategy, metric, phase, false)));
                }
            }
        }
        double seconds = report.intervalNanos() / 1e9;
        intervals.forEach((index, histograms) -> histograms.forEach(h -> h.write(writer, index * seconds,
                (index + 1) * seconds)));
        writer.close();
    }

    /**
     * A histogram and the tag it is written with. The tag is set for the write and put back
     * after it, rather than written on a copy: copying every interval histogram took longer
     * than encoding it.
     */
    private record Tagged(AbstractHistogram histogram, String tag) {
        void write(HistogramLogWriter writer, double start, double end) {
            String previous = histogram.getTag();
            histogram.setTag(tag);
            try {
                writer.outputIntervalHistogram(start, end, histogram, NANOS_PER_MILLI);
            } finally {
                histogram.setTag(previous);
            }
        }
    }
}
