package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a strategy's latency series as an HdrHistogram interval log ({@code .hlog}) readable
 * by {@link org.HdrHistogram.HistogramLogReader} and HdrHistogram's HistogramLogProcessor:
 * one interval histogram per interval of trace time, metric, phase and kind, tagged
 * {@code strategy=S;metric=M;phase=P;kind=corrected|raw} (the log format ends a tag at a
 * comma, so the parts are joined with semicolons). Interval timestamps are seconds since the
 * report's origin; values are nanoseconds (the max column in ms).
 *
 * <p>Stateless; any thread, but not while another thread reads the same report.
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
     * report's origin), then interval by interval the non-empty histograms of every series
     * (metric, phase, corrected then raw). The interval histograms are built one window at a
     * time ({@link LatencyReport#forEachInterval}) and let go once written.
     */
    public static void write(OutputStream out, String strategy, LatencyReport report, long startEpochMillis) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment("LiveTalk latency intervals of strategy " + strategy + ", values in ns");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMillis);
        writer.outputLegend();
        double seconds = report.intervalNanos() / 1e9;
        Map<Long, Histogram> encoders = new HashMap<>();
        report.forEachInterval(Set.copyOf(LatencyReport.PHASES), true, interval -> {
            for (Metric metric : LatencyReport.METRICS) {
                for (Phase phase : LatencyReport.PHASES) {
                    LatencySeries.Interval histograms = interval.of(metric, phase);
                    if (histograms != null) {
                        write(writer, encoders, histograms.corrected(), tag(strategy, metric, phase, true),
                                interval.index(), seconds);
                        write(writer, encoders, histograms.raw(), tag(strategy, metric, phase, false),
                                interval.index(), seconds);
                    }
                }
            }
        });
        writer.close();
    }

    /**
     * Writes {@code histogram} through a copy: encoding a histogram leaves on it a buffer of 9
     * bytes per count (HdrHistogram keeps it for the next encoding), more than its counts take,
     * and the window's histograms are all held while it is written and then kept for the next
     * window; so each is copied into the one histogram of its size ({@code encoders}, by highest
     * trackable value: the same counts array and the same encoding) and that one is encoded.
     * The log holds the same bytes, and the buffers are one per size, not one per histogram.
     */
    private static void write(HistogramLogWriter writer, Map<Long, Histogram> encoders, AbstractHistogram histogram,
                              String tag, long index, double seconds) {
        Histogram encoded = encoders.computeIfAbsent(histogram.getHighestTrackableValue(),
                v -> new Histogram(histogram));
        histogram.copyInto(encoded);
        encoded.setTag(tag);
        writer.outputIntervalHistogram(index * seconds, (index + 1) * seconds, encoded, NANOS_PER_MILLI);
    }
}
