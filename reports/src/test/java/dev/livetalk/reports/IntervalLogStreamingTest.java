package dev.livetalk.reports;

import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.gate.IntervalSeries;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The interval log streamed (one interval histogram decoded at a time) gives the charts and the
 * gate what reading the whole log gives them, and keeps none of the interval histograms.
 */
class IntervalLogStreamingTest {
    private static final List<String> STRATEGIES = List.of("a", "b");
    private static final List<String> METRICS = List.of("echo", "peer-final", "scheduling-lag");
    private static final List<String> PHASES = List.of("all", "during");

    @Test
    void shouldGiveTheChartsWhatTheWholeLogGives(@TempDir Path temp) throws IOException {
        Path hlog = temp.resolve("a.hlog");
        write(hlog, 40, 11);
        Map<SeriesTag, List<Decoded>> whole = readWhole(hlog);

        IntervalLog log = IntervalLog.read(List.of(hlog));

        assertThat(whole).hasSize(STRATEGIES.size() * METRICS.size() * PHASES.size() * 2);
        for (var e : whole.entrySet()) {
            List<IntervalLog.Interval> streamed = log.intervals(e.getKey());
            assertThat(streamed).as(e.getKey().toString()).hasSameSizeAs(e.getValue());
            Histogram total = new Histogram(3);
            for (int i = 0; i < streamed.size(); i++) {
                Decoded d = e.getValue().get(i);
                assertThat(streamed.get(i).startSeconds()).isCloseTo(d.start(), within(1e-6));
                assertThat(streamed.get(i).endSeconds()).isCloseTo(d.end(), within(1e-6));
                assertThat(streamed.get(i).p99()).isEqualTo(d.histogram().getValueAtPercentile(99));
                total.add(d.histogram());
            }
            assertThat(log.total(e.getKey())).as(e.getKey().toString()).isEqualTo(total);
            assertThat(log.total(e.getKey()).getTotalCount()).isPositive();
        }
        assertThat(log.endSeconds()).isEqualTo(40.0);
    }

    @Test
    void shouldGiveTheGateTheRecordedValuesOfTheWholeLogsNonEmptyIntervals(@TempDir Path temp) throws IOException {
        Path hlog = temp.resolve("a.hlog");
        write(hlog, 40, 12);
        Map<SeriesTag, List<Decoded>> whole = readWhole(hlog);

        IntervalSource source = LoggedIntervals.read(List.of(hlog));

        int compared = 0;
        for (var e : whole.entrySet()) {
            SeriesTag tag = e.getKey();
            IntervalSeries streamed = source.corrected(tag.strategy(), tag.metric(), tag.phase());
            if (!tag.corrected() || tag.metric().equals("scheduling-lag")) {
                continue;
            }
            IntervalSeries expected = IntervalSeries.of(e.getValue().stream().map(Decoded::histogram).toList());
            long nonEmpty = e.getValue().stream().filter(d -> d.histogram().getTotalCount() > 0).count();
            assertThat(streamed.size()).as(tag.toString()).isEqualTo(nonEmpty).isPositive();
            if (tag.metric().equals("echo")) {
                assertThat(nonEmpty).as("the log's empty intervals left out").isLessThan(e.getValue().size());
            }
            assertThat(streamed).as(tag.toString()).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(STRATEGIES.size() * 2 * PHASES.size());
        assertThat(source.corrected("a", "scheduling-lag", "all").isEmpty()).isTrue();
    }

    @Test
    void shouldKeepNoIntervalHistogramWhateverTheLogsLength(@TempDir Path temp) throws IOException {
        Path hlog = temp.resolve("a.hlog");
        write(hlog, 300, 13);
        List<WeakReference<Object>> decoded = new ArrayList<>();
        IntervalLog.Summary summary = new IntervalLog.Summary();
        LoggedIntervals.Collector collector = new LoggedIntervals.Collector();

        IntervalLog.forEach(List.of(hlog), t -> true, (tag, start, end, histogram) -> {
            decoded.add(new WeakReference<>(histogram));
            summary.accept(tag, start, end, histogram);
            collector.accept(tag, start, end, histogram);
        });
        IntervalLog log = summary.log();
        IntervalSource source = collector.source();

        assertThat(decoded).hasSize(300 * STRATEGIES.size() * METRICS.size() * PHASES.size() * 2);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (decoded.stream().anyMatch(r -> r.get() != null) && Instant.now().isBefore(deadline)) {
            System.gc();
        }
        assertThat(decoded.stream().filter(r -> r.get() != null).count())
                .as("interval histograms still reachable after collections").isZero();
        assertThat(log.corrected("a", "echo", "all")).hasSize(300);
        assertThat(source.corrected("a", "echo", "all").size()).isGreaterThan(250);
    }

    /** One interval as the whole log decodes it. */
    private record Decoded(double start, double end, Histogram histogram) {
    }

    private static Map<SeriesTag, List<Decoded>> readWhole(Path hlog) throws IOException {
        Map<SeriesTag, List<Decoded>> series = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            double base = reader.getStartTimeSec();
            series.computeIfAbsent(SeriesTag.parse(h.getTag()), t -> new ArrayList<>())
                    .add(new Decoded(h.getStartTimeStamp() / 1000.0 - base, h.getEndTimeStamp() / 1000.0 - base,
                            (Histogram) h));
        }
        reader.close();
        return series;
    }

    /**
     * A log shaped like {@code HlogWriter}'s: start time, relative 1 s intervals, every series
     * tagged, 3 digits; seeded values from 0.1 ms to about 2 s, every seventh interval of the
     * corrected echo series empty.
     */
    static void write(Path file, int intervals, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_795_950_581_661L);
            writer.outputLegend();
            for (int i = 0; i < intervals; i++) {
                for (String strategy : STRATEGIES) {
                    for (String metric : METRICS) {
                        for (String phase : PHASES) {
                            for (boolean corrected : new boolean[] {true, false}) {
                                Histogram h = new Histogram(3);
                                boolean empty = corrected && metric.equals("echo") && i % 7 == 3;
                                int n = empty ? 0 : 50 + random.nextInt(200);
                                for (int k = 0; k < n; k++) {
                                    h.recordValue((long) (100_000 * Math.exp(random.nextDouble() * 10)));
                                }
                                h.setTag("strategy=" + strategy + ";metric=" + metric + ";phase=" + phase + ";kind="
                                        + (corrected ? "corrected" : "raw"));
                                writer.outputIntervalHistogram(i, i + 1, h, 1e6);
                            }
                        }
                    }
                }
            }
        }
    }
}
