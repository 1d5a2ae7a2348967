package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

class HlogWriterTest {

    @Test
    void shouldWriteTaggedIntervalsThatHdrHistogramsReaderReadsBack() {
        LatencyReport report = new LatencyReport(new Phases(List.of()), 0, ms(1_000));
        report.record(Metric.PEER_FINAL, ms(100), ms(100), ms(150));  // interval 0
        report.record(Metric.PEER_FINAL, ms(900), ms(950), ms(1_200)); // interval 1
        report.record(Metric.ECHO, ms(1_000), ms(1_000), ms(1_001));   // interval 1
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HlogWriter.write(out, "reconcile", report, 1_700_000_000_000L);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> maxima = new HashMap<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) next;
            String key = h.getTag() + "@" + h.getStartTimeStamp() / 1000;
            counts.merge(key, h.getTotalCount(), Long::sum);
            maxima.merge(key, h.getMaxValue(), Math::max);
        }
        String corrected = HlogWriter.tag("reconcile", Metric.PEER_FINAL, Phase.ALL, true);
        String raw = HlogWriter.tag("reconcile", Metric.PEER_FINAL, Phase.BEFORE, false);
        assertThat(corrected).isEqualTo("strategy=reconcile;metric=peer-final;phase=all;kind=corrected");
        assertThat(reader.getStartTimeSec()).isEqualTo(1_700_000_000.0);
        assertThat(counts).containsEntry(corrected + "@1700000000", 1L).containsEntry(corrected + "@1700000001", 1L)
                .containsEntry(raw + "@1700000001", 1L)
                .containsEntry(HlogWriter.tag("reconcile", Metric.ECHO, Phase.ALL, true) + "@1700000001", 1L);
        assertThat(maxima.get(corrected + "@1700000001")).isBetween(ms(300), ms(301));
        assertThat(maxima.get(raw + "@1700000001")).isBetween(ms(250), ms(251));
    }

    /**
     * The report's percentile chart sums the interval histograms read back from the log: that
     * sum must give the figures of results.json (the whole-run histogram), to the nanosecond.
     */
    @Test
    void shouldReadBackIntervalsThatSumToTheWholeRunFigures() {
        long seed = 99L;
        SplittableRandom random = new SplittableRandom(seed);
        LatencyReport report = new LatencyReport(new Phases(List.of()), 0, ms(1_000));
        for (int i = 0; i < 20_000; i++) {
            long at = random.nextLong(ms(10_000));
            long latency = (long) (Math.exp(random.nextDouble() * 12) * 1_000); // 1 us .. 160 ms
            report.record(Metric.PEER_FIRST, at, at, at + latency);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HlogWriter.write(out, "reconcile", report, 1_700_000_000_000L);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        String tag = HlogWriter.tag("reconcile", Metric.PEER_FIRST, Phase.ALL, true);
        Histogram sum = new Histogram(LatencySeries.SIGNIFICANT_DIGITS);
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            if (tag.equals(next.getTag())) {
                sum.add((Histogram) next);
            }
        }
        Histogram whole = report.series(Metric.PEER_FIRST, Phase.ALL).corrected();
        assertThat(sum.getTotalCount()).isEqualTo(whole.getTotalCount()).isEqualTo(20_000);
        for (double percentile : new double[] {50, 90, 99, 99.9, 100}) {
            assertThat(sum.getValueAtPercentile(percentile)).as("p%s, seed %d", percentile, seed)
                    .isEqualTo(whole.getValueAtPercentile(percentile));
        }
        assertThat(sum.getMaxValue()).isEqualTo(whole.getMaxValue());
    }
}
