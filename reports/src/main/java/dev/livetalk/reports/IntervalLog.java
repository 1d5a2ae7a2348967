package dev.livetalk.reports;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;

/**
 * What the charts need of the series of one or more HdrHistogram interval logs ({@code .hlog},
 * log format 1.3 as {@code HistogramLogWriter} writes it), by tag: per interval its time and
 * p99 (the latency-over-time chart), per series every interval summed into one histogram (the
 * percentile chart). Interval times are seconds since the log's {@code StartTime} (the end of
 * the warm-up, the fault schedule's clock).
 *
 * <p>The log is streamed ({@link #forEach}): one interval histogram is decoded at a time, folded
 * into its series' sum and p99 and dropped, so reading holds one histogram per series plus a few
 * numbers per interval, whatever the run's length (an hour's log decoded whole held gigabytes).
 *
 * <p>The lines are read here rather than with {@code HistogramLogReader}, which decodes every
 * interval of every series into a long-count {@code Histogram}: this class skips the series
 * nobody asked for before decoding (most of them) and decodes the rest into
 * {@link IntCountsHistogram}s (half the memory to clear; an interval never holds 2^31
 * samples), which is what keeps a suite's report within seconds. Packed histograms are
 * smaller still but decode three times slower.
 *
 * <p>Built once by {@link #read}; read-only afterwards, by the thread that renders its charts.
 */
public final class IntervalLog {
    private static final double YEAR_SECONDS = 365 * 24 * 3600.0;

    /** One interval of one series, as the charts keep it: its time and its p99 (ns). */
    public record Interval(double startSeconds, double endSeconds, long p99) {
    }

    /** Receives the intervals of a log one at a time. */
    @FunctionalInterface
    interface IntervalConsumer {
        /** One interval; {@code histogram} is valid during the call only (it is not kept). */
        void accept(SeriesTag tag, double startSeconds, double endSeconds, AbstractHistogram histogram);
    }

    /** One series: its intervals' times and p99s, and their sum. */
    private record Series(List<Interval> intervals, Histogram total) {
    }

    private final Map<SeriesTag, Series> series;

    private IntervalLog(Map<SeriesTag, Series> series) {
        this.series = series;
    }

    /** Reads every series of {@code files}. */
    public static IntervalLog read(List<Path> files) {
        return read(files, tag -> true);
    }

    /**
     * Reads the series of {@code files} that {@code wanted} accepts.
     *
     * @throws UncheckedIOException when a file cannot be read
     * @throws IllegalArgumentException when a line is malformed or untagged (naming file and line)
     */
    public static IntervalLog read(List<Path> files, Predicate<SeriesTag> wanted) {
        Summary summary = new Summary();
        forEach(files, wanted, summary);
        return summary.log();
    }

    /** Folds streamed intervals into their series' p99s and sums, keeping no interval histogram. */
    static final class Summary implements IntervalConsumer {
        private final Map<SeriesTag, Series> series = new LinkedHashMap<>();

        @Override
        public void accept(SeriesTag tag, double startSeconds, double endSeconds, AbstractHistogram histogram) {
            Series s = series.computeIfAbsent(tag, t -> new Series(new ArrayList<>(), new Histogram(3)));
            s.intervals().add(new Interval(startSeconds, endSeconds, histogram.getValueAtPercentile(99)));
            s.total().add(histogram);
        }

        /** The log of the intervals accepted so far. */
        IntervalLog log() {
            series.values().forEach(s -> ((ArrayList<Interval>) s.intervals()).trimToSize());
            return new IntervalLog(series);
        }
    }

    /**
     * Streams the intervals of {@code files} that {@code wanted} accepts to {@code consumer}, in
     * log order, one decoded histogram at a time.
     *
     * @throws UncheckedIOException when a file cannot be read
     * @throws IllegalArgumentException when a line is malformed or untagged (naming file and line)
     */
    static void forEach(List<Path> files, Predicate<SeriesTag> wanted, IntervalConsumer consumer) {
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
                new FileReading(file, wanted, consumer).readAll(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read interval log " + file, e);
            }
        }
    }

    /** The reading of one file: its start time and which tags are wanted. */
    private static final class FileReading {
        private final Path file;
        private final Predicate<SeriesTag> wanted;
        private final IntervalConsumer consumer;
        private final Map<String, SeriesTag> tags = new HashMap<>();
        private double startTime = Double.NaN;
        private int lineNumber;

        FileReading(Path file, Predicate<SeriesTag> wanted, IntervalConsumer consumer) {
            this.file = file;
            this.wanted = wanted;
            this.consumer = consumer;
        }

        void readAll(BufferedReader reader) throws IOException {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("#[StartTime: ")) {
                    startTime = Double.parseDouble(line.substring(13, line.indexOf(' ', 13)));
                } else if (line.startsWith("Tag=")) {
                    interval(line);
                } else if (!line.startsWith("#") && !line.startsWith("\"StartTimestamp\"") && !line.isBlank()) {
                    throw malformed("every interval histogram must be tagged strategy=...;metric=...");
                }
            }
        }

        private void interval(String line) {
            String[] parts = line.split(",", 5);
            if (parts.length != 5) {
                throw malformed("an interval line has tag, start, length, max and histogram");
            }
            SeriesTag tag = tags.computeIfAbsent(parts[0].substring(4), t -> {
                SeriesTag parsed = SeriesTag.parse(t);
                return wanted.test(parsed) ? parsed : null;
            });
            if (tag == null) {
                return;
            }
            double start = relative(Double.parseDouble(parts[1]));
            double end = start + Double.parseDouble(parts[2]);
            consumer.accept(tag, start, end, decode(parts[4]));
        }

        /** Seconds since the start time; timestamps written relative to it (as HlogWriter does) stay. */
        private double relative(double timestamp) {
            boolean absolute = !Double.isNaN(startTime) && timestamp >= startTime - YEAR_SECONDS;
            return absolute ? timestamp - startTime : timestamp;
        }

        private AbstractHistogram decode(String base64) {
            try {
                return IntCountsHistogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(base64.trim())), 0);
            } catch (DataFormatException | IllegalArgumentException e) {
                throw malformed("not a compressed histogram: " + e.getMessage());
            }
        }

        private IllegalArgumentException malformed(String rule) {
            return new IllegalArgumentException(file + ":" + lineNumber + ": " + rule);
        }
    }

    /** The intervals of a series in log order; empty when the log has none. */
    public List<Interval> intervals(SeriesTag tag) {
        Series s = series.get(tag);
        return s == null ? List.of() : Collections.unmodifiableList(s.intervals());
    }

    /** The corrected intervals of a strategy's metric in a phase. */
    public List<Interval> corrected(String strategy, String metric, String phase) {
        return intervals(new SeriesTag(strategy, metric, phase, true));
    }

    /** Every interval of a series summed into one histogram (empty without intervals); read it, do not change it. */
    public Histogram total(SeriesTag tag) {
        Series s = series.get(tag);
        return s == null ? new Histogram(3) : s.total();
    }

    /** The end of the last interval of any series, in seconds; 0 without intervals. */
    public double endSeconds() {
        return series.values().stream().flatMap(s -> s.intervals().stream()).mapToDouble(Interval::endSeconds).max()
                .orElse(0);
    }
}
