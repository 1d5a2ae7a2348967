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
        // interval histograms keep 2 significant digits: the max is within 1% above the value
        assertThat(maxima.get(corrected + "@1700000001")).isBetween(ms(300), ms(303));
        assertThat(maxima.get(raw + "@1700000001")).isBetween(ms(250), ms(253));
    }
}
