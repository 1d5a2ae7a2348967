package dev.livetalk.reports;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.StrategyResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalLogTest {

    @Test
    void shouldSumIntervalsToTheCountOfTheResultsDocument() {
        RunFolder outage = RunFolder.read(Fixtures.suite().resolve("outage/results.json"));
        IntervalLog log = IntervalLog.read(List.of(outage.folder().resolve("reconcile.hlog")));
        StrategyResult reconcile = outage.document().strategy("reconcile");

        for (String metric : List.of("echo", "ack", "peer-first", "peer-final")) {
            Histogram total = log.total(new SeriesTag("reconcile", metric, "all", true));
            LatencyFigures figures = reconcile.latency(metric, "all");
            assertThat(total.getTotalCount()).as(metric).isEqualTo(figures.corrected().count()).isPositive();
            assertThat(total.getMaxValue()).as(metric).isEqualTo(figures.corrected().max());
        }
    }

    @Test
    void shouldGiveIntervalTimesSinceTheLogStart() {
        IntervalLog log = IntervalLog.read(List.of(Fixtures.suite().resolve("outage/reconcile.hlog")));

        List<IntervalLog.Interval> intervals = log.corrected("reconcile", "peer-final", "all");

        assertThat(intervals).isNotEmpty();
        assertThat(intervals.get(0).startSeconds()).isBetween(0.0, 1.0);
        assertThat(intervals.get(0).endSeconds() - intervals.get(0).startSeconds()).isEqualTo(1.0);
        assertThat(log.endSeconds()).isBetween(5.0, 60.0);
    }

    @Test
    void shouldNameFileAndLineOfAMalformedInterval(@TempDir Path temp) throws IOException {
        Path hlog = temp.resolve("bad.hlog");
        Files.writeString(hlog, "#[StartTime: 1795950581.661 (seconds since epoch)]\n"
                + "Tag=strategy=a;metric=echo;phase=all;kind=corrected,0.000,1.000,2.560,notbase64!\n");

        assertThatThrownBy(() -> IntervalLog.read(List.of(hlog)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(hlog + ":2: not a compressed histogram");
    }

    @Test
    void shouldParseTagsAndNameWhatIsWrong() {
        assertThat(SeriesTag.parse("strategy=gap-fill;metric=peer-final;phase=during;kind=raw"))
                .isEqualTo(new SeriesTag("gap-fill", "peer-final", "during", false));
        assertThatThrownBy(() -> SeriesTag.parse("strategy=a;metric=echo;phase=all"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs strategy, metric, phase and kind");
        assertThatThrownBy(() -> SeriesTag.parse("strategy=a;metric=echo;phase=all;kind=fast"))
                .hasMessage("series tag kind must be corrected or raw: strategy=a;metric=echo;phase=all;kind=fast");
    }
}
