package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftMinute;
import dev.livetalk.metrics.drift.MinuteLatency;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The interval histograms a strategy's report builds from its kept samples are the ones a
 * packed histogram per series and interval, fed every sample as it came, would hold: several
 * rooms recorded one after the other, each over every interval (as a run is measured), give the
 * same histograms and the same interval log byte for byte, whether the samples stayed in memory
 * or went to a file; and the file is deleted on close.
 */
class LatencyIntervalsTest {
    private static final long SEED = 2026L;
    private static final int INTERVALS = 120;
    private static final int ROOMS = 5;
    private static final int PER_SECOND = 30;
    /** Samples the spill buffers: a few thousand, so that the samples make several flushes. */
    private static final int BUFFER = 4_096;
    private static final long START_MILLIS = 1_700_000_000_000L;

    private final Phases phases = new Phases(List.of(new TraceWindow("outage", 0, ms(30_000), ms(60_000), List.of(),
            false)));
    /** Per tag and interval, a live packed histogram fed every sample: what the report held before. */
    private final Map<String, TreeMap<Long, PackedHistogram>> live = new HashMap<>();

    /**
     * Room by room, each room's samples over every interval, with latencies from 0 to 40 s (the
     * histograms resize as they grow, which their encoding shows): {@code ROOMS * INTERVALS *
     * PER_SECOND} samples, several times the spill's buffer.
     */
    private void record(LatencyReport report) {
        record(report, INTERVALS, PER_SECOND);
    }

    private void record(LatencyReport report, int seconds, int perSecond) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int room = 0; room < ROOMS; room++) {
            for (int second = 0; second < seconds; second++) {
                for (int i = 0; i < perSecond; i++) {
                    Metric metric = LatencyReport.METRICS.get(random.nextInt(LatencyReport.METRICS.size()));
                    long intended = ms(second * 1_000 + random.nextInt(1_000));
                    long actual = intended + (random.nextInt(4) == 0 ? random.nextLong(ms(2)) : 0);
                    long latency = (long) Math.exp(random.nextDouble() * Math.log(ms(40_000)));
                    long completed = Math.min(actual + latency, ms(seconds * 1_000 - 1));
                    report.record(metric, "room-" + room, intended, actual, completed);
                    long interval = completed / ms(1_000);
                    for (Phase phase : List.of(Phase.ALL, phases.of(intended))) {
                        liveOf(metric, phase, true, interval).recordValue(Math.max(0, completed - intended));
                        liveOf(metric, phase, false, interval).recordValue(Math.max(0, completed - actual));
                    }
                }
            }
        }
    }

    private PackedHistogram liveOf(Metric metric, Phase phase, boolean corrected, long interval) {
        return live.computeIfAbsent(HlogWriter.tag("s", metric, phase, corrected), t -> new TreeMap<>())
                .computeIfAbsent(interval, i -> new PackedHistogram(LatencySeries.SIGNIFICANT_DIGITS));
    }

    /** 1 GB: in memory; 16 kB: in a file. */
    @ParameterizedTest
    @ValueSource(longs = {1L << 30, 16L << 10})
    void shouldBuildTheHistogramsEverySampleFedLiveWouldHold(long memoryLimit) {
        try (LatencyReport report = new LatencyReport(phases, 0, ms(1_000), memoryLimit, BUFFER)) {
            record(report);
            assertThat(report.spill().samples()).isGreaterThan(4L * BUFFER);

            int[] compared = {0};
            List<Long> indices = new ArrayList<>();
            report.forEachInterval(Set.copyOf(LatencyReport.PHASES), true, interval -> {
                indices.add(interval.index());
                for (Metric metric : LatencyReport.METRICS) {
                    for (Phase phase : LatencyReport.PHASES) {
                        LatencySeries.Interval built = interval.of(metric, phase);
                        PackedHistogram corrected = live.getOrDefault(HlogWriter.tag("s", metric, phase, true),
                                new TreeMap<>()).get(interval.index());
                        if (corrected == null) {
                            assertThat(built).as("%s %s %d", metric, phase, interval.index()).isNull();
                            continue;
                        }
                        assertThat(built.corrected()).as("%s %s %d, seed %d", metric, phase, interval.index(), SEED)
                                .isEqualTo(corrected);
                        assertThat(built.raw()).isEqualTo(live.get(HlogWriter.tag("s", metric, phase, false))
                                .get(interval.index()));
                        compared[0]++;
                    }
                }
            });
            assertThat(indices).isSorted().doesNotHaveDuplicates().hasSize(INTERVALS);
            assertThat(compared[0]).isEqualTo(live.values().stream().mapToInt(Map::size).sum() / 2);
            assertThat(report.spill().file() != null).as("samples in a file").isEqualTo(memoryLimit < (1L << 20));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 30, 16L << 10})
    void shouldWriteTheIntervalLogTheLiveHistogramsWrite(long memoryLimit) {
        // a third of the intervals, each three times as full: as many samples (several spill buffers), a
        // third of the histograms to encode (encoding each histogram of up to 40 s twice took 15 s)
        int seconds = INTERVALS / 3;
        try (LatencyReport report = new LatencyReport(phases, 0, ms(1_000), memoryLimit, BUFFER)) {
            record(report, seconds, 3 * PER_SECOND);
            assertThat(report.spill().samples()).isGreaterThan(4L * BUFFER);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            HlogWriter.write(written, "s", report, START_MILLIS);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            HistogramLogWriter writer = new HistogramLogWriter(expected);
            writer.outputComment("LiveTalk latency intervals of strategy s, values in ns");
            writer.outputLogFormatVersion();
            writer.outputStartTime(START_MILLIS);
            writer.outputLegend();
            int lines = 0;
            for (long interval = 0; interval < seconds; interval++) {
                for (Metric metric : LatencyReport.METRICS) {
                    for (Phase phase : LatencyReport.PHASES) {
                        for (boolean corrected : new boolean[] {true, false}) {
                            String tag = HlogWriter.tag("s", metric, phase, corrected);
                            PackedHistogram h = live.getOrDefault(tag, new TreeMap<>()).get(interval);
                            if (h != null) {
                                h.setTag(tag);
                                writer.outputIntervalHistogram(interval, interval + 1, h, 1e6);
                                lines++;
                            }
                        }
                    }
                }
            }
            writer.close();

            assertThat(lines).as("interval histograms, seed %d", SEED).isGreaterThan(seconds * 20);
            assertThat(written.toString()).as("seed %d", SEED).isEqualTo(expected.toString());
        }
    }

    /** The drift's minutes, summed from the samples, are those of the live interval histograms summed. */
    @Test
    void shouldGiveTheDriftOfTheLiveIntervalHistograms() {
        int seconds = 200;
        try (LatencyReport report = new LatencyReport(phases, 0, ms(1_000), 16L << 10, BUFFER)) {
            record(report, seconds, 8);
            Drift drift = Drift.of(report, List.of(), Duration.ofSeconds(seconds));

            assertThat(drift.minutes()).hasSize(3);
            for (DriftMinute minute : drift.minutes()) {
                for (Metric metric : LatencyReport.METRICS) {
                    Histogram sum = new Histogram(LatencySeries.SIGNIFICANT_DIGITS);
                    live.getOrDefault(HlogWriter.tag("s", metric, Phase.ALL, true), new TreeMap<>())
                            .subMap(60L * minute.minute(), 60L * (minute.minute() + 1)).values().forEach(sum::add);
                    Percentiles p = Percentiles.of(sum);
                    assertThat(p.count()).isPositive();
                    assertThat(minute.latency(metric.expressionName())).as("minute %d %s, seed %d", minute.minute(),
                            metric, SEED).isEqualTo(new MinuteLatency(metric.expressionName(), p.count(), p.p50(),
                            p.p99(), p.max(), 0));
                }
            }
        }
    }

    @Test
    void shouldDeleteTheFileOnClose() {
        LatencyReport report = new LatencyReport(phases, 0, ms(1_000), 16L << 10, BUFFER);
        record(report);
        report.forEachInterval(Set.of(Phase.ALL), false, i -> { });
        Path file = report.spill().file();
        assertThat(file).isNotNull().exists();
        assertThat(file.getFileName().toString()).startsWith("livetalk-intervals-");

        report.close();

        assertThat(Files.exists(file)).as("%s after close", file).isFalse();
        assertThatThrownBy(() -> report.forEachInterval(Set.of(Phase.ALL), false, i -> { }))
                .isInstanceOf(IllegalStateException.class);
        report.close(); // again: nothing to do
    }

    @Test
    void shouldKeepFewSamplesInMemory() {
        try (LatencyReport report = new LatencyReport(phases, 0, ms(1_000))) {
            record(report);
            report.forEachInterval(Set.of(Phase.ALL), false, i -> { });
            assertThat(report.spill().file()).isNull();
        }
    }
}
