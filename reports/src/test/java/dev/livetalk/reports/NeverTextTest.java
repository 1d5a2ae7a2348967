package dev.livetalk.reports;

import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A latency that never happened reads "never" wherever the reports show it, and sorts above every latency. */
class NeverTextTest {

    @Test
    void shouldWriteNeverForTheNeverFigureAndForInfinity() {
        assertThat(FigureText.duration(Percentiles.NEVER)).isEqualTo("never");
        assertThat(FigureText.duration(KeyFigures.nanos(Percentiles.NEVER))).isEqualTo("never");
        assertThat(FigureText.duration(KeyFigures.nanos(5_000_000))).isEqualTo("5.0 ms");
    }

    @Test
    void shouldTakeNeverAsTheUpperEndOfASpreadOfSeeds() {
        KeyFigures fast = new KeyFigures(0, 0, 0, 0, 100, 5e6, 0, 0);
        KeyFigures lossy = new KeyFigures(3, 0, 0, 0, 50, KeyFigures.nanos(Percentiles.NEVER), 0, 0);
        KeyFigures.Spread spread = KeyFigures.Spread.of(List.of(fast, lossy, lossy), KeyFigures::peerFinalP99Nanos);
        assertThat(FigureText.spread(spread, FigureText::duration)).isEqualTo("5.0 ms..never (median never)");
    }

    @Test
    void shouldSayAChangeFromOrToNeverInsteadOfAPercentage() {
        double never = Percentiles.NEVER;
        assertThat(SummaryMarkdown.change(new RegressionVerdict("e", "peer-final p99 all", 5e6, never, false, "")))
                .isEqualTo("now never FAIL");
        assertThat(SummaryMarkdown.change(new RegressionVerdict("e", "peer-final p99 all", never, 5e6, true, "")))
                .isEqualTo("was never");
        assertThat(SummaryMarkdown.change(new RegressionVerdict("e", "peer-final p99 all", never, never, true, "")))
                .isEqualTo("still never");
        assertThat(SummaryMarkdown.change(new RegressionVerdict("e", "peer-final p99 all", 5e6, 10e6, false, "")))
                .isEqualTo("+100.0% FAIL");
    }
}
